import { mayHoldDisableComments } from '../model/rule.ts';
import type { SourceFile } from '../model/types.ts';
import { LINE_BREAK } from '../load/lines.ts';
import type { Positions } from './locate.ts';

const DIRECTIVE = /^([ \t]*)#[ \t]*journeys-disable(-next-line)?\b([^\r\n]*)$/gm;

/** A disable comment as written; `used` is filled in while findings are matched. */
export interface DisableComment {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly scope: 'file' | 'next-line';
  readonly rules: readonly string[];
  readonly reason?: string;
  readonly target?: number;
  readonly used: Set<string>;
}

/** The first line after `line` that holds YAML content rather than a blank or a comment. */
function nextContentLine(lines: readonly string[], line: number): number {
  for (let index = line; index < lines.length; index += 1) {
    const trimmed = lines[index]!.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) return index + 1;
  }
  return line + 1;
}

/** Disable comments of one file. Text inside block scalars that looks like a comment is not one. */
export function findSuppressions(file: SourceFile, positions: Positions): DisableComment[] {
  if (file.disableComments === false || !mayHoldDisableComments(file)) return [];
  const yaml = file.text.slice(0, file.yamlEnd);
  const locator = positions.locator(file.path);
  const inScalar = (offset: number): boolean => (locator?.scalarRanges ?? []).some(([start, end]) => offset >= start && offset < end);
  const lines = file.text.split(LINE_BREAK);
  const found: DisableComment[] = [];
  DIRECTIVE.lastIndex = file.yamlStart;
  for (let match = DIRECTIVE.exec(yaml); match; match = DIRECTIVE.exec(yaml)) {
    const offset = match.index + match[1]!.length;
    if (inScalar(offset)) continue;
    const { line, column } = positions.ofOffset(file.path, offset);
    const [rulesText = '', ...reasonParts] = match[3]!.split(/\s--(?:\s|$)/);
    const reason = reasonParts.join(' -- ').trim();
    const scope = match[2] ? 'next-line' : 'file';
    found.push({
      file: file.path,
      line,
      column,
      scope,
      rules: rulesText.split(/[\s,]+/).filter(Boolean),
      reason: reason || undefined,
      target: scope === 'next-line' ? nextContentLine(lines, line) : undefined,
      used: new Set(),
    });
  }
  return found;
}

/** Whether a comment silences a finding of `rule` at `line`, marking it used if so. */
export function silences(comment: DisableComment, rule: string, line: number): boolean {
  if (!comment.rules.includes(rule)) return false;
  if (comment.scope === 'next-line' && comment.target !== line) return false;
  comment.used.add(rule);
  return true;
}
