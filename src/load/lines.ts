import type { Position } from '../model/types.ts';

/** Offsets where each line of `text` starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
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
  return { line: low + 1, column: offset - starts[low]! + 1 };
}

export function rangeToPosition(starts: readonly number[], start: number, end?: number): Position {
  const from = offsetToPosition(starts, start);
  if (end === undefined) return from;
  const to = offsetToPosition(starts, end);
  return { ...from, endLine: to.line, endColumn: to.column };
}
