import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatSyslogStamp,
  inferSyslogYears,
  positionToMs,
  readSyslogTimestamp,
  SyslogYearInference,
  type YearlessStamp,
} from './syslog-time';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `stamp('Dec 31 23:59:59')`: a yearless stamp from its syslog text. */
function stamp(text: string): YearlessStamp {
  const [month, day, clock] = text.split(/ +/);
  const [hour, minute, second] = clock.split(':').map(Number);
  return { month: MONTHS.indexOf(month) + 1, day: Number(day), hour, minute, second };
}

const utc = (iso: string) => Date.parse(`${iso}Z`);

describe('readSyslogTimestamp', () => {
  it('reads a traditional timestamp and its length', () => {
    expect(readSyslogTimestamp('Aug 21 10:31:08 rigel SMGC: [628] x')).toEqual({
      kind: 'yearless',
      stamp: { month: 8, day: 21, hour: 10, minute: 31, second: 8 },
      length: 15,
    });
  });

  it('reads a space-padded day', () => {
    expect(readSyslogTimestamp('Aug  1 00:00:05 rigel SM: [1] x')).toMatchObject({
      stamp: { month: 8, day: 1, hour: 0, minute: 0, second: 5 },
      length: 15,
    });
  });

  it.each([
    ['2024-08-21T10:31:08.123456+02:00 rigel', '2024-08-21T08:31:08.123Z', 32],
    ['2024-08-21T10:31:08Z rigel', '2024-08-21T10:31:08.000Z', 20],
    ['2024-08-21T10:31:08-0530 rigel', '2024-08-21T16:01:08.000Z', 24],
    ['2024-02-29T23:59:59.5 rigel', '2024-02-29T23:59:59.500Z', 21],
  ])('reads the RFC 3339 timestamp of %j (no zone = UTC)', (line, iso, length) => {
    expect(readSyslogTimestamp(line)).toEqual({ kind: 'absolute', atMs: Date.parse(iso), length });
  });

  it.each(['vhd=VHD-abc capacity=1', '[root@rigel ~]# tail SMlog', 'August was hot', 'Aug', '   Aug 21 10:31:08', ''])(
    'does not take %j for syslog',
    (line) => {
      expect(readSyslogTimestamp(line)).toBeNull();
    },
  );

  it.each(['Aug 21 10:3', 'Aug 21', 'Aug 21 10:31:08:00 x', 'Aug 123 10:31:08 x', '2024-08-21T10:31', 'Feb 30 10:31:08 x', 'Aug 21 24:00:00 x', '2023-02-29T10:00:00Z x'])(
    'calls %j broken',
    (line) => {
      expect(readSyslogTimestamp(line)).toMatchObject({ kind: 'broken' });
    },
  );
});

describe('inferSyslogYears', () => {
  it('puts August lines read the next September in that year', () => {
    expect(inferSyslogYears([stamp('Aug 21 10:31:08')], utc('2019-09-01T00:00:00'))).toEqual([2019]);
  });

  it('puts August lines read in January in the year before', () => {
    expect(inferSyslogYears([stamp('Aug 21 10:31:08')], utc('2020-01-15T00:00:00'))).toEqual([2019]);
  });

  it('allows a line up to a day after the reference (host zones)', () => {
    const reference = utc('2020-08-21T00:00:00');
    expect(inferSyslogYears([stamp('Aug 21 23:00:00')], reference)).toEqual([2020]);
    expect(inferSyslogYears([stamp('Aug 22 01:00:00')], reference)).toEqual([2019]);
  });

  it('crosses New Year: December lines, then January ones', () => {
    const stamps = ['Dec 30 22:00:00', 'Dec 31 23:59:59', 'Jan  1 00:00:01', 'Jan  2 08:00:00'].map(stamp);
    expect(inferSyslogYears(stamps, utc('2020-01-03T00:00:00'))).toEqual([2019, 2019, 2020, 2020]);
  });

  it('reads December lines in early January as last year', () => {
    const stamps = ['Dec 28 10:00:00', 'Dec 31 23:00:00'].map(stamp);
    expect(inferSyslogYears(stamps, utc('2021-01-02T09:00:00'))).toEqual([2020, 2020]);
  });

  it('follows file order when the months alone would mislead (Jan then Aug: both last year)', () => {
    const stamps = ['Jan 10 00:00:00', 'Aug 21 00:00:00'].map(stamp);
    expect(inferSyslogYears(stamps, utc('2020-02-01T00:00:00'))).toEqual([2019, 2019]);
  });

  it('counts every year a long log crosses', () => {
    const stamps = ['Nov  1 00:00:00', 'Feb  1 00:00:00', 'Dec  1 00:00:00', 'Mar  1 00:00:00'].map(stamp);
    expect(inferSyslogYears(stamps, utc('2022-03-02T00:00:00'))).toEqual([2020, 2021, 2021, 2022]);
  });

  it('does not start a year for lines a second out of order at a month end', () => {
    const stamps = ['Sep  1 00:00:01', 'Aug 31 23:59:59', 'Sep  1 00:00:02'].map(stamp);
    expect(inferSyslogYears(stamps, utc('2020-09-02T00:00:00'))).toEqual([2020, 2020, 2020]);
  });

  it('puts Feb 29 in the latest leap year', () => {
    expect(inferSyslogYears([stamp('Feb 29 12:00:00')], utc('2021-03-01T00:00:00'))).toEqual([2020]);
    expect(inferSyslogYears([stamp('Feb 29 12:00:00')], utc('2024-03-01T00:00:00'))).toEqual([2024]);
    expect(inferSyslogYears([stamp('Feb 28 12:00:00'), stamp('Feb 29 12:00:00')], utc('2023-06-01T00:00:00'))).toEqual([
      2020, 2020,
    ]);
  });

  it('moves the lines before a Feb 29 back with it', () => {
    const stamps = ['Dec 31 10:00:00', 'Feb 29 10:00:00', 'Mar  1 10:00:00'].map(stamp);
    expect(inferSyslogYears(stamps, utc('2022-12-01T00:00:00'))).toEqual([2019, 2020, 2020]);
  });

  it('has no years for no stamps, and refuses a reference that is no time', () => {
    expect(inferSyslogYears([], 0)).toEqual([]);
    expect(() => inferSyslogYears([], Number.NaN)).toThrow(RangeError);
  });

  it('places every stamp at or before the reference + 1 day, within a year of it', () => {
    const arbitraryStamp = fc.record({
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
    });
    fc.assert(
      fc.property(arbitraryStamp, fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }), (s, reference) => {
        const inference = new SyslogYearInference();
        const position = inference.add(s);
        const [year] = inference.years(reference);
        const atMs = positionToMs(position, year);
        expect(atMs).toBeLessThanOrEqual(reference + 86_400_000);
        expect(atMs).toBeGreaterThan(reference + 86_400_000 - 366 * 86_400_000);
        expect(new Date(atMs).getUTCMonth() + 1).toBe(s.month);
        expect(new Date(atMs).getUTCDate()).toBe(s.day);
      }),
    );
  });
});

describe('positionToMs', () => {
  it('places a position in common and leap years', () => {
    const inference = new SyslogYearInference();
    const march = inference.add(stamp('Mar  1 00:00:00'));
    const leapDay = inference.add(stamp('Feb 29 06:00:00'));
    expect(positionToMs(march, 2019)).toBe(utc('2019-03-01T00:00:00'));
    expect(positionToMs(march, 2020)).toBe(utc('2020-03-01T00:00:00'));
    expect(positionToMs(leapDay, 2020)).toBe(utc('2020-02-29T06:00:00'));
  });
});

describe('formatSyslogStamp', () => {
  it('prints the UTC clock with a space-padded day and no year', () => {
    expect(formatSyslogStamp(utc('2019-08-21T10:31:08.999'))).toBe('Aug 21 10:31:08');
    expect(formatSyslogStamp(utc('2024-01-05T03:04:05'))).toBe('Jan  5 03:04:05');
  });
});
