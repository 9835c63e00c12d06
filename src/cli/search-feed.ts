/**
 * The search index made while the pages are rendered: each page the index reads is
 * handed to Pagefind (a program of its own, on another core) as soon as it is rendered
 * (site/middleware.ts, through search-index.ts), instead of Pagefind reading them all
 * from disk once Astro is done. Pagefind numbers pages in the order it is given them, so they go in one fixed
 * order, the site's (the order the pages name with `expect`), whatever the order they
 * are rendered in: the index is the same from one build to the next.
 */
import type { PagefindIndex } from 'pagefind';

/** Pages handed to Pagefind and not yet indexed, at most: past it, the renderer waits, so that they never pile up in memory. */
const IN_FLIGHT = 32;

/** The pages' way into Pagefind's index, in the site's order. */
export interface SearchFeeder {
  /** Whether the page at `path` (from the site's root: `journeys/x/index.html`) goes into the index. */
  wants(path: string): boolean;
  /** The pages that go into the index, in the order they go: said once, before the first add. */
  expect(paths: readonly string[]): void;
  /** A page's HTML; resolves once the next page may come (Pagefind has few pages in hand). */
  add(path: string, html: string): Promise<void>;
  /** Hands over the pages still held (those rendered out of order, or not expected), waits for the index, and says how many pages it holds. */
  finish(): Promise<number>;
}

/** The pages the index reads: a journey's, a team's and a rule's (the pages that mark their body for it). */
const SEARCH_PAGE = /^(?:journeys|teams|rules)\/[^/]+\/index\.html$/;

export function searchFeeder(index: PagefindIndex): SearchFeeder {
  let order: string[] = [];
  let next = 0;
  const held = new Map<string, string>();
  const sent = new Set<string>();
  const results: Promise<string[]>[] = [];
  let inFlight = 0;
  const waiting: (() => void)[] = [];

  const send = (path: string, content: string): void => {
    sent.add(path);
    inFlight += 1;
    results.push(
      index.addHTMLFile({ sourcePath: path, content }).then(
        ({ errors }) => errors,
        (error: unknown) => [String(error)],
      ).finally(() => {
        inFlight -= 1;
        waiting.shift()?.();
      }),
    );
  };
  /** Sends the held pages that come next in the site's order. */
  const drain = (): void => {
    while (next < order.length) {
      const path = order[next]!;
      const content = held.get(path);
      if (content === undefined) {
        if (!sent.has(path)) return;
      } else {
        held.delete(path);
        send(path, content);
      }
      next += 1;
    }
  };
  const room = (): Promise<void> => (inFlight < IN_FLIGHT ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve)));

  return {
    wants: (path) => SEARCH_PAGE.test(path),
    expect(paths) {
      if (order.length === 0) order = paths.filter((path) => SEARCH_PAGE.test(path));
    },
    async add(path, html) {
      if (!SEARCH_PAGE.test(path) || sent.has(path) || held.has(path)) return;
      held.set(path, html);
      drain();
      await room();
    },
    async finish() {
      // What was never expected goes last, in the order of its paths.
      const expected = new Set(order);
      order = [...order, ...[...held.keys()].filter((path) => !expected.has(path)).sort()];
      for (const path of order.slice(next)) {
        if (!held.has(path)) continue;
        send(path, held.get(path)!);
        held.delete(path);
      }
      next = order.length;
      const errors = (await Promise.all(results)).flat();
      if (errors.length > 0) throw new Error(`Pagefind could not index the site: ${errors.join('; ')}`);
      return sent.size;
    },
  };
}
