import { describe, expect, it } from 'vitest';
import { ttlCache } from './ttl-cache';

describe('ttlCache', () => {
  it('computes once per key while fresh, again once expired', async () => {
    let now = 0;
    let runs = 0;
    const cache = ttlCache<number, number>(30_000, () => now);
    const compute = async () => ++runs;
    expect(await Promise.all([cache.get(1, compute), cache.get(1, compute)])).toEqual([1, 1]);
    expect(await cache.get(2, compute)).toBe(2);
    now = 29_999;
    expect(await cache.get(1, compute)).toBe(1);
    now = 30_000;
    expect(await cache.get(1, compute)).toBe(3);
  });

  it('forgets a failure, so the next caller computes again', async () => {
    const cache = ttlCache<string, string>(30_000, () => 0);
    await expect(cache.get('a', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('a', async () => 'ok')).toBe('ok');
  });
});
