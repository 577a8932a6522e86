/**
 * Syslog timestamps. SMlog is written by syslog in the traditional format (`Aug 21 10:31:08`,
 * `Aug  1 ...` with the day space-padded), which has no year and no zone; newer rsyslog setups
 * write RFC 3339 (`2024-08-21T10:31:08.123456+02:00`). A timestamp without a zone is read as UTC:
 * the log does not say the host's zone, so the dashboard shows host-clock times as UTC.
 */

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const MONTH_NUMBERS = new Map(MONTH_NAMES.map((name, i) => [name as string, i + 1]));
const DAY_MS = 86_400_000;
/** Well inside the range of a JS Date (±8.64e15 ms), so every inferred time stays a valid Date. */
const MAX_REFERENCE_MS = 8e15;
/** Days per month in a leap year: a yearless `Feb 29` is valid until a year is chosen. */
const MAX_DAY = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A traditional syslog timestamp: everything but the year. `month` is 1-12. */
export interface YearlessStamp {
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export type SyslogTimestamp =
  | { kind: 'yearless'; stamp: YearlessStamp; length: number }
  | { kind: 'absolute'; atMs: number; length: number }
  /** The line starts like a timestamp but it is cut or impossible (`Aug 21 10:3`, `Feb 30`). */
  | { kind: 'broken'; reason: string };

const ISO_START = /^\d{4}-\d{2}-\d{2}T/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?(?![\d:.])/;
const BSD_CUT = 'the syslog timestamp is cut (expected "Mon DD HH:MM:SS")';

/** Reads the timestamp at the start of a line; null when the line does not start like syslog at all. */
export function readSyslogTimestamp(line: string): SyslogTimestamp | null {
  const month = MONTH_NUMBERS.get(line.slice(0, 3));
  if (month !== undefined) return readBsd(line, month);
  if (ISO_START.test(line)) return readIso(line);
  return null;
}

/** `Mon DD HH:MM:SS` (day space-padded), read by hand: it starts every line of a large log. */
function readBsd(line: string, month: number): SyslogTimestamp | null {
  let pos = 3;
  while (line[pos] === ' ') pos++;
  // A month name must be followed by spaces and the day to look like syslog at all.
  if (pos === 3 || !isDigit(line, pos)) return null;
  const dayDigits = isDigit(line, pos + 1) ? 2 : 1;
  const day = dayDigits === 2 ? twoDigits(line, pos) : digit(line, pos);
  pos += dayDigits;
  if (line[pos] !== ' ') return { kind: 'broken', reason: BSD_CUT };
  const hour = twoDigits(line, pos + 1);
  const minute = line[pos + 3] === ':' ? twoDigits(line, pos + 4) : -1;
  const second = line[pos + 6] === ':' ? twoDigits(line, pos + 7) : -1;
  const end = pos + 9;
  if (hour < 0 || minute < 0 || second < 0 || isDigit(line, end) || line[end] === ':') {
    return { kind: 'broken', reason: BSD_CUT };
  }
  const stamp: YearlessStamp = { month, day, hour, minute, second };
  if (!isValidClock(stamp)) return { kind: 'broken', reason: `"${line.slice(0, end)}" is not a valid date and time` };
  return { kind: 'yearless', stamp, length: end };
}

function isDigit(text: string, pos: number): boolean {
  const code = text.charCodeAt(pos);
  return code >= 48 && code <= 57;
}

function digit(text: string, pos: number): number {
  return text.charCodeAt(pos) - 48;
}

/** The two-digit number at `pos`, or -1. */
function twoDigits(text: string, pos: number): number {
  return isDigit(text, pos) && isDigit(text, pos + 1) ? digit(text, pos) * 10 + digit(text, pos + 1) : -1;
}

function readIso(line: string): SyslogTimestamp {
  const match = ISO.exec(line);
  if (!match) return { kind: 'broken', reason: 'the RFC 3339 timestamp is cut (expected "YYYY-MM-DDTHH:MM:SS")' };
  const [text, year, month, day, hour, minute, second, fraction, zone] = match;
  const stamp: YearlessStamp = {
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
  };
  if (!isValidClock(stamp) || (stamp.month === 2 && stamp.day === 29 && !isLeapYear(Number(year)))) {
    return { kind: 'broken', reason: `"${text}" is not a valid date and time` };
  }
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const atMs = stampToMs(stamp, Number(year)) + millis - zoneOffsetMs(zone);
  return { kind: 'absolute', atMs, length: text.length };
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

function isValidClock(s: YearlessStamp): boolean {
  return (
    s.month >= 1 &&
    s.month <= 12 &&
    s.day >= 1 &&
    s.day <= MAX_DAY[s.month - 1] &&
    s.hour <= 23 &&
    s.minute <= 59 &&
    s.second <= 60
  );
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Epoch ms of a stamp in a given year, read as UTC (years 0-99 are not shifted to 19xx). */
export function stampToMs(stamp: YearlessStamp, year: number): number {
  if (year >= 100) return Date.UTC(year, stamp.month - 1, stamp.day, stamp.hour, stamp.minute, stamp.second);
  const date = new Date(Date.UTC(2000, stamp.month - 1, stamp.day, stamp.hour, stamp.minute, stamp.second));
  date.setUTCFullYear(year, stamp.month - 1, stamp.day);
  return date.getTime();
}

/** Days before each month in a leap year. */
const DAYS_BEFORE_MONTH = MAX_DAY.map((_, i) => MAX_DAY.slice(0, i).reduce((sum, days) => sum + days, 0));

/** Position within a leap year, to compare stamps before their years are known. */
function positionMs(s: YearlessStamp): number {
  const days = DAYS_BEFORE_MONTH[s.month - 1] + s.day - 1;
  return days * DAY_MS + ((s.hour * 60 + s.minute) * 60 + s.second) * 1000;
}

const MARCH_1_POSITION_MS = DAYS_BEFORE_MONTH[2] * DAY_MS;
const NEW_YEAR: YearlessStamp = { month: 1, day: 1, hour: 0, minute: 0, second: 0 };

/**
 * Infers the years of one log's yearless stamps, fed in file order, read at `referenceMs`.
 *
 * Going forward, a month that goes backward (Dec → Jan) starts the next year; a step back of
 * under a day is not one (lines a second out of order around midnight at a month's end).
 * A line cannot be later than the reference + 1 day (the log was read then; the day absorbs
 * host zones), so the latest line takes the latest year that satisfies that, and every other
 * line follows from it. A `Feb 29` line needs a leap year, so the years step back until each
 * one lands in a leap year (at most 8 years; past that, they are left as they are).
 */
export class SyslogYearInference {
  private readonly offsets: number[] = [];
  private offset = 0;
  private previousMonth = 0;
  private previousPositionMs = 0;
  /** The latest stamp of the last year seen so far. */
  private latest: YearlessStamp | null = null;
  private latestPositionMs = 0;
  private readonly leapDayOffsets = new Set<number>();

  /** Adds the next stamp of the log; returns its position in a leap year, for `positionToMs`. */
  add(stamp: YearlessStamp): number {
    const position = positionMs(stamp);
    if (stamp.month < this.previousMonth && this.previousPositionMs - position > DAY_MS) {
      this.offset++;
      this.latest = null;
    }
    this.offsets.push(this.offset);
    if (this.latest === null || position > this.latestPositionMs) {
      this.latest = stamp;
      this.latestPositionMs = position;
    }
    if (stamp.month === 2 && stamp.day === 29) this.leapDayOffsets.add(this.offset);
    this.previousMonth = stamp.month;
    this.previousPositionMs = position;
    return position;
  }

  /** The year of each stamp added, in order. */
  years(referenceMs: number): number[] {
    if (!(Math.abs(referenceMs) <= MAX_REFERENCE_MS)) {
      throw new RangeError('referenceMs must be an epoch-milliseconds time');
    }
    if (this.latest === null) return [];
    const limitMs = referenceMs + DAY_MS;
    let latestYear = new Date(limitMs).getUTCFullYear();
    if (stampToMs(this.latest, latestYear) > limitMs) latestYear--;
    const base = this.leapSafeBase(latestYear - this.offset);
    return this.offsets.map((o) => base + o);
  }

  private leapSafeBase(base: number): number {
    const leapDayOffsets = [...this.leapDayOffsets];
    for (let candidate = base; candidate > base - 8; candidate--) {
      if (leapDayOffsets.every((o) => isLeapYear(candidate + o))) return candidate;
    }
    return base;
  }
}

/** `SyslogYearInference` over a whole list of stamps. */
export function inferSyslogYears(stamps: readonly YearlessStamp[], referenceMs: number): number[] {
  const inference = new SyslogYearInference();
  for (const stamp of stamps) inference.add(stamp);
  return inference.years(referenceMs);
}

/** Epoch ms of a position from `SyslogYearInference.add` in a given year (`Feb 29` of a common year is Mar 1). */
export function positionToMs(positionMs: number, year: number): number {
  const skipsLeapDay = positionMs >= MARCH_1_POSITION_MS && !isLeapYear(year);
  return stampToMs(NEW_YEAR, year) + positionMs - (skipsLeapDay ? DAY_MS : 0);
}

/** `Aug 21 10:31:08`, `Aug  1 10:31:08`: the traditional syslog timestamp of a UTC instant. */
export function formatSyslogStamp(atMs: number): string {
  const date = new Date(atMs);
  const two = (n: number) => String(n).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, ' ');
  const clock = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  return `${MONTH_NAMES[date.getUTCMonth()]} ${day} ${clock}`;
}
