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

/**
 * The closest candidate when no other is as close: the one suggestion certain enough to
 * apply without asking (`journeys lint --fix`). Two at the same distance are a guess.
 */
export function onlyClosest(word: string, candidates: Iterable<string>): string | undefined {
  const most = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = most + 1;
  let tied = false;
  for (const candidate of new Set(candidates)) {
    if (candidate === word || Math.abs(candidate.length - word.length) > Math.min(most, bestDistance)) continue;
    const d = distance(word, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      tied = false;
    } else if (d === bestDistance) tied = true;
  }
  return tied ? undefined : best;
}

/** ` (did you mean "x"?)` or nothing. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closest(word, candidates);
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}

/** Rows of the banded distance, reused: a search may compare thousands of names. */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * Levenshtein distance when it is at most `most`, else `most + 1`: only the cells within
 * `most` of the diagonal are computed, and the work stops as soon as a row is all past it.
 */
export function distanceAtMost(a: string, b: string, most: number): number {
  if (Math.abs(a.length - b.length) > most) return most + 1;
  if (a === b) return 0;
  const past = most + 1;
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
  }
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= b.length; j += 1) previous[j] = j <= most ? j : past;
  for (let i = 1; i <= a.length; i += 1) {
    const low = Math.max(1, i - most);
    const high = Math.min(b.length, i + most);
    current[0] = i <= most ? i : past;
    if (low > 1) current[low - 1] = past;
    let best = current[0]!;
    for (let j = low; j <= high; j += 1) {
      const cost = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      current[j] = cost < past ? cost : past;
      if (current[j]! < best) best = current[j]!;
    }
    if (high < b.length) current[high + 1] = past;
    if (best > most) return past;
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

interface Named {
  readonly name: string;
  readonly order: number;
}

/** The pieces a word of `length` is cut into, `most + 1` of them: [start, end) each. */
function pieces(length: number, most: number): [number, number][] {
  const cut: [number, number][] = [];
  for (let i = 0; i <= most; i += 1) cut.push([Math.floor((i * length) / (most + 1)), Math.floor(((i + 1) * length) / (most + 1))]);
  return cut;
}

/** Shorter words are searched by comparing every name of a near length: their pieces would be a letter or two. */
const SHORTEST_INDEXED = 9;

/**
 * Names, to find the nearest of many within a few edits without comparing each pair. By
 * the pigeonhole principle, a word within `most` edits of a name, cut into `most + 1`
 * pieces, keeps one piece whole in that name, shifted by at most `most`: names are
 * indexed by those pieces (for each word length asked, once), and only names sharing a
 * piece are compared.
 */
export class NearNames {
  private readonly byLength = new Map<number, Named[]>();
  private readonly indexes = new Map<string, Map<string, Named[]>>();

  constructor(names: Iterable<string>) {
    let order = 0;
    for (const name of names) {
      let bucket = this.byLength.get(name.length);
      if (!bucket) this.byLength.set(name.length, (bucket = []));
      bucket.push({ name, order: order++ });
    }
  }

  /** The names of a near length that share a piece with words of `length`, by piece. */
  private index(length: number, most: number): Map<string, Named[]> {
    const key = `${length}/${most}`;
    let index = this.indexes.get(key);
    if (index) return index;
    index = new Map();
    const cut = pieces(length, most);
    for (let other = length - most; other <= length + most; other += 1) {
      for (const named of this.byLength.get(other) ?? []) {
        const seen = new Set<string>();
        cut.forEach(([start, end], piece) => {
          for (let shift = -most; shift <= most; shift += 1) {
            if (start + shift < 0 || end + shift > other) continue;
            const text = `${piece}:${named.name.slice(start + shift, end + shift)}`;
            if (seen.has(text)) continue;
            seen.add(text);
            let list = index!.get(text);
            if (!list) index!.set(text, (list = []));
            list.push(named);
          }
        });
      }
    }
    this.indexes.set(key, index);
    return index;
  }

  /** The names that may be within `most` edits of `word`, each once. */
  private candidates(word: string, most: number): Iterable<Named> {
    if (word.length < SHORTEST_INDEXED) {
      const near: Named[] = [];
      for (let length = word.length - most; length <= word.length + most; length += 1) near.push(...(this.byLength.get(length) ?? []));
      return near;
    }
    const index = this.index(word.length, most);
    const found = new Set<Named>();
    pieces(word.length, most).forEach(([start, end], piece) => {
      for (const named of index.get(`${piece}:${word.slice(start, end)}`) ?? []) found.add(named);
    });
    return found;
  }

  /**
   * The nearest name within `most` edits (the first written among equals) that `accept`
   * takes, and how many names were compared; at most `budget` are.
   */
  nearest(word: string, most: number, accept: (name: string) => boolean, budget: number): { readonly name?: string; readonly compared: number } {
    let best: { name: string; order: number; distance: number } | undefined;
    let compared = 0;
    for (const candidate of this.candidates(word, most)) {
      if (candidate.name === word || !accept(candidate.name)) continue;
      if (compared >= budget) break;
      compared += 1;
      const d = distanceAtMost(word, candidate.name, most);
      if (d > most) continue;
      if (!best || d < best.distance || (d === best.distance && candidate.order < best.order)) best = { name: candidate.name, order: candidate.order, distance: d };
    }
    return { name: best?.name, compared };
  }
}

/**
 * Whether `b` is `a` with one slip of a key: a letter left out, one too many, one wrong,
 * or two neighbours swapped. Two real names often differ by two letters (`order.placed`
 * and `order.packed`, `opened` and `reopened`); a typo seldom does.
 */
export function isSlip(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
