/** Numbers and times as the pages print them. Bytes in binary units, as SM and XO show them. */
import { formatBytes } from '@/lib/cli/format-units';
import { formatDuration } from '@/lib/analysis/format';

export { formatBytes };

/** "42.0 MiB/s". */
export const formatRate = (bytesPerSec: number) => `${formatBytes(bytesPerSec)}/s`;

export const formatPercent = (fraction: number) => `${Math.round(fraction * 100)}%`;

/** "just now", "12 s ago", "3 m ago", "2 h 05 m ago". */
export function formatAgo(atMs: number, nowMs: number): string {
  const ms = Math.max(0, nowMs - atMs);
  return ms < 2_000 ? 'just now' : `${formatDuration(ms)} ago`;
}

const SAME_DAY = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const OTHER_DAY = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const OTHER_DAY_SECONDS = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const CLOCK = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const FULL = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const FULL_ZONE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'long' });

/** Local time: the clock alone today, else the day too. */
export function formatWhen(atMs: number, nowMs: number): string {
  const sameDay = new Date(atMs).toDateString() === new Date(nowMs).toDateString();
  return (sameDay ? SAME_DAY : OTHER_DAY).format(atMs);
}

/** Log lines: to the second, the day too when it is not today. */
export function formatStamp(atMs: number, nowMs: number): string {
  const sameDay = new Date(atMs).toDateString() === new Date(nowMs).toDateString();
  return (sameDay ? SAME_DAY : OTHER_DAY_SECONDS).format(atMs);
}

/** Chart ticks: minutes are enough. */
export function formatTick(atMs: number, nowMs: number): string {
  const sameDay = new Date(atMs).toDateString() === new Date(nowMs).toDateString();
  return (sameDay ? CLOCK : OTHER_DAY).format(atMs);
}

/** For `title` attributes and <time dateTime>: the whole date. */
export const formatFull = (atMs: number) => FULL.format(atMs);
/** The whole date with its time zone, where UTC schedules and local times meet. */
export const formatFullZone = (atMs: number) => FULL_ZONE.format(atMs);
export const isoTime = (atMs: number) => new Date(atMs).toISOString();

/** "1 disk", "2 disks". */
export const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** First 8 hex digits of a uuid, as SM prints VDIs. */
export const shortUuid = (uuid: string) => uuid.slice(0, 8);
