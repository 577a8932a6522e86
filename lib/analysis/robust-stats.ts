/** Outlier-proof summaries: one bad reading must not move a forecast. */

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median absolute deviation divided by the median: 0 = all equal; null when it cannot be told. */
export function relativeSpread(values: readonly number[]): number | null {
  const centre = median(values);
  if (centre === null || centre === 0 || values.length < 2) return null;
  const deviations = values.map((v) => Math.abs(v - centre));
  return (median(deviations) ?? 0) / Math.abs(centre);
}

/**
 * Confidence of a median from its sample: grows with the count (1 → 0.28, 3 → 0.63,
 * 10 → 0.96) and falls with the spread (a relative MAD of 0.5 halves it).
 */
export function sampleConfidence(count: number, spread: number | null): number {
  if (count <= 0) return 0;
  const fromCount = 1 - Math.exp(-count / 3);
  const fromSpread = 1 / (1 + 2 * (spread ?? 0.25));
  return round2(fromCount * fromSpread);
}

export const round2 = (x: number): number => Math.round(x * 100) / 100;

export const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
