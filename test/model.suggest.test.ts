/**
 * The did-you-mean search: the banded distance agrees with the full one wherever it
 * answers, and the index finds what a search of every name finds, in far fewer steps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distance, distanceAtMost, NearNames } from '../src/model/suggest.ts';

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '.', '-', '1'), maxLength: 12 });

describe('distanceAtMost', () => {
  it('is the Levenshtein distance when that is at most the bound, and one past the bound otherwise', () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 4 }), (a, b, most) => {
        const full = distance(a, b);
        expect(distanceAtMost(a, b, most)).toBe(full <= most ? full : most + 1);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('NearNames', () => {
  it('finds the nearest name within the bound, the first written among equals, as comparing every name does', () => {
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 30 }), word, (names, query) => {
        const expected = names
          .map((name, order) => ({ name, order, d: distance(query, name) }))
          .filter((entry) => entry.name !== query && entry.d <= 2)
          .sort((x, y) => x.d - y.d || x.order - y.order)[0]?.name;
        expect(new NearNames(names).nearest(query, 2, () => true, Infinity).name).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('compares only names of a near length, and stops at its budget', () => {
    const names = Array.from({ length: 5000 }, (_, i) => `event.number-${'x'.repeat(i % 40)}${i}`);
    const index = new NearNames(names);
    const { compared } = index.nearest('event.number-xx12', 2, () => true, Infinity);
    expect(compared).toBeLessThan(names.length / 4);
    expect(index.nearest('event.number-xx12', 2, () => true, 10).compared).toBe(10);
  });
});
