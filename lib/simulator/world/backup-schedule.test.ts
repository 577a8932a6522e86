import { describe, expect, it } from 'vitest';
import { cronPattern, nextRunAfter } from './backup-schedule';

const at = (iso: string) => Date.parse(iso);

describe('nextRunAfter', () => {
  it('fires daily at the given UTC time, strictly after the instant', () => {
    const daily = { kind: 'daily', hour: 1, minute: 0 } as const;
    expect(nextRunAfter(daily, at('2024-08-19T06:00:00Z'))).toBe(at('2024-08-20T01:00:00Z'));
    expect(nextRunAfter(daily, at('2024-08-20T01:00:00Z'))).toBe(at('2024-08-21T01:00:00Z'));
    expect(nextRunAfter(daily, at('2024-08-20T00:59:59Z'))).toBe(at('2024-08-20T01:00:00Z'));
  });

  it('skips weekends for weekday schedules (Mon-Fri, as in the forum thread)', () => {
    const weekdays = { kind: 'daily', hour: 22, minute: 30, weekdaysOnly: true } as const;
    expect(nextRunAfter(weekdays, at('2024-08-23T23:00:00Z'))).toBe(at('2024-08-26T22:30:00Z'));
    expect(cronPattern(weekdays)).toBe('30 22 * * 1-5');
  });

  it('fires every N hours and weekly', () => {
    expect(nextRunAfter({ kind: 'every-hours', hours: 6, minute: 15 }, at('2024-08-19T06:20:00Z'))).toBe(at('2024-08-19T12:15:00Z'));
    expect(nextRunAfter({ kind: 'weekly', weekday: 0, hour: 3, minute: 0 }, at('2024-08-19T06:00:00Z'))).toBe(at('2024-08-25T03:00:00Z'));
  });
});
