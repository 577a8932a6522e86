/**
 * Wakes every pending long poll at once: `event.from` and hung calls re-check the world after
 * a change, a fault flip, a logout or a shutdown, and otherwise sleep until their deadline.
 */
export class Waker {
  private readonly waiters = new Set<() => void>();

  wake(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const waiter of waiters) waiter();
  }

  /** Resolves on the next `wake()`, after `timeoutMs`, or when `signal` aborts, whichever comes first. */
  wait(timeoutMs: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) {
        resolve();
        return;
      }
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      this.waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
