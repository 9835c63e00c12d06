import type { Heading, Root, RootContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Narrative } from '../model/types.ts';
import { countLineBreaks } from './lines.ts';

export interface FrontMatter {
  /** Offsets of the YAML between the `---` lines. */
  readonly yamlStart: number;
  readonly yamlEnd: number;
  /** Offset where the Markdown body starts. */
  readonly bodyStart: number;
}

const OPENING = /^---[ \t]*(?:\r\n|\r|\n)/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)/m;

/** Where the front matter of a Markdown journey is, or undefined when it has none. */
export function findFrontMatter(text: string): FrontMatter | undefined {
  const opening = OPENING.exec(text);
  if (!opening) return undefined;
  const yamlStart = opening[0].length;
  const closing = CLOSING.exec(text.slice(yamlStart));
  if (!closing) return undefined;
  const yamlEnd = yamlStart + closing.index;
  return { yamlStart, yamlEnd, bodyStart: yamlEnd + closing[0].length };
}

export interface Sections {
  /** The whole body. */
  readonly body?: Narrative;
  /** Level-3 sections by their heading's text, in order. */
  readonly byHeading: readonly { readonly id: string; readonly line: number; readonly narrative: Narrative }[];
}

const processor = unified().use(remarkParse);

function textOf(node: RootContent | Heading): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(textOf).join('');
  return '';
}


/**
 * Splits a journey's body at level-3 headings. Each section runs from its heading
 * to the next heading of level 3 or above; lines are those of the `.md` file.
 */
export function splitSections(text: string, bodyStart: number): Sections {
  const body = text.slice(bodyStart);
  const lineOffset = countLineBreaks(text.slice(0, bodyStart));
  const tree = processor.parse(body) as Root;
  const headings = tree.children.filter((node): node is Heading => node.type === 'heading');
  const byHeading: { id: string; line: number; narrative: Narrative }[] = [];
  for (const heading of headings) {
    if (heading.depth !== 3 || !heading.position) continue;
    const start = heading.position.end.offset ?? 0;
    const next = headings.find((other) => other.depth <= 3 && (other.position?.start.offset ?? 0) > start);
    const end = next?.position?.start.offset ?? body.length;
    const line = heading.position.start.line + lineOffset;
    byHeading.push({ id: textOf(heading).trim(), line, narrative: { markdown: body.slice(start, end).trim(), line: line + 1 } });
  }
  const trimmed = body.trim();
  const leading = countLineBreaks(body.slice(0, body.length - body.trimStart().length));
  return { body: trimmed ? { markdown: trimmed, line: lineOffset + 1 + leading } : undefined, byHeading };
}
