/**
 * Lists cut on the pages that are not their catalogue: the first items and how many
 * were left out, and groups sharing a limit, each keeping a few rows.
 */
import { describe, expect, it } from 'vitest';
import { cutGroups, firstOf } from '../src/index.ts';

describe('cut lists', () => {
  it('keeps the first items and counts the rest', () => {
    expect(firstOf([1, 2, 3, 4, 5], 3)).toEqual({ shown: [1, 2, 3], more: 2 });
    expect(firstOf([1, 2], 3)).toEqual({ shown: [1, 2], more: 0 });
    expect(firstOf([], 3)).toEqual({ shown: [], more: 0 });
  });

  it('shares a limit among groups, each keeping at least a few rows', () => {
    const groups = [
      { name: 'a', rows: Array.from({ length: 50 }, (_, index) => index) },
      { name: 'b', rows: [1, 2] },
      { name: 'c', rows: Array.from({ length: 12 }, (_, index) => index) },
    ];
    expect(cutGroups(groups, 30).map((group) => [group.name, group.shown.length, group.more])).toEqual([
      ['a', 10, 40],
      ['b', 2, 0],
      ['c', 10, 2],
    ]);
    // Many groups: each still shows its first three.
    expect(cutGroups(groups, 3).map((group) => group.shown.length)).toEqual([3, 2, 3]);
    expect(cutGroups([], 30)).toEqual([]);
  });
});
