/**
 * The did-you-mean search: the banded distance agrees with the full one wherever it
 * answers, and the index finds what a search of every name finds, in far fewer steps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distance, distanceAtMost, isSlip, NearNames } from '../src/model/suggest.ts';

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '.', '-', '1'), maxLength: 16 });

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

  it('compares only names that share a piece with the word, and stops at its budget', () => {
    const words = ['account', 'card', 'loan', 'claim', 'order', 'invoice', 'premium', 'branch'];
    const actions = ['opened', 'closed', 'shipped', 'failed', 'approved', 'declined', 'renewed', 'changed'];
    const names = words.flatMap((a) => words.flatMap((b) => actions.map((c) => `${a}.${b}.${c}`)));
    const index = new NearNames(names);
    const { name, compared } = index.nearest('invoice.card.shiped', 2, () => true, Infinity);
    expect(name).toBe('invoice.card.shipped');
    expect(compared).toBeLessThan(names.length / 10);
    expect(index.nearest('account.loan.renewd', 2, () => true, 1).compared).toBe(1);
  });
});

describe('isSlip', () => {
  it('is one letter left out, added, wrong, or two neighbours swapped', () => {
    expect(['card.activatd', 'card.activatedd', 'card.activaxed', 'card.actviated', 'ard.activated', 'card.activate'].map((typo) => isSlip(typo, 'card.activated'))).toEqual([true, true, true, true, true, true]);
  });

  it('is not two real names two letters apart, nor the same name', () => {
    expect(isSlip('order.placed', 'order.packed')).toBe(false);
    expect(isSlip('ticket.opened', 'ticket.reopened')).toBe(false);
    expect(isSlip('card.activated', 'card.activated')).toBe(false);
  });

  it('agrees with a one-edit distance counting a swap as one', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        const swap = a.length === b.length && [...a].some((_, i) => i + 1 < a.length && a[i] !== a[i + 1] && a.slice(0, i) + a[i + 1] + a[i] + a.slice(i + 2) === b);
        expect(isSlip(a, b)).toBe(a !== b && (distance(a, b) === 1 || swap));
      }),
      { numRuns: 3000 },
    );
  });
});
