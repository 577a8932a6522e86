/** Round times for a chart's time axis: every 5 min, 1 h, 6 h… so ticks read 08:00, 09:00, not 07:16, 07:35. */
const MINUTE = 60_000;
const STEPS = [1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map((m) => m * MINUTE);

/**
 * At most `maxTicks` ticks inside [fromMs, toMs], on multiples of a round step in local time
 * (`offsetMinutes` east of UTC, so whole hours fall on the local clock's whole hours).
 */
export function timeTicks(fromMs: number, toMs: number, maxTicks: number, offsetMinutes: number): number[] {
  if (!(toMs > fromMs) || maxTicks < 1) return [];
  const step = STEPS.find((s) => (toMs - fromMs) / s <= maxTicks) ?? STEPS[STEPS.length - 1];
  const shift = offsetMinutes * MINUTE;
  const ticks: number[] = [];
  for (let t = Math.ceil((fromMs + shift) / step) * step - shift; t <= toMs; t += step) ticks.push(t);
  return ticks;
}
