/**
 * The search index that `journeys build` makes while the pages render
 * (src/cli/search-feed.ts), with the real Pagefind: the pages go into the index in the
 * site's order whatever the order they are rendered in, so that two builds make the same
 * index, and every page handed over is in it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { afterAll, describe, expect, it } from 'vitest';
import { SEARCH_LEAVES_OUT } from '../src/cli/build.ts';
import { searchFeeder } from '../src/cli/search-feed.ts';
import { writeRepo } from './helpers/repo.ts';

afterAll(() => pagefind.close());

/** A page the index reads, as the site marks it. */
function page(title: string, words: string): string {
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body><nav>Menu</nav><article data-pagefind-body><h1 data-pagefind-meta="title">${title}</h1><p>${words}</p></article></body></html>`;
}

const PAGES: readonly (readonly [string, string])[] = [
  ['journeys/account-opening/index.html', page('Opening an account', 'welcome activation card')],
  ['journeys/card-renewal/index.html', page('Renewing a card', 'renewal card expiry reminder')],
  ['journeys/mortgage/index.html', page('A mortgage', 'mortgage offer signature welcome')],
  ['rules/missing-owner/index.html', page('missing-owner', 'owner team declared')],
  ['teams/team-crm/index.html', page('CRM', 'lifecycle marketing welcome')],
];
const ORDER = PAGES.map(([path]) => path);

/** Every file Pagefind wrote, by path, as bytes. */
function files(dir: string): Map<string, string> {
  const all = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(all.map((entry) => [join(entry.parentPath, entry.name).slice(dir.length), readFileSync(join(entry.parentPath, entry.name)).toString('base64')]));
}

/** The index of the pages handed over in `arrival` order (indexes into PAGES), written to a folder of its own. */
async function indexOf(arrival: readonly number[], expected: readonly string[] = ORDER): Promise<{ dir: string; indexed: number }> {
  const { index } = await pagefind.createIndex({ excludeSelectors: [...SEARCH_LEAVES_OUT] });
  const feeder = searchFeeder(index!);
  feeder.expect(expected);
  for (const at of arrival) await feeder.add(PAGES[at]![0], PAGES[at]![1]);
  const indexed = await feeder.finish();
  const dir = join(writeRepo({}), 'pagefind');
  const written = await index!.writeFiles({ outputPath: dir });
  expect(written.errors).toEqual([]);
  await index!.deleteIndex();
  return { dir, indexed };
}

describe('the search feed', () => {
  it('takes the pages the index reads: a journey’s, a rule’s and a team’s, not the lists', () => {
    const feeder = searchFeeder({} as never);
    expect(ORDER.every((path) => feeder.wants(path))).toBe(true);
    for (const path of ['index.html', 'journeys/index.html', 'journeys/page/2/index.html', 'touchpoints/page/2/index.html', 'channels/email/index.html', 'review/index.html']) {
      expect(feeder.wants(path), path).toBe(false);
    }
  });

  it('makes the same index whatever the order the pages are rendered in, with every page in it', async () => {
    const inOrder = await indexOf([0, 1, 2, 3, 4]);
    expect(inOrder.indexed).toBe(PAGES.length);
    const entry = JSON.parse(readFileSync(join(inOrder.dir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    expect(entry.languages.en!.page_count).toBe(PAGES.length);
    const reversed = await indexOf([4, 3, 2, 1, 0]);
    const shuffled = await indexOf([2, 0, 4, 1, 3]);
    expect(files(reversed.dir)).toEqual(files(inOrder.dir));
    expect(files(shuffled.dir)).toEqual(files(inOrder.dir));
  });

  it('indexes a page the site did not announce too, after the others', async () => {
    const announced = await indexOf([0, 1, 2, 3, 4], ORDER.slice(0, 3));
    expect(announced.indexed).toBe(PAGES.length);
    expect(files(announced.dir)).toEqual(files((await indexOf([4, 3, 0, 1, 2], ORDER.slice(0, 3))).dir));
  });
});
