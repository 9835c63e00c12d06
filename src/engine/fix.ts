/**
 * Fixes, as ESLint's --fix makes them: a rule offers one certain replacement of a scalar's
 * text; the engine turns it into a range of the file's text, and `applyFixes` writes the
 * ranges that do not overlap. A fix that is not exactly one scalar of the YAML (a block
 * scalar, an anchor, an alias, a range outside a Markdown front matter) is dropped, so that
 * nothing but the value in question can change.
 */
import { locatedByItsParse, type Locator } from '../load/positions.ts';
import { parseYaml } from '../load/parse-yaml.ts';
import type { Report } from '../model/rule.ts';
import type { Finding, Path, SourceFile } from '../model/types.ts';

export type Fix = NonNullable<Finding['fix']>;

/** The value at `path` of parsed data, or undefined. */
function valueAt(data: unknown, path: Path): unknown {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** The string a one-line YAML scalar's text stands for, or undefined when it is not one (or is an anchor, tag, alias or block). */
function scalarValue(text: string): string | undefined {
  if (text === '' || /[\r\n\u2028\u2029]/.test(text) || /^[&!*|>]/.test(text)) return undefined;
  const parsed = parseYaml(text);
  return parsed.ok && typeof parsed.data === 'string' ? parsed.data : undefined;
}

/** The fix's text in the quotes the replaced value was written in, when the new value can be written in them as it is. */
function inSameQuotes(old: string, text: string, value: string): string {
  const quote = old[0] === "'" || old[0] === '"' ? old[0] : undefined;
  if (quote === undefined || text[0] === quote) return text;
  return /^[\w .:/@+-]*$/.test(value) ? `${quote}${value}${quote}` : text;
}

/**
 * A report's fix as a range of its file's text, or undefined when it cannot be applied
 * safely: the range is not one whole single-line scalar of the YAML, the scalar at a path
 * is not the value the data holds there, or the text is not a single-line scalar.
 *
 * A locator that follows the events of the parse the data was built from finds, at a path,
 * the node that gave the data's value there: its value is not compared with the data's,
 * which the linter may not hold (a file whose data is parsed again only if read: in a
 * clean-up, most files have a fix). Positions recorded by the lint cache are compared.
 */
export function resolveFix(fix: NonNullable<Report['fix']>, file: SourceFile | undefined, locator: Locator | undefined): Fix | undefined {
  if (!file || !locator) return undefined;
  const byItsParse = locatedByItsParse(file);
  // A file with events parsed: one without them may have no data (it did not parse).
  if (!byItsParse && file.data === undefined) return undefined;
  const range = 'path' in fix.at ? (fix.at.file === file.path ? locator.range(fix.at.path) : undefined) : fix.at;
  if (!range) return undefined;
  const [start, end] = range;
  if (!(file.yamlStart <= start && start < end && end <= file.yamlEnd)) return undefined;
  const old = file.text.slice(start, end);
  const was = scalarValue(old);
  if (was === undefined || ('path' in fix.at && !byItsParse && valueAt(file.data, fix.at.path) !== was)) return undefined;
  const value = scalarValue(fix.text);
  if (value === undefined || value === was) return undefined;
  return { range: [start, end], text: inSameQuotes(old, fix.text, value) };
}

export interface AppliedFix extends Fix {
  /** The text the fix replaced. */
  readonly old: string;
}

/**
 * The file's text with the fixes applied, in order of their ranges; a fix that overlaps
 * one before it waits for the next pass (ESLint's rule), the same fix twice is applied once.
 * The text is unchanged when the YAML would no longer parse.
 */
export function applyFixes(file: SourceFile, fixes: readonly Fix[]): { readonly text: string; readonly applied: readonly AppliedFix[] } {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const applied: AppliedFix[] = [];
  let text = '';
  let done = 0;
  for (const fix of sorted) {
    const [start, end] = fix.range;
    if (start < done || start < file.yamlStart || end > file.yamlEnd) continue;
    text += file.text.slice(done, start) + fix.text;
    applied.push({ ...fix, old: file.text.slice(start, end) });
    done = end;
  }
  if (applied.length === 0) return { text: file.text, applied };
  text += file.text.slice(done);
  const yamlEnd = file.yamlEnd + text.length - file.text.length;
  if (!parseYaml(text.slice(file.yamlStart, yamlEnd)).ok) return { text: file.text, applied: [] };
  return { text, applied };
}
