import { describe, expect, it } from 'vitest';
import { type CronSchedule, nextCronOccurrence, overrideFor, parseCron } from './cron-override';

function schedule(expression: string): CronSchedule {
  const result = parseCron(expression);
  if (!result.ok) throw new Error(result.error);
  return result.schedule;
}

const next = (expression: string, after: string): string | null => {
  const at = nextCronOccurrence(schedule(expression), Date.parse(after));
  return at === null ? null : new Date(at).toISOString();
};

describe('parseCron', () => {
  it('reads steps, ranges, lists and names', () => {
    const s = schedule('*/15 2,14 * jan-mar mon-fri');
    expect(s.minutes.flatMap((on, m) => (on ? [m] : []))).toEqual([0, 15, 30, 45]);
    expect(s.hours.flatMap((on, h) => (on ? [h] : []))).toEqual([2, 14]);
    expect(s.months.flatMap((on, m) => (on ? [m] : []))).toEqual([1, 2, 3]);
    expect(s.daysOfWeek).toEqual([false, true, true, true, true, true, false]);
  });
  it('treats 7 as Sunday and knows the @daily macros', () => {
    expect(schedule('0 3 * * 7').daysOfWeek[0]).toBe(true);
    expect(schedule('@daily').expression).toBe('@daily');
  });
  it('says what is wrong with a bad expression', () => {
    expect(parseCron('0 2 * *')).toEqual({ ok: false, error: expect.stringMatching(/5 fields.*has 4/) });
    expect(parseCron('61 2 * * *')).toEqual({ ok: false, error: expect.stringMatching(/bad minute "61"/) });
    expect(parseCron('0 2 * * */0')).toEqual({ ok: false, error: expect.stringMatching(/bad step/) });
    expect(parseCron('0 5-2 * * *')).toEqual({ ok: false, error: expect.stringMatching(/bad hour/) });
  });
});

describe('nextCronOccurrence', () => {
  it('finds the next daily run, strictly after now', () => {
    expect(next('0 2 * * *', '2024-03-04T01:00:00Z')).toBe('2024-03-04T02:00:00.000Z');
    expect(next('0 2 * * *', '2024-03-04T02:00:00Z')).toBe('2024-03-05T02:00:00.000Z');
  });
  it('skips the weekend for weekday jobs', () => {
    expect(next('0 2 * * 1-5', '2024-03-08T03:00:00Z')).toBe('2024-03-11T02:00:00.000Z');
  });
  it('crosses New Year and a DST weekend unchanged (UTC only)', () => {
    expect(next('30 23 * * *', '2024-12-31T23:45:00Z')).toBe('2025-01-01T23:30:00.000Z');
    expect(next('0 */6 * * *', '2024-12-31T19:00:00Z')).toBe('2025-01-01T00:00:00.000Z');
    expect(next('0 2 * * *', '2024-03-31T00:30:00Z')).toBe('2024-03-31T02:00:00.000Z');
  });
  it('runs a day matching either day field when both are restricted', () => {
    expect(next('0 0 13 * 5', '2024-03-01T12:00:00Z')).toBe('2024-03-08T00:00:00.000Z');
  });
  it('finds 29 February and gives up on 30 February', () => {
    expect(next('0 0 29 2 *', '2024-03-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
    expect(next('0 0 30 2 *', '2024-03-01T00:00:00Z')).toBeNull();
  });
});

describe('overrideFor', () => {
  const overrides = [
    { scope: 'pool' as const, targetId: 'pool1', cron: '0 1 * * *' },
    { scope: 'vm' as const, targetId: 'vm1', cron: '0 4 * * *' },
  ];
  it('prefers the VM override, then the pool one', () => {
    expect(overrideFor(overrides, 'vm1', 'pool1')?.cron).toBe('0 4 * * *');
    expect(overrideFor(overrides, 'vm2', 'pool1')?.cron).toBe('0 1 * * *');
    expect(overrideFor(overrides, 'vm2', 'pool2')).toBeNull();
  });
});
