/**
 * What changed in a text, word by word: the words kept, removed and added, so that a
 * reviewer sees `~~ten~~ **five**` rather than two long sentences to compare by eye.
 */
import { bold, plainCell, struck } from './markdown-text.ts';

export interface WordPart {
  readonly kind: 'same' | 'removed' | 'added';
  readonly text: string;
}

/** Above this many words in the changed middle of a text, it is shown as replaced whole: the comparison stays quick. */
const MAX_WORDS = 600;

const tokens = (text: string): string[] => text.match(/\s+|[^\s]+/g) ?? [];

/** The longest common subsequence of two token lists, as the parts of a change. */
function lcsParts(a: readonly string[], b: readonly string[]): WordPart[] {
  const n = a.length;
  const m = b.length;
  // lengths[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lengths: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const parts: WordPart[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      parts.push({ kind: 'same', text: a[i]! });
      i += 1;
      j += 1;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) {
      parts.push({ kind: 'removed', text: a[i]! });
      i += 1;
    } else {
      parts.push({ kind: 'added', text: b[j]! });
      j += 1;
    }
  }
  for (; i < n; i += 1) parts.push({ kind: 'removed', text: a[i]! });
  for (; j < m; j += 1) parts.push({ kind: 'added', text: b[j]! });
  return parts;
}

/** The words of `before` and `after`, each kept, removed or added, in reading order. */
export function wordDiff(before: string, after: string): WordPart[] {
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end += 1;
  const middleA = a.slice(start, a.length - end);
  const middleB = b.slice(start, b.length - end);
  const middle =
    middleA.length > MAX_WORDS || middleB.length > MAX_WORDS
      ? [...middleA.map((text) => ({ kind: 'removed' as const, text })), ...middleB.map((text) => ({ kind: 'added' as const, text }))]
      : lcsParts(middleA, middleB);
  const same = (list: readonly string[]): WordPart[] => list.map((text) => ({ kind: 'same', text }));
  return [...same(a.slice(0, start)), ...middle, ...same(a.slice(a.length - end))];
}

/**
 * A change of text as Markdown: the words kept as they are, each run of changes as its
 * removed words struck through then its added words in bold. Spaces between two changed
 * words belong to the change, so that `~~one two~~` stays one run.
 */
export function wordDiffMarkdown(before: string, after: string, max = 300): string {
  const parts = wordDiff(before, after);
  const out: string[] = [];
  let removed = '';
  let added = '';
  const flush = (): void => {
    if (removed === '' && added === '') return;
    // Spaces at the edges of a run stay outside the markers, which Markdown needs next to the words.
    const head = /^\s/.test(removed) || /^\s/.test(added) ? ' ' : '';
    const tail = /\s$/.test(removed) || /\s$/.test(added) ? ' ' : '';
    const marked = [struck(plainCell(removed.trim(), max)), bold(plainCell(added.trim(), max))].filter((text) => text !== '').join(' ');
    out.push(`${head}${marked}${tail}`);
    removed = '';
    added = '';
  };
  parts.forEach((part, index) => {
    const changing = removed !== '' || added !== '';
    const nextChanges = parts[index + 1] !== undefined && parts[index + 1]!.kind !== 'same';
    if (part.kind === 'removed') removed += part.text;
    else if (part.kind === 'added') added += part.text;
    else if (changing && nextChanges && part.text.trim() === '') {
      removed += part.text;
      added += part.text;
    } else {
      flush();
      out.push(plainCell(part.text, max));
    }
  });
  flush();
  return out.join('');
}
