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

const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

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
  const hex8 = (): string => {
    const n = Math.floor(next() * 4294967296);
    return HEX_BYTES[n >>> 24] + HEX_BYTES[(n >>> 16) & 255] + HEX_BYTES[(n >>> 8) & 255] + HEX_BYTES[n & 255];
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    jitter: (value, spread) => value * (1 - spread + 2 * spread * next()),
    pick: (items) => items[Math.floor(next() * items.length)],
    uuid: () => {
      const [a, b, c, d] = [hex8(), hex8(), hex8(), hex8()];
      const variant = (8 + (parseInt(c[0], 16) & 3)).toString(16);
      return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
    },
  };
}
