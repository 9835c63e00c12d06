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

/** Hashes of the character trigrams of a normalised text (FNV-1a). */
export function shingles(normalized: string): Set<number> {
  const padded = ` ${normalized} `;
  const set = new Set<number>();
  for (let i = 0; i + 3 <= padded.length; i += 1) {
    let hash = 0x811c9dc5;
    for (let j = i; j < i + 3; j += 1) hash = Math.imul(hash ^ padded.charCodeAt(j), 0x01000193);
    set.add(hash >>> 0);
  }
  return set;
}

/** Sørensen–Dice coefficient of two sets: 1 for the same set, 0 for nothing in common. */
export function dice(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const item of small) if (large.has(item)) common += 1;
  return (2 * common) / (a.size + b.size);
}

const HASHES = 32;
const BANDS = 16;
const ROWS = HASHES / BANDS;
const SEEDS = Array.from({ length: HASHES }, (_, i) => Math.imul(i + 1, 0x9e3779b1) >>> 0);

function minhash(set: ReadonlySet<number>): Uint32Array {
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
export function firstSimilar(sets: readonly ReadonlySet<number>[], threshold: number): (Match | undefined)[] {
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
