/** Words and numbers for the reasons the forecasts give: one format everywhere. */
import type { Confidence } from './types';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Within this of now, a time is said to be "now" (a forecast's "due now", a page's "now"). */
export const NOW_WINDOW_MS = 30_000;

/** "45 s", "12 m", "3 h 10 m", "1 h 05 m", "2 d 04 h". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'unknown';
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms < MINUTE_MS) return `${Math.round(ms / 1000)} s`;
  const totalMinutes = Math.round(ms / MINUTE_MS);
  if (totalMinutes < 60) return `${totalMinutes} m`;
  const totalHours = Math.floor(totalMinutes / 60);
  if (totalHours < 24) return `${totalHours} h ${pad2(totalMinutes % 60)} m`;
  const roundedHours = Math.round(ms / HOUR_MS);
  return `${Math.floor(roundedHours / 24)} d ${pad2(roundedHours % 24)} h`;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** Decimal units, 3 significant digits at most: "950 MB", "4.2 GB", "12 KB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'unknown';
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 999.5 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const text = value >= 9.95 || unit === 0 ? String(Math.round(value)) : value.toFixed(1);
  return `${sign}${text} ${UNITS[unit]}`;
}

/** "42 MB/s". */
export function formatRate(bytesPerSec: number): string {
  return `${formatBytes(bytesPerSec)}/s`;
}

/** "2024-08-21 02:00 UTC": every time the forecasts print is UTC, like the data. */
export function formatUtc(atMs: number): string {
  const d = new Date(atMs);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())} UTC`;
}

export type ConfidenceLevel = 'none' | 'low' | 'medium' | 'high';

export function confidenceLevel(confidence: Confidence): ConfidenceLevel {
  if (confidence <= 0) return 'none';
  if (confidence < 0.4) return 'low';
  if (confidence < 0.7) return 'medium';
  return 'high';
}

/** "1 base copy", "2 base copies". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
