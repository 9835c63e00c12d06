/**
 * The search index of a build, begun while the pages render: Pagefind (a program of its
 * own, on another core) reads the journey pages from disk as soon as the last of them is
 * written, while Astro renders the rest of the site, then the team and rule pages once
 * Astro is done. The pages tell what they wrote (site/middleware.ts): the journey pages
 * to expect, and each page's length, so that Pagefind reads a file only once it is
 * whole. Pagefind takes the pages in the order of its walk of the folder, as when it
 * read them all at the end: journeys first, then teams and rules.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { PagefindIndex } from 'pagefind';

/** Where the pages find the feed during `journeys build` (absent otherwise): a slot on globalThis, as the model's. */
export const SEARCH_FEED_SLOT = Symbol.for('journeys-as-code.search-feed');

/** What site/middleware.ts calls. */
export interface SearchFeed {
  /** Whether the page at `path` (from the site's root: `journeys/x/index.html`) goes into the index. */
  wants(path: string): boolean;
  /** The journey pages the site renders: said once, before the first of them is told. */
  expect(journeyPages: readonly string[]): void;
  /** A page rendered, and the length in bytes of what Astro writes for it (undefined when unknown). */
  rendered(path: string, bytes: number | undefined): void;
}

export interface SearchIndex {
  readonly feed: SearchFeed;
  /** Indexes what is left once every page is written, and says how many pages the index holds. */
  finish(): Promise<number>;
}

/**
 * The pages the search index reads: those that mark their body for it
 * (data-pagefind-body), a journey's, a team's and a rule's. Pagefind reads every page
 * it is given to find that out, and the catalogue's and the review's pages are about
 * half of the site's bytes.
 */
export const SEARCH_PAGES = '{journeys,teams,rules}/*/index.html';
const SEARCH_PAGE = /^(?:journeys|teams|rules)\/[^/]+\/index\.html$/;
const JOURNEY_PAGES = 'journeys/*/index.html';
const JOURNEY_PAGE = /^journeys\/[^/]+\/index\.html$/;
/** How often the written journey pages are looked at, once the last is rendered, until all are whole; and how many times at most. */
const LOOK_EVERY_MS = 20;
const LOOKS = 100;

/** The index of the pages Astro writes into `out`. */
export function searchIndex(index: PagefindIndex, out: string): SearchIndex {
  let expected: Set<string> | undefined;
  const lengths = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finished = false;
  /** Pagefind's reading of the journey pages, once begun. */
  let journeys: Promise<{ errors: string[]; page_count: number }> | undefined;

  /** Whether the file Astro writes for `path` is whole: as long as the page it was given. */
  const whole = (path: string): boolean => {
    try {
      return statSync(join(out, path)).size === lengths.get(path);
    } catch {
      return false;
    }
  };
  /** Past LOOKS, the pages are left for the end (a page not written as it was rendered), as when no length is known. */
  const look = (pending: string[], looks = 1): void => {
    timer = undefined;
    if (finished) return;
    const left = pending.filter((path) => !whole(path));
    if (left.length === 0) {
      journeys = index.addDirectory({ path: out, glob: JOURNEY_PAGES });
      // Its failure is told by finish, which waits for it.
      journeys.catch(() => undefined);
    } else if (looks < LOOKS) {
      timer = setTimeout(() => look(left, looks + 1), LOOK_EVERY_MS);
      // A build that fails never finishes: the looks must not keep the process alive.
      timer.unref();
    }
  };

  const feed: SearchFeed = {
    wants: (path) => SEARCH_PAGE.test(path),
    expect(journeyPages) {
      expected ??= new Set(journeyPages.filter((path) => JOURNEY_PAGE.test(path)));
    },
    rendered(path, bytes) {
      if (!JOURNEY_PAGE.test(path) || expected === undefined || !expected.has(path) || journeys !== undefined || timer !== undefined) return;
      if (bytes === undefined) {
        // A page of unknown length cannot be seen whole: every page waits for the end.
        expected = new Set();
        return;
      }
      lengths.set(path, bytes);
      // The last journey page rendered: Astro writes it (and may still write one before it) in a moment.
      if (lengths.size === expected.size) look([...expected]);
    },
  };

  return {
    feed,
    async finish() {
      finished = true;
      clearTimeout(timer);
      const early = journeys ? await journeys : undefined;
      const rest = await index.addDirectory({ path: out, glob: early ? '{teams,rules}/*/index.html' : SEARCH_PAGES });
      const errors = [...(early?.errors ?? []), ...rest.errors];
      if (errors.length > 0) throw new Error(`Pagefind could not index the site: ${errors.join('; ')}`);
      return (early?.page_count ?? 0) + rest.page_count;
    },
  };
}
