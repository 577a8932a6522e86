/**
 * A backup schedule written by hand, for jobs the snapshot history cannot show (a new job,
 * a job run from another XO instance). Five-field cron as XO's schedules use it
 * (`minute hour day-of-month month day-of-week`), read in UTC like every time here.
 */

export interface CronSchedule {
  expression: string;
  minutes: boolean[];
  hours: boolean[];
  daysOfMonth: boolean[];
  months: boolean[];
  /** 0 = Sunday. */
  daysOfWeek: boolean[];
  /** Cron's rule: when both day fields are restricted, a day matching either one runs. */
  dayOfMonthRestricted: boolean;
  dayOfWeekRestricted: boolean;
}

export type CronParseResult = { ok: true; schedule: CronSchedule } | { ok: false; error: string };

export interface CronOverride {
  scope: 'pool' | 'vm';
  /** Pool uuid or VM uuid. */
  targetId: string;
  cron: string;
  label?: string;
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

const MACROS: Record<string, string> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
};

function parseValue(text: string, spec: FieldSpec): number | null {
  const named = spec.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return named + (spec.name === 'month' ? 1 : 0);
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value >= spec.min && value <= spec.max ? value : null;
}

/** One field (`*`, `5`, `1-5`, `0-30/10`, `mon-fri`, lists of those) → the values it allows. */
function parseField(text: string, spec: FieldSpec): boolean[] | string {
  const allowed = new Array<boolean>(spec.max + 1).fill(false);
  for (const part of text.split(',')) {
    const [range, stepText, extra] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (extra !== undefined || !Number.isInteger(step) || step < 1) return `bad step in ${spec.name} "${part}"`;
    let from: number | null;
    let to: number | null;
    if (range === '*') {
      from = spec.min;
      to = spec.max;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-');
      from = parseValue(a, spec);
      to = parseValue(b, spec);
    } else {
      from = parseValue(range, spec);
      to = stepText === undefined ? from : spec.max;
    }
    if (from === null || to === null || from > to) return `bad ${spec.name} "${part}" (allowed ${spec.min}-${spec.max})`;
    for (let v = from; v <= to; v += step) allowed[v] = true;
  }
  return allowed;
}

export function parseCron(expression: string): CronParseResult {
  const trimmed = expression.trim();
  const fields = (MACROS[trimmed.toLowerCase()] ?? trimmed).split(/\s+/);
  if (fields.length !== 5) {
    return { ok: false, error: `A cron schedule has 5 fields (minute hour day-of-month month day-of-week); "${expression}" has ${fields.length}.` };
  }
  const parsed: boolean[][] = [];
  for (let i = 0; i < 5; i++) {
    const result = parseField(fields[i], FIELDS[i]);
    if (typeof result === 'string') return { ok: false, error: `Cron "${expression}": ${result}.` };
    parsed.push(result);
  }
  const daysOfWeek = parsed[4].slice(0, 7);
  if (parsed[4][7]) daysOfWeek[0] = true;
  return {
    ok: true,
    schedule: {
      expression: trimmed,
      minutes: parsed[0],
      hours: parsed[1],
      daysOfMonth: parsed[2],
      months: parsed[3],
      daysOfWeek,
      dayOfMonthRestricted: !fields[2].startsWith('*'),
      dayOfWeekRestricted: !fields[4].startsWith('*'),
    },
  };
}

function dayMatches(s: CronSchedule, d: Date): boolean {
  const dom = s.daysOfMonth[d.getUTCDate()];
  const dow = s.daysOfWeek[d.getUTCDay()];
  if (s.dayOfMonthRestricted && s.dayOfWeekRestricted) return dom || dow;
  return dom && dow;
}

const MINUTE_MS = 60_000;
/** Far enough for `0 0 29 2 1` (a Monday 29 February); a schedule silent for longer never runs. */
const SEARCH_LIMIT_MS = 30 * 366 * 24 * 3600_000;

/** The first run strictly after `afterMs`, or null when the schedule never runs (`0 0 30 2 *`). */
export function nextCronOccurrence(schedule: CronSchedule, afterMs: number): number | null {
  const d = new Date(Math.floor(afterMs / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
  const limit = afterMs + SEARCH_LIMIT_MS;
  while (d.getTime() <= limit) {
    if (!schedule.months[d.getUTCMonth() + 1]) {
      d.setUTCMonth(d.getUTCMonth() + 1, 1);
      d.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(schedule, d)) {
      d.setUTCDate(d.getUTCDate() + 1);
      d.setUTCHours(0, 0, 0, 0);
    } else if (!schedule.hours[d.getUTCHours()]) {
      d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
    } else if (!schedule.minutes[d.getUTCMinutes()]) {
      d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
    } else {
      return d.getTime();
    }
  }
  return null;
}

/** The override that applies to a VM: its own beats its pool's. */
export function overrideFor(overrides: readonly CronOverride[], vmUuid: string, poolId?: string): CronOverride | null {
  return (
    overrides.find((o) => o.scope === 'vm' && o.targetId === vmUuid) ??
    overrides.find((o) => o.scope === 'pool' && poolId !== undefined && o.targetId === poolId) ??
    null
  );
}
