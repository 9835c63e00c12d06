/**
 * The search index of a build, made while the pages render: Pagefind (a program of its
 * own, on another core) reads the journey pages from disk as soon as the last of them is
 * written, while Astro renders the rest of the site, then the team and rule pages as soon
 * as the last of those is, and writes the index at once, while Astro renders what is left
 * (the touchpoint catalogue, rendered after the teams, takes about as long as writing
 * the index). The pages tell what they wrote (site/middleware.ts): the pages to expect,
 * and each page's length, so that Pagefind reads a file only once it is whole. Pagefind
 * takes the pages in the order of its walk of the folder, as when it read them all at the
 * end: journeys first, then teams and rules. Pages whose length is unknown, or that are
 * not all rendered, are read once Astro is done.
 */
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PagefindIndex } from 'pagefind';

/** Where the pages find the feed during `journeys build` (absent otherwise): a slot on globalThis, as the model's. */
export const SEARCH_FEED_SLOT = Symbol.for('journeys-as-code.search-feed');

/** What site/middleware.ts calls. */
export interface SearchFeed {
  /** Whether the page at `path` (from the site's root: `journeys/x/index.html`) goes into the index. */
  wants(path: string): boolean;
  /** The pages of the index the site renders (journeys, teams, rules): said once, before the first of them is told. */
  expect(pages: readonly string[]): void;
  /** A page rendered, and the length in bytes of what Astro writes for it (undefined when unknown). */
  rendered(path: string, bytes: number | undefined): void;
}

export interface SearchIndex {
  readonly feed: SearchFeed;
  /**
   * Indexes what is left once every page is written, writes the index into
   * `<out>/pagefind/` (unless it is written already), and says how many pages it holds.
   */
  finish(): Promise<number>;
}

/**
 * The pages the search index reads: those that mark their body for it
 * (data-pagefind-body), a journey's, a team's and a rule's. Pagefind reads every page
 * it is given to find that out, and the catalogue's and the review's pages are about
 * half of the site's bytes.
 */
const SEARCH_PAGE = /^(?:journeys|teams|rules)\/[^/]+\/index\.html$/;
/** The pages read together, in this order: the journeys first, as in Pagefind's walk of the folder. */
const GROUPS = [
  { glob: 'journeys/*/index.html', pattern: /^journeys\/[^/]+\/index\.html$/ },
  { glob: '{teams,rules}/*/index.html', pattern: /^(?:teams|rules)\/[^/]+\/index\.html$/ },
] as const;
/** How often the written pages of a group are looked at, once its last is rendered, until all are whole; and how many times at most. */
const LOOK_EVERY_MS = 20;
const LOOKS = 100;

type Added = { errors: string[]; page_count: number };

interface Group {
  readonly glob: string;
  readonly pattern: RegExp;
  /** The group's pages that the site renders, once said; empty when some length is unknown (read at the end). */
  expected?: Set<string>;
  readonly lengths: Map<string, number>;
  timer?: ReturnType<typeof setTimeout>;
  /** Pagefind's reading of the group's pages, once begun. */
  added?: Promise<Added>;
}

/** The index of the pages Astro writes into `out`. */
export function searchIndex(index: PagefindIndex, out: string): SearchIndex {
  const groups: Group[] = GROUPS.map((group) => ({ ...group, lengths: new Map() }));
  let finished = false;
  /** The last reading begun: each group is read after the one before it. */
  let reading: Promise<unknown> = Promise.resolve();
  /** The index written, once begun. */
  let written: Promise<void> | undefined;

  const add = (group: Group): Promise<Added> => {
    if (group.added === undefined) {
      group.added = reading.then(() => index.addDirectory({ path: out, glob: group.glob }));
      reading = group.added.catch(() => undefined);
    }
    return group.added;
  };
  const write = (): Promise<void> =>
    (written ??= (async () => {
      const results = await Promise.all(groups.map(add));
      const errors = results.flatMap((result) => result.errors);
      if (errors.length > 0) throw new Error(`Pagefind could not index the site: ${errors.join('; ')}`);
      const folder = join(out, 'pagefind');
      rmSync(folder, { recursive: true, force: true });
      const done = await index.writeFiles({ outputPath: folder });
      if (done.errors.length > 0) throw new Error(`Pagefind could not write its index: ${done.errors.join('; ')}`);
    })());

  /** Whether the file Astro writes for `path` is whole: as long as the page it was given. */
  const whole = (group: Group, path: string): boolean => {
    try {
      return statSync(join(out, path)).size === group.lengths.get(path);
    } catch {
      return false;
    }
  };
  /** Past LOOKS, the pages are left for the end (a page not written as it was rendered), as when no length is known. */
  const look = (group: Group, pending: string[], looks = 1): void => {
    group.timer = undefined;
    if (finished) return;
    const left = pending.filter((path) => !whole(group, path));
    if (left.length > 0) {
      if (looks < LOOKS) {
        group.timer = setTimeout(() => look(group, left, looks + 1), LOOK_EVERY_MS);
        // A build that fails never finishes: the looks must not keep the process alive.
        group.timer.unref();
      }
      return;
    }
    // Its failure is told by finish, which waits for it.
    add(group).catch(() => undefined);
    if (groups.every((other) => other.added !== undefined)) write().catch(() => undefined);
  };

  const feed: SearchFeed = {
    wants: (path) => SEARCH_PAGE.test(path),
    expect(pages) {
      for (const group of groups) group.expected ??= new Set(pages.filter((path) => group.pattern.test(path)));
    },
    rendered(path, bytes) {
      const group = groups.find((candidate) => candidate.pattern.test(path));
      if (group?.expected === undefined || !group.expected.has(path) || group.added !== undefined || group.timer !== undefined) return;
      if (bytes === undefined) {
        // A page of unknown length cannot be seen whole: its group waits for the end.
        group.expected = new Set();
        return;
      }
      group.lengths.set(path, bytes);
      // The group's last page rendered: Astro writes it (and may still write one before it) in a moment.
      if (group.lengths.size === group.expected.size) look(group, [...group.expected]);
    },
  };

  return {
    feed,
    async finish() {
      finished = true;
      for (const group of groups) clearTimeout(group.timer);
      await write();
      const results = await Promise.all(groups.map(add));
      return results.reduce((sum, result) => sum + result.page_count, 0);
    },
  };
}
