import type { Position } from '../model/types.ts';

/** Line breaks as YAML and Markdown read them: CRLF, LF, or a lone CR. */
export const LINE_BREAK = /\r\n|\r|\n/;

/** Offsets where each line of `text` starts. */
export function lineStarts(text: string): number[] {
  // Most files have no carriage return: their lines are found by the engine's own search for line feeds,
  // counted first, so that the list is made at its size (a file with findings gets one, a clean-up's every file).
  if (!text.includes('\r')) {
    let count = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count += 1;
    const starts = new Array<number>(count);
    starts[0] = 0;
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[line++] = i + 1;
    return starts;
  }
  const starts = [0];
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (char === 10) starts.push(i + 1);
    else if (char === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** How many line breaks a text holds. */
export function countLineBreaks(text: string): number {
  return text.split(LINE_BREAK).length - 1;
}

/** 1-based line and column of an offset, by binary search in the line starts. */
export function offsetToPosition(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: Math.max(1, offset - starts[low]! + 1) };
}

export function rangeToPosition(starts: readonly number[], start: number, end?: number): Position {
  const from = offsetToPosition(starts, Math.max(0, start));
  if (end === undefined || end < start) return from;
  const to = offsetToPosition(starts, end);
  return { ...from, endLine: to.line, endColumn: to.column };
}
