/**
 * How deep a Markdown text nests quotes and lists, read line by line without
 * parsing it: parsers and renderers recurse once per level, and a few kilobytes of
 * `> > > …` or `- - - …` are enough to overflow their stack.
 *
 * The count is an upper bound of the real nesting, so that no deep text passes:
 * a line opens at most one level per quote or list marker at its start, and a list
 * item nested by indentation alone needs at least two more columns per level.
 */

export interface DeepLine {
  /** Line of the text, from 1. */
  readonly line: number;
  /** The levels of quotes and lists that line may be nested in. */
  readonly depth: number;
}

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB || code === CR || Number.isNaN(code);
}

/**
 * Where the line text[start, end) ends in nothing but `mark` and blanks: a list
 * marker from there on may be part of a thematic break (`- - -`, `***`) instead.
 */
function markTail(text: string, start: number, end: number, mark: number): number {
  let i = end;
  while (i > start) {
    const code = text.charCodeAt(i - 1);
    if (code !== mark && !isBlank(code)) break;
    i -= 1;
  }
  return i;
}

/** How many times `mark` occurs in text[from, end). */
function countMarks(text: string, from: number, end: number, mark: number): number {
  let count = 0;
  for (let i = from; i < end; i += 1) if (text.charCodeAt(i) === mark) count += 1;
  return count;
}

/** The end of a list marker at `i` (`-`, `*`, `+`, `1.`, `1)`) followed by a blank, or -1. */
function listMarkerEnd(text: string, i: number, end: number): number {
  const code = text.charCodeAt(i);
  let after = -1;
  if (code === 0x2d || code === 0x2a || code === 0x2b) {
    after = i + 1;
  } else {
    let j = i;
    while (j < end && j - i < 9 && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j += 1;
    const close = text.charCodeAt(j);
    if (j > i && (close === 0x2e || close === 0x29)) after = j + 1;
  }
  if (after < 0 || (after < end && !isBlank(text.charCodeAt(after)))) return -1;
  return after;
}

/** The nesting bound of the line text[start, end). */
function lineDepth(text: string, start: number, end: number): number {
  let markers = 0;
  let columns = 0;
  // The blank right after a marker belongs to the marker (`> `, `- `), not to an indentation.
  let afterMarker = false;
  // Found once per line: checking for a thematic break at each marker would read the line again each time.
  const dashTail = markTail(text, start, end, 0x2d);
  const starTail = markTail(text, start, end, 0x2a);
  let i = start;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (code === SPACE || code === TAB) {
      if (!afterMarker) columns += code === TAB ? 4 : 1;
      afterMarker = false;
      i += 1;
      continue;
    }
    if (code === 0x3e) {
      markers += 1;
      afterMarker = true;
      i += 1;
      continue;
    }
    if ((code === 0x2d && i >= dashTail) || (code === 0x2a && i >= starTail)) {
      // The rest of the line is this mark and blanks: three or more make a thematic break, fewer are list items.
      const rest = countMarks(text, i, end, code);
      if (rest < 3) markers += rest;
      break;
    }
    const next = listMarkerEnd(text, i, end);
    if (next < 0) break;
    markers += 1;
    afterMarker = true;
    i = next;
  }
  return markers + Math.floor(columns / 2);
}

/** The first line of `text` that may nest deeper than `limit` levels, or undefined when none does. */
export function firstTooDeep(text: string, limit: number): DeepLine | undefined {
  let line = 1;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    // A character opens at most two levels (a tab of indentation): short lines need no reading.
    if (2 * (end - start) > limit) {
      const depth = lineDepth(text, start, end);
      if (depth > limit) return { line, depth };
    }
    start = end + 1;
    line += 1;
  }
  return undefined;
}
