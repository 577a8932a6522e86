/** When Xen Orchestra's backup schedules fire (its cron patterns reduced to the shapes people use), in UTC. */

export type BackupSchedule =
  /** `MM HH * * *`, or `MM HH * * 1-5` with `weekdaysOnly`. */
  | { kind: 'daily'; hour: number; minute: number; weekdaysOnly?: boolean }
  /** Every `hours` hours at `minute` past the hour (cron step on the hour field). */
  | { kind: 'every-hours'; hours: number; minute: number }
  /** `MM HH * * D`, 0 = Sunday. */
  | { kind: 'weekly'; weekday: number; hour: number; minute: number };

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

function matches(schedule: BackupSchedule, atMs: number): boolean {
  const d = new Date(atMs);
  const [hour, minute, weekday] = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCDay()];
  switch (schedule.kind) {
    case 'daily':
      return hour === schedule.hour && minute === schedule.minute && (!schedule.weekdaysOnly || (weekday >= 1 && weekday <= 5));
    case 'every-hours':
      return minute === schedule.minute && hour % schedule.hours === 0;
    case 'weekly':
      return weekday === schedule.weekday && hour === schedule.hour && minute === schedule.minute;
  }
}

/** The first firing strictly after `afterMs` (whole minutes, like cron). */
export function nextRunAfter(schedule: BackupSchedule, afterMs: number): number {
  let candidate = Math.floor(afterMs / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  // Jump hour by hour once the minute matches: at most 8 days of hours to scan.
  while (new Date(candidate).getUTCMinutes() !== schedule.minute) candidate += MINUTE_MS;
  for (let i = 0; i < (8 * DAY_MS) / HOUR_MS; i++, candidate += HOUR_MS) {
    if (matches(schedule, candidate)) return candidate;
  }
  throw new Error(`Backup schedule never fires: ${JSON.stringify(schedule)}`);
}

/** The cron pattern XO would store for it. */
export function cronPattern(schedule: BackupSchedule): string {
  switch (schedule.kind) {
    case 'daily':
      return `${schedule.minute} ${schedule.hour} * * ${schedule.weekdaysOnly ? '1-5' : '*'}`;
    case 'every-hours':
      return `${schedule.minute} */${schedule.hours} * * *`;
    case 'weekly':
      return `${schedule.minute} ${schedule.hour} * * ${schedule.weekday}`;
  }
}
