/**
 * Seeded pseudo-random numbers for the simulated pool: the world never calls Math.random, so
 * one seed always replays the same pool, SMlog and backup history.
 */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** `value` scaled by a uniform factor in [1 - spread, 1 + spread]. */
  jitter(value: number, spread: number): number;
  pick<T>(items: readonly T[]): T;
  /** A random (version 4 shaped) uuid. */
  uuid(): string;
}

/** mulberry32: tiny, fast, and good enough for simulation noise. */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (digits: number): string => {
    let out = '';
    for (let i = 0; i < digits; i++) out += Math.floor(next() * 16).toString(16);
    return out;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    jitter: (value, spread) => value * (1 - spread + 2 * spread * next()),
    pick: (items) => items[Math.floor(next() * items.length)],
    uuid: () => {
      const variant = (8 + Math.floor(next() * 4)).toString(16);
      return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
    },
  };
}
