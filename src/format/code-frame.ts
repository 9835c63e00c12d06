import { escapeValue } from './sanitize.ts';

/** Characters of a line shown at most: a longer line is shown around the column. */
export const MAX_FRAME_WIDTH = 200;

/** One line of a file for the frame: escaped (a tab shows as `\t`), cut to a window around `column` (1-based, in the raw line). */
function shown(line: string, column: number): { text: string; caret: number } {
  const chars = [...line];
  let from = 0;
  if (chars.length > MAX_FRAME_WIDTH) from = Math.max(0, Math.min(column - 1 - MAX_FRAME_WIDTH / 2, chars.length - MAX_FRAME_WIDTH));
  const window = chars.slice(from, from + MAX_FRAME_WIDTH);
  const before = escapeValue(window.slice(0, Math.max(0, column - 1 - from)).join(''));
  const text = escapeValue(window.join(''));
  // Escapes widen what they stand for: the caret is placed by what is printed before it.
  const cut = (from > 0 ? '…' : '') + text + (from + MAX_FRAME_WIDTH < chars.length ? '…' : '');
  return { text: cut, caret: (from > 0 ? 1 : 0) + [...before].length };
}

/**
 * The lines of a code frame under a finding: the line before (when there is one), the
 * line at fault, and a caret under the column. Never more than three lines of at most
 * MAX_FRAME_WIDTH characters each (and the gutter), every character escaped as in any
 * printed value; none when the line is not in the text.
 */
export function codeFrame(text: string, line: number, column: number): string[] {
  const lines = text.split('\n');
  if (line < 1 || line > lines.length) return [];
  const at = lines[line - 1]!.replace(/\r$/, '');
  const previous = line > 1 ? lines[line - 2]!.replace(/\r$/, '') : undefined;
  const width = String(line).length;
  const gutter = (number: number | undefined, mark: string): string => `${mark} ${(number === undefined ? '' : String(number)).padStart(width)} | `;
  const frame: string[] = [];
  if (previous !== undefined) frame.push(gutter(line - 1, ' ') + shown(previous, 1).text);
  const current = shown(at, column);
  frame.push(gutter(line, '>') + current.text);
  frame.push(`${gutter(undefined, ' ')}${' '.repeat(current.caret)}^`);
  return frame.map((row) => row.trimEnd());
}
