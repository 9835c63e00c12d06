import { describe, expect, it } from 'vitest';
import { formatDuration, formatTimeOfDay, parseDuration, parseTimeOfDay } from '../src/index.ts';

describe('durations', () => {
  it.each([
    ['30m', 30],
    ['2h', 120],
    ['3d', 3 * 1440],
    ['1w', 7 * 1440],
    ['3d 14h', 3 * 1440 + 14 * 60],
    ['2d4h', 2 * 1440 + 4 * 60],
    ['0m', 0],
    ['0d', 0],
    ['1w 2d 3h 4m', 7 * 1440 + 2 * 1440 + 3 * 60 + 4],
    ['14h 3d', 3 * 1440 + 14 * 60],
    ['4m 3h 2d 1w', 7 * 1440 + 2 * 1440 + 3 * 60 + 4],
  ])('%s is %i minutes', (text, minutes) => {
    expect(parseDuration(text)).toBe(minutes);
  });

  it.each(['', '2 hours', '3', 'h', '-2h', '2h 2h', '3d 2h 3d', '1.5h', '2H'])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('rejects values that are not text', () => {
    expect(parseDuration(30)).toBeUndefined();
    expect(parseDuration(null)).toBeUndefined();
  });

  it('formats back to the shortest form', () => {
    expect(formatDuration(3 * 1440 + 14 * 60)).toBe('3d 14h');
    expect(formatDuration(0)).toBe('0m');
    expect(formatDuration(7 * 1440 + 90)).toBe('1w 1h 30m');
    for (const text of ['30m', '2h', '3d 14h', '1w', '2w 3d 4h 5m']) expect(formatDuration(parseDuration(text)!)).toBe(text);
  });
});

describe('times of day', () => {
  it('reads the 24-hour clock', () => {
    expect(parseTimeOfDay('10:00')).toBe(600);
    expect(parseTimeOfDay('00:00')).toBe(0);
    expect(parseTimeOfDay('23:59')).toBe(1439);
  });

  it.each(['24:00', '9:00', '10h', '10:60', 600])('%j is not a time of day', (text) => {
    expect(parseTimeOfDay(text)).toBeUndefined();
  });

  it('formats minutes after midnight, wrapping days', () => {
    expect(formatTimeOfDay(600)).toBe('10:00');
    expect(formatTimeOfDay(1440 + 61)).toBe('01:01');
  });
});
