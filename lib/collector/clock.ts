import { printable } from '../printable';

/** Time for the collector, replaceable in tests (a simulated pool's clock, fake timers). */
export interface Clock {
  nowMs(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  nowMs: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Where the collector says what it does. Lines name the pool, never a credential; names and
 * errors from a pool are its text, so a logger writes them through `printable`.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export const consoleLogger: Logger = {
  info: (message) => console.log(`[chainwatch collector] ${printable(message)}`),
  warn: (message) => console.warn(`[chainwatch collector] ${printable(message)}`),
};

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined };
