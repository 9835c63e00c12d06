/**
 * A journey's narrative (the Markdown body) -> HTML that is safe to put in a page:
 * raw HTML in the Markdown is dropped, and rehype-sanitize keeps only GitHub's
 * allow-list of elements, attributes and link protocols. remark and rehype recurse
 * once per level of nesting: a text nested too deep is shown as written, escaped,
 * and never stops the build.
 */
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { engine } from './engine.ts';
import { escapeHtml, oneByteHtml } from './escape.ts';

const { firstTooDeep, MAX_MARKDOWN_NESTING } = engine;

interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

/** Every node of a tree, with a stack rather than recursion. */
function eachNode(tree: HastNode, visit: (node: HastNode) => void): void {
  const stack = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    visit(node);
    if (node.children) for (const child of node.children) stack.push(child);
  }
}

/** Headings start one level below the section that holds the narrative (`#` -> h3 under an h2). */
function shiftHeadings(by: number) {
  return () => (tree: HastNode) => {
    eachNode(tree, (node) => {
      const level = node.tagName !== undefined ? /^h([1-6])$/.exec(node.tagName)?.[1] : undefined;
      if (level !== undefined) node.tagName = `h${Math.min(6, Number(level) + by)}`;
    });
  };
}

/** External links open as ordinary links, but tell the browser not to pass the page along. */
function externalLinks() {
  return (tree: HastNode) => {
    eachNode(tree, (node) => {
      if (node.tagName === 'a' && typeof node.properties?.href === 'string' && /^https?:/i.test(node.properties.href)) {
        node.properties.rel = ['noopener', 'noreferrer'];
      }
    });
  };
}

/** The Markdown as written, escaped, with a note that says why it is not formatted. */
function asPlainText(markdown: string): string {
  const escaped = escapeHtml(markdown);
  return (
    `<p><em>This text nests quotes, lists or emphasis more than ${MAX_MARKDOWN_NESTING} levels deep, so it is shown as written.</em></p>\n` +
    `<pre>${escaped}</pre>`
  );
}

const processors = new Map<number, ReturnType<typeof build>>();

function build(shift: number) {
  return unified()
    .use(remarkParse)
    .use(remarkRehype)
    .use(rehypeSanitize)
    .use(shiftHeadings(shift))
    .use(externalLinks)
    .use(rehypeStringify);
}

/**
 * Markdown -> sanitized HTML, headings moved `shift` levels down; escaped plain
 * text when it nests too deep to render (the `limit-exceeded` rule reports that).
 */
export function renderMarkdown(markdown: string, shift = 2): string {
  if (firstTooDeep(markdown, MAX_MARKDOWN_NESTING)) return asPlainText(markdown);
  let processor = processors.get(shift);
  if (!processor) processors.set(shift, (processor = build(shift)));
  try {
    return oneByteHtml(String(processor.processSync(markdown)));
  } catch (error) {
    // Nesting the line count does not see (emphasis inside emphasis...) can still exhaust the stack.
    if (error instanceof RangeError) return asPlainText(markdown);
    throw error;
  }
}
