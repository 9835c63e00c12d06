/**
 * Teams and channels an import declares, appended to owners.yaml or channels.yaml: the
 * user's file is never rewritten, only lines added at its end, and only when its list is
 * the last thing in it, written as a block. Otherwise nothing is appended and the caller
 * says what to declare by hand.
 */
import { yamlLibrary } from './libraries.ts';

export type DeclarationKind = 'owners' | 'channels';

const entryLines = (kind: DeclarationKind, entries: readonly { id: string; name: string }[], indent: string): string =>
  entries
    .map(({ id, name }) => {
      const value = yamlLibrary().stringify(name, { lineWidth: 0 }).trimEnd();
      // A channel outbound or not cannot be told from its name: not, as the format's default, until someone says.
      return `${indent}- id: ${id}\n${indent}  name: ${value}\n`;
    })
    .join('');

/** A new declarations file. */
export function newDeclarations(kind: DeclarationKind, entries: readonly { id: string; name: string }[]): string {
  return `${kind}:\n${entryLines(kind, entries, '  ')}`;
}

/** The file with the entries appended, or undefined when its list is not last, or not a block list. */
export function appendDeclarations(text: string, kind: DeclarationKind, entries: readonly { id: string; name: string }[]): string | undefined {
  const { parseDocument, isMap, isSeq } = yamlLibrary();
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const pairs = doc.contents.items;
  const last = pairs.at(-1);
  const key = last?.key as { value?: unknown } | undefined;
  if (!last || key?.value !== kind || !isSeq(last.value) || last.value.flow === true || last.value.items.length === 0) return undefined;
  // What follows the list's last item must be blank lines or comments only.
  const end = last.value.range?.[1] ?? text.length;
  if (text.slice(end).split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('#'))) return undefined;
  const start = last.value.range?.[0] ?? 0;
  const before = text.slice(text.lastIndexOf('\n', start - 1) + 1, start);
  const indent = /^[ \t]*$/.test(before) ? before : '  ';
  return `${text}${text.endsWith('\n') ? '' : '\n'}${entryLines(kind, entries, indent)}`;
}
