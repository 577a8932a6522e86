// Slows down password guessing: after 5 failures for a key (client address + name) within
// 15 minutes, further attempts are refused until the window passes.
const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES = 5;

export class LoginThrottle {
  private failures = new Map<string, number[]>();

  isBlocked(key: string, nowMs: number): boolean {
    return this.recent(key, nowMs).length >= MAX_FAILURES;
  }

  recordFailure(key: string, nowMs: number): void {
    const list = this.recent(key, nowMs);
    list.push(nowMs);
    this.failures.set(key, list);
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value as string);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, nowMs: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => nowMs - t < WINDOW_MS);
  }
}
