/**
 * Near-identical message detection: texts are normalised (case, accents,
 * punctuation, whitespace, numbers), cut into character trigrams, and compared
 * with the Sørensen–Dice coefficient. Large groups are narrowed with MinHash
 * locality-sensitive hashing so that the cost stays linear.
 */

/** Lowercase, no accents, no punctuation, every number as `0`, single spaces. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\d+(?:[.,]\d+)*/g, '0')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The set of a text's trigram hashes, as a sorted array without repeats: a repository
 * has tens of thousands of messages, and a Set of numbers per message costs six times the
 * memory (and the collector's time) of a typed array.
 */
export type Shingles = Uint32Array;

/** Hashes of the character trigrams of a normalised text (FNV-1a). */
export function shingles(normalized: string): Shingles {
  const padded = ` ${normalized} `;
  const hashes = new Uint32Array(Math.max(0, padded.length - 2));
  for (let i = 0; i + 3 <= padded.length; i += 1) {
    let hash = 0x811c9dc5;
    for (let j = i; j < i + 3; j += 1) hash = Math.imul(hash ^ padded.charCodeAt(j), 0x01000193);
    hashes[i] = hash >>> 0;
  }
  hashes.sort();
  let size = 0;
  for (let i = 0; i < hashes.length; i += 1) if (i === 0 || hashes[i] !== hashes[i - 1]) hashes[size++] = hashes[i]!;
  return hashes.slice(0, size);
}

/** Sørensen–Dice coefficient of two sets: 1 for the same set, 0 for nothing in common. */
export function dice(a: Shingles, b: Shingles): number {
  if (a.length === 0 && b.length === 0) return 1;
  let common = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      common += 1;
      i += 1;
      j += 1;
    } else if (a[i]! < b[j]!) i += 1;
    else j += 1;
  }
  return (2 * common) / (a.length + b.length);
}

const HASHES = 32;
const BANDS = 16;
const ROWS = HASHES / BANDS;
const SEEDS = Array.from({ length: HASHES }, (_, i) => Math.imul(i + 1, 0x9e3779b1) >>> 0);

function minhash(set: Shingles): Uint32Array {
  const signature = new Uint32Array(HASHES).fill(0xffffffff);
  for (const item of set) {
    for (let k = 0; k < HASHES; k += 1) {
      const value = Math.imul(item ^ SEEDS[k]!, 0x85ebca6b) >>> 0;
      if (value < signature[k]!) signature[k] = value;
    }
  }
  return signature;
}

/** Groups up to this size are compared pair by pair; larger ones go through LSH first. */
const SMALL_GROUP = 32;

export interface Match {
  /** Index of the earlier item this one repeats. */
  readonly of: number;
  readonly score: number;
}

/**
 * For each item, the first earlier item at least `threshold` similar to it, if
 * any. Scores are always exact; in large groups, LSH chooses which earlier items
 * to score (the first item of each band bucket the item falls in), which keeps
 * the work linear and finds pairs above ~0.6 similarity with high probability.
 */
export function firstSimilar(sets: readonly Shingles[], threshold: number): (Match | undefined)[] {
  const score = (i: number, j: number): Match | undefined => {
    const value = dice(sets[i]!, sets[j]!);
    return value >= threshold ? { of: i, score: value } : undefined;
  };
  if (sets.length <= SMALL_GROUP) {
    return sets.map((_, j) => {
      for (let i = 0; i < j; i += 1) {
        const match = score(i, j);
        if (match) return match;
      }
      return undefined;
    });
  }
  const representatives = new Map<string, number>();
  return sets.map((set, j) => {
    const signature = minhash(set);
    const candidates: number[] = [];
    for (let band = 0; band < BANDS; band += 1) {
      const key = `${band}:${Array.from(signature.subarray(band * ROWS, band * ROWS + ROWS)).join(',')}`;
      const first = representatives.get(key);
      if (first === undefined) representatives.set(key, j);
      else candidates.push(first);
    }
    for (const i of [...new Set(candidates)].sort((a, b) => a - b)) {
      const match = score(i, j);
      if (match) return match;
    }
    return undefined;
  });
}
