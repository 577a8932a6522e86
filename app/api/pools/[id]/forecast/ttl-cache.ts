// One computed value per key for a while: pages poll every few seconds, a forecast changes by the minute.

export interface TtlCache<K, V> {
  /** The cached value while it is fresh; otherwise runs `compute` once, however many callers wait. */
  get(key: K, compute: () => Promise<V>): Promise<V>;
  /** Drops the key's value: the next `get` computes afresh (after a change it depends on). */
  forget(key: K): void;
}

export function ttlCache<K, V>(ttlMs: number, nowMs: () => number): TtlCache<K, V> {
  const entries = new Map<K, { expiresAtMs: number; value: Promise<V> }>();
  return {
    get(key, compute) {
      const now = nowMs();
      const entry = entries.get(key);
      if (entry && entry.expiresAtMs > now) return entry.value;
      for (const [k, e] of entries) if (e.expiresAtMs <= now) entries.delete(k);
      const value = compute();
      entries.set(key, { expiresAtMs: now + ttlMs, value });
      // A failure is not kept: the next poll tries again.
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
    forget(key) {
      entries.delete(key);
    },
  };
}
