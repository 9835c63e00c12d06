/**
 * A journey's narrative (the Markdown body) -> HTML that is safe to put in a page:
 * raw HTML in the Markdown is dropped, and rehype-sanitize keeps only GitHub's
 * allow-list of elements, attributes and link protocols.
 */
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

/** Headings start one level below the section that holds the narrative (`#` -> h3 under an h2). */
function shiftHeadings(by: number) {
  return () => (tree: HastNode) => {
    const visit = (node: HastNode): void => {
      const level = node.tagName !== undefined ? /^h([1-6])$/.exec(node.tagName)?.[1] : undefined;
      if (level !== undefined) node.tagName = `h${Math.min(6, Number(level) + by)}`;
      node.children?.forEach(visit);
    };
    visit(tree);
  };
}

/** External links open as ordinary links, but tell the browser not to pass the page along. */
function externalLinks() {
  return (tree: HastNode) => {
    const visit = (node: HastNode): void => {
      if (node.tagName === 'a' && typeof node.properties?.href === 'string' && /^https?:/i.test(node.properties.href)) {
        node.properties.rel = ['noopener', 'noreferrer'];
      }
      node.children?.forEach(visit);
    };
    visit(tree);
  };
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

/** Markdown -> sanitized HTML, headings moved `shift` levels down. */
export function renderMarkdown(markdown: string, shift = 2): string {
  let processor = processors.get(shift);
  if (!processor) processors.set(shift, (processor = build(shift)));
  return String(processor.processSync(markdown));
}
