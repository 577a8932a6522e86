/**
 * The loop around one PoolCollector, uptime-kuma style: a timer that schedules its own next
 * run, after a staggered first delay; no step can throw out of it; failures back off (capped,
 * jittered); `stop()` ends it cleanly, interrupting a pending event wait.
 */
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import type { Clock } from './clock';
import type { PoolCollector } from './pool-collector';
import type { StepResult } from './types';

export interface PoolLoopOptions {
  clock: Clock;
  /** Delay before the first step (staggers many pools). */
  initialDelayMs?: number;
  /** Pause between event steps, so a burst of changes is written once. */
  eventDebounceMs?: number;
  backoff?: BackoffOptions;
  /** Called after every step (tests and the CLI watch progress through it). */
  onStep?: (result: StepResult) => void;
}

export interface PoolLoop {
  stop(): Promise<void>;
}

const DEFAULT_EVENT_DEBOUNCE_MS = 200;

export function startPoolLoop(collector: PoolCollector, options: PoolLoopOptions): PoolLoop {
  const { clock } = options;
  let stopped = false;
  let timer: unknown = null;
  let running: Promise<void> | null = null;
  let failures = 0;

  const schedule = (delayMs: number) => {
    timer = clock.setTimeout(() => {
      timer = null;
      running = runStep().finally(() => {
        running = null;
      });
    }, delayMs);
  };

  const nextDelayMs = (result: StepResult): number => {
    if (result.ok) {
      failures = 0;
      return result.kind === 'events' ? (options.eventDebounceMs ?? DEFAULT_EVENT_DEBOUNCE_MS) : 0;
    }
    if (result.reconnectNow) return 0;
    failures++;
    return backoffDelayMs(failures, options.backoff ?? DEFAULT_BACKOFF);
  };

  const runStep = async () => {
    if (stopped) return;
    let result: StepResult;
    try {
      result = await collector.step();
    } catch (err) {
      // step() records its own failures; this guards the loop against anything else.
      result = { ok: false, kind: 'events', error: (err as Error).message, reconnectNow: false };
    }
    if (stopped) return;
    schedule(nextDelayMs(result));
    options.onStep?.(result);
  };

  schedule(options.initialDelayMs ?? 0);

  return {
    async stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      await collector.stop();
      await running;
    },
  };
}
