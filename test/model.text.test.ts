/**
 * Counts in messages (src/model/text.ts): written as English writes them, the same as
 * Intl's `en` format, with whole numbers written without Intl (its first use in a process
 * costs a fresh command 15-25 ms).
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { formatCount, plural } from '../src/model/text.ts';

const english = new Intl.NumberFormat('en');

describe('formatCount', () => {
  it('writes every number as Intl writes it in English', () => {
    for (const value of [0, -0, 1, 7, 999, -999, 1000, -1000, 1234, 1_234_567, -12_345_678, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 53, 0.5, -3.25, 12_345.678, 1e21, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatCount(value), String(value)).toBe(english.format(value));
    }
    fc.assert(fc.property(fc.oneof(fc.integer({ min: -5000, max: 5000 }), fc.maxSafeInteger(), fc.double({ noNaN: false })), (value) => formatCount(value) === english.format(value)));
  });

  it('writes whole numbers without Intl', async () => {
    vi.resetModules();
    const made = vi.spyOn(Intl, 'NumberFormat');
    try {
      const fresh = await import('../src/model/text.ts');
      expect([7, 1234, -12_345_678, Number.MAX_SAFE_INTEGER].map(fresh.formatCount)).toEqual(['7', '1,234', '-12,345,678', '9,007,199,254,740,991']);
      expect(made).not.toHaveBeenCalled();
      expect(fresh.formatCount(0.5)).toBe('0.5');
      expect(made).toHaveBeenCalledTimes(1);
    } finally {
      made.mockRestore();
    }
  });

  it('puts the count beside the singular or the plural', () => {
    expect(plural(1, 'send')).toBe('1 send');
    expect(plural(0, 'send')).toBe('0 sends');
    expect(plural(12_000, 'entry', 'entries')).toBe('12,000 entries');
  });
});
