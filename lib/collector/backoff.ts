/**
 * Delay before the next attempt after `failures` failures in a row: doubling from `baseMs`,
 * capped at `maxMs`, then jittered into [half, whole] so many collectors that lost the same
 * pool do not all come back at the same instant.
 */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** A number in [0, 1): Math.random in production, fixed in tests. */
  random: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 60_000, random: Math.random };

export function backoffDelayMs(failures: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  if (failures <= 0) return 0;
  const exponent = Math.min(failures - 1, 30);
  const capped = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  return Math.round(capped / 2 + (capped / 2) * options.random());
}
