/** Levenshtein distance, for "did you mean" suggestions on short names. */
export function distance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The closest candidate within a third of the word's length, if any. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - word.length) >= bestDistance) continue;
    const d = distance(word, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** ` (did you mean "x"?)` or nothing. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closest(word, candidates);
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}

/**
 * Levenshtein distance when it is at most `most`, else `most + 1`: only the cells within
 * `most` of the diagonal are computed, and the work stops as soon as a row is all past it.
 */
export function distanceAtMost(a: string, b: string, most: number): number {
  if (Math.abs(a.length - b.length) > most) return most + 1;
  if (a === b) return 0;
  const past = most + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => (j <= most ? j : past));
  for (let i = 1; i <= a.length; i += 1) {
    const current = new Array<number>(b.length + 1).fill(past);
    current[0] = i <= most ? i : past;
    let best = current[0];
    for (let j = Math.max(1, i - most); j <= Math.min(b.length, i + most); j += 1) {
      const cost = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      current[j] = Math.min(cost, past);
      if (current[j]! < best) best = current[j]!;
    }
    if (best > most) return past;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Names by length, to find the nearest of many within a few edits without comparing each
 * pair: a name more than `most` characters longer or shorter cannot be that close.
 */
export class NearNames {
  private readonly byLength = new Map<number, { readonly name: string; readonly order: number }[]>();

  constructor(names: Iterable<string>) {
    let order = 0;
    for (const name of names) {
      let bucket = this.byLength.get(name.length);
      if (!bucket) this.byLength.set(name.length, (bucket = []));
      bucket.push({ name, order: order++ });
    }
  }

  /**
   * The nearest name within `most` edits (the first written among equals) that `accept`
   * takes, and how many names were compared; at most `budget` are.
   */
  nearest(word: string, most: number, accept: (name: string) => boolean, budget: number): { readonly name?: string; readonly compared: number } {
    let best: { name: string; order: number; distance: number } | undefined;
    let compared = 0;
    for (let length = word.length - most; length <= word.length + most; length += 1) {
      for (const candidate of this.byLength.get(length) ?? []) {
        if (candidate.name === word || !accept(candidate.name)) continue;
        if (compared >= budget) return { name: best?.name, compared };
        compared += 1;
        const d = distanceAtMost(word, candidate.name, best ? Math.min(most, best.distance) : most);
        if (d > most) continue;
        if (!best || d < best.distance || (d === best.distance && candidate.order < best.order)) best = { name: candidate.name, order: candidate.order, distance: d };
      }
    }
    return { name: best?.name, compared };
  }
}
