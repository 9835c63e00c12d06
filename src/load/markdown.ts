import { createRequire } from 'node:module';
import type { Heading, Root, RootContent } from 'mdast';
import type remarkParseType from 'remark-parse';
import type { unified as unifiedType } from 'unified';
import { MAX_MARKDOWN_NESTING } from '../model/limits.ts';
import { firstTooDeep } from '../model/markdown-nesting.ts';
import type { Narrative } from '../model/types.ts';
import { countLineBreaks, lineStarts, offsetToPosition } from './lines.ts';

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

/**
 * remark, loaded on first use: loading it takes about 100 ms, paid by every process
 * and parse worker, and most bodies are split without it (plainSections).
 */
let parser: { parse(body: string): unknown } | undefined;
function remark(): { parse(body: string): unknown } {
  if (!parser) {
    const require = createRequire(import.meta.url);
    const { unified } = require('unified') as { unified: typeof unifiedType };
    const remarkParse = (require('remark-parse') as { default: typeof remarkParseType }).default;
    parser = unified().use(remarkParse);
  }
  return parser;
}

/** The text of a node's leaves, in order: a loop over a stack, as inline nodes may nest deep. */
function textOf(node: RootContent | Heading): string {
  let text = '';
  const stack: (RootContent | Heading)[] = [node];
  for (let next = stack.pop(); next; next = stack.pop()) {
    if ('value' in next && typeof next.value === 'string') text += next.value;
    else if ('children' in next) for (let i = next.children.length - 1; i >= 0; i -= 1) stack.push(next.children[i] as RootContent);
  }
  return text;
}

/** For each heading, the index of the next one of level 3 or above (or the length): one pass from the end. */
function nextSectionEnds(depths: readonly number[]): number[] {
  const next = new Array<number>(depths.length);
  let following = depths.length;
  for (let i = depths.length - 1; i >= 0; i -= 1) {
    next[i] = following;
    if (depths[i]! <= 3) following = i;
  }
  return next;
}

type Section = Sections['byHeading'][number];

/**
 * Splits a journey's body at level-3 headings. Each section runs from its heading
 * to the next heading of level 3 or above; lines are those of the `.md` file.
 * A body nested deeper than MAX_MARKDOWN_NESTING never goes to remark, whose time
 * grows with the square of the depth: its `###` lines are taken as they stand
 * (the `limit-exceeded` rule reports it).
 */
export function splitSections(text: string, bodyStart: number): Sections {
  const body = text.slice(bodyStart);
  const lineOffset = countLineBreaks(text.slice(0, bodyStart));
  const byHeading =
    plainSections(body, lineOffset) ??
    (firstTooDeep(body, MAX_MARKDOWN_NESTING) ? headingLineSections(body, lineOffset, false)! : markdownSections(body, lineOffset));
  const trimmed = body.trim();
  const leading = countLineBreaks(body.slice(0, body.length - body.trimStart().length));
  return { body: trimmed ? { markdown: trimmed, line: lineOffset + 1 + leading } : undefined, byHeading };
}

/** The sections of a body, from its Markdown syntax tree (remark). */
export function markdownSections(body: string, lineOffset: number): Section[] {
  const tree = remark().parse(body) as Root;
  const headings = tree.children.filter((node): node is Heading => node.type === 'heading');
  // Top-level nodes come in the order of the text, so the next section's heading is found in one pass.
  const next = nextSectionEnds(headings.map((heading) => heading.depth));
  const byHeading: Section[] = [];
  for (const [index, heading] of headings.entries()) {
    if (heading.depth !== 3 || !heading.position) continue;
    const start = heading.position.end.offset ?? 0;
    const end = headings[next[index]!]?.position?.start.offset ?? body.length;
    const line = heading.position.start.line + lineOffset;
    byHeading.push({ id: textOf(heading).trim(), line, narrative: { markdown: body.slice(start, end).trim(), line: line + 1 } });
  }
  return byHeading;
}

/**
 * Constructs that may hold a line starting with `#` without it being a heading at
 * the top level, or that make other headings: fenced code, HTML blocks, setext
 * underlines (and the thematic breaks that look like them), headings indented by
 * one to three spaces, carriage returns (whose offsets differ), and the line
 * separators that JavaScript's `^` and `$` take for line breaks but Markdown does not.
 */
const NOT_PLAIN = /^ {0,3}(?:`{3,}|~{3,}|<|=+[ \t]*$|-+[ \t]*$)|^ {1,3}#{1,6}(?:[ \t]|$)|[\r\u2028\u2029]/m;
/** A heading at the start of a line: its level, and its text when it has any. */
const HEADING = /^(#{1,6})(?:[ \t]+(.*))?$/gm;
/** Heading text in which no Markdown syntax can hide: its characters are its text (an `&` starts no entity). */
const PLAIN_TEXT = /^(?:[\p{L}\p{N} .,:;'"()?/+=%@$-]|&(?![#A-Za-z0-9]))*$/u;

/**
 * The sections of a body whose headings can be found without a syntax tree, or
 * undefined when it holds anything that could make them differ. Parsing Markdown
 * costs as much as parsing a journey's YAML; most bodies are prose under `###`
 * headings, and a heading at the start of a line is then a heading of the top
 * level (it ends any list, quote or paragraph before it). A test checks that this
 * gives what the syntax tree gives, whenever it answers.
 */
export function plainSections(body: string, lineOffset: number): Section[] | undefined {
  if (NOT_PLAIN.test(body)) return undefined;
  return headingLineSections(body, lineOffset, true);
}

/**
 * The sections under the `#` lines of a body. Strict, undefined when a level-3
 * heading's text holds Markdown syntax; otherwise its text is taken as written.
 */
function headingLineSections(body: string, lineOffset: number, strict: boolean): Section[] | undefined {
  const headings: { depth: number; start: number; end: number; id: string }[] = [];
  for (const match of body.matchAll(HEADING)) {
    const depth = match[1]!.length;
    const content = (match[2] ?? '').trim();
    // Only the text of a level-3 heading is used (as an id); the others only end sections.
    if (strict && depth === 3 && !PLAIN_TEXT.test(content)) return undefined;
    headings.push({ depth, start: match.index, end: match.index + match[0].length, id: content });
  }
  if (headings.length === 0) return [];
  const starts = lineStarts(body);
  const next = nextSectionEnds(headings.map((heading) => heading.depth));
  const byHeading: Section[] = [];
  headings.forEach((heading, index) => {
    if (heading.depth !== 3) return;
    const end = headings[next[index]!]?.start ?? body.length;
    const line = offsetToPosition(starts, heading.start).line + lineOffset;
    byHeading.push({ id: heading.id, line, narrative: { markdown: body.slice(heading.end, end).trim(), line: line + 1 } });
  });
  return byHeading;
}
