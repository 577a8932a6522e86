import { describe, expect, it } from 'vitest';
import { newSpeedLines, speedLogLines } from './speed-log-lines';

describe('newSpeedLines', () => {
  it('takes every line the first time', () => {
    expect(newSpeedLines(null, ['1', '2'])).toEqual(['1', '2']);
  });

  it('finds lines appended since last time, also once old lines were dropped', () => {
    expect(newSpeedLines(['1', '2'], ['1', '2', '3'])).toEqual(['3']);
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];
    expect(newSpeedLines(before, ['3', '4', '5', '6', '7', '8', '9', '10', '11', '12'])).toEqual(['11', '12']);
  });

  it('finds nothing new when the file did not change, and everything when it was replaced', () => {
    expect(newSpeedLines(['5', '6'], ['5', '6'])).toEqual([]);
    expect(newSpeedLines(['5', '6'], ['7'])).toEqual(['7']);
  });
});

describe('speedLogLines', () => {
  it('keeps positive numbers only', () => {
    expect(speedLogLines('123.5\n\nabc\n-4\n 99 \n')).toEqual(['123.5', '99']);
  });
});
