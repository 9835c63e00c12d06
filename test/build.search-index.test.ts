/**
 * The search index that `journeys build` makes while the pages render
 * (src/cli/search-index.ts), with the real Pagefind on a real folder of pages: Pagefind
 * reads the journey pages only once every one of them is written whole, then the team and
 * rule pages, and writes the index as soon as it has them all, before the rest of the
 * site is written; the index holds every page the site marks for it, whatever the order
 * the files are written in.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as pagefind from 'pagefind';
import { afterAll, describe, expect, it } from 'vitest';
import { SEARCH_LEAVES_OUT } from '../src/cli/build.ts';
import { searchIndex } from '../src/cli/search-index.ts';
import { indexedPages } from './helpers/pagefind.ts';
import { writeRepo } from './helpers/repo.ts';

afterAll(() => pagefind.close());

/** A page the index reads, as the site marks it, with a word of its own at its end. */
function page(title: string, last: string): string {
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body><nav>Menu</nav><article data-pagefind-body><h1 data-pagefind-meta="title">${title}</h1><p>Welcome card reminder. ${last}</p></article></body></html>`;
}

const JOURNEYS: Record<string, string> = {
  'journeys/account-opening/index.html': page('Opening an account', 'zebra'),
  'journeys/card-renewal/index.html': page('Renewing a card', 'yak'),
  'journeys/mortgage/index.html': page('A mortgage', 'walrus'),
};
/** Pages not in the index: lists. */
const OTHERS: Record<string, string> = {
  'journeys/index.html': page('Journeys', 'nowhere'),
  'journeys/page/2/index.html': page('Journeys, page 2', 'nowhere'),
};

function write(out: string, path: string, text: string): void {
  mkdirSync(dirname(join(out, path)), { recursive: true });
  writeFileSync(join(out, path), text);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The pages of the index, and pages that are not. */
const INDEXED: Record<string, string> = {
  'rules/missing-owner/index.html': page('missing-owner', 'vole'),
  'teams/team-crm/index.html': page('CRM', 'urchin'),
};

/**
 * Renders the site into a fresh folder as Astro would, telling the feed; returns where
 * the index went, how many pages it holds, how many Pagefind held before the other pages
 * were written, and whether the index was written before the lists were.
 */
async function build(options: { readonly late?: string; readonly lengths?: boolean } = {}): Promise<{ dir: string; count: number; early: number; writtenEarly: boolean }> {
  const out = writeRepo({});
  const { index } = await pagefind.createIndex({ excludeSelectors: [...SEARCH_LEAVES_OUT] });
  const search = searchIndex(index!, out);
  const dir = join(out, 'pagefind');
  search.feed.expect([...Object.keys(JOURNEYS), ...Object.keys(INDEXED)]);
  const render = (path: string, text: string): void => {
    if (search.feed.wants(path)) search.feed.rendered(path, options.lengths === false ? undefined : Buffer.byteLength(text));
    // The late page is written half first, then whole: the index must not read the half.
    write(out, path, path === options.late ? text.slice(0, text.length / 2) : text);
  };
  for (const [path, text] of Object.entries(JOURNEYS)) render(path, text);
  await sleep(100);
  if (options.late) write(out, options.late, JOURNEYS[options.late]!);
  // Pagefind reads the journey pages while the others render.
  await sleep(300);
  // What Pagefind holds before the other pages exist: the journey pages, read early.
  const early = (await index!.getFiles()).files.filter((file) => file.path.startsWith('fragment/')).length;
  for (const [path, text] of Object.entries(INDEXED)) render(path, text);
  // The lists, rendered last, take a while: the index is written meanwhile.
  const deadline = performance.now() + 5_000;
  while (!existsSync(join(dir, 'pagefind-entry.json')) && options.lengths !== false && performance.now() < deadline) await sleep(20);
  const writtenEarly = existsSync(join(dir, 'pagefind-entry.json'));
  for (const [path, text] of Object.entries(OTHERS)) render(path, text);
  const count = await search.finish();
  expect(existsSync(join(dir, 'pagefind-entry.json'))).toBe(true);
  await index!.deleteIndex();
  return { dir, count, early, writtenEarly };
}

describe('the search index begun while the pages render', () => {
  it('holds every journey, team and rule page, whole, and no list, written before the lists are', async () => {
    const { dir, count, early, writtenEarly } = await build();
    expect(early).toBe(3);
    expect(writtenEarly).toBe(true);
    expect(count).toBe(5);
    const pages = indexedPages(dir);
    expect([...pages.keys()].sort()).toEqual(['/journeys/account-opening/', '/journeys/card-renewal/', '/journeys/mortgage/', '/rules/missing-owner/', '/teams/team-crm/']);
    expect(pages.get('/journeys/mortgage/')).toContain('walrus');
  });

  it('reads a journey page only once it is written whole', async () => {
    const { dir, count, early } = await build({ late: 'journeys/card-renewal/index.html' });
    expect(early).toBe(3);
    expect(count).toBe(5);
    expect(indexedPages(dir).get('/journeys/card-renewal/')).toContain('yak');
  });

  it('makes the same index from one build to the next, and when the pages’ lengths are unknown (all read at the end)', async () => {
    const first = await build();
    const again = await build({ late: 'journeys/mortgage/index.html' });
    const unknown = await build({ lengths: false });
    expect(unknown.early).toBe(0);
    expect(unknown.writtenEarly).toBe(false);
    expect(unknown.count).toBe(5);
    expect(indexedPages(again.dir)).toEqual(indexedPages(first.dir));
    expect(indexedPages(unknown.dir)).toEqual(indexedPages(first.dir));
  });
});
