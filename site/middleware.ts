/**
 * Gives every page the site's words in the language of journeys.config.yaml
 * (`Astro.locals.words`): the translator of the engine's catalogue. During `journeys
 * build`, also hands each page the search index reads to Pagefind as soon as it is
 * rendered (src/cli/search-index.ts), so that the index is made on another core while
 * the other pages render.
 */
import { defineMiddleware } from 'astro:middleware';
import { getCollection, getEntry } from './lib/content.ts';
import { translator } from 'journeys-as-code';

/** The feed `journeys build` leaves on globalThis (src/cli/search-index.ts, SearchFeed). */
interface SearchFeed {
  wants(path: string): boolean;
  expect(paths: readonly string[]): void;
  add(path: string, bytes: Uint8Array): Promise<void>;
}

const SEARCH_FEED_SLOT = Symbol.for('journeys-as-code.search-feed');

/** The feeds told the site's order of the pages it indexes. */
const told = new WeakSet<SearchFeed>();

/** The pages the search index reads, in the order Astro renders them: journeys, rules, teams, each in its collection's order. */
async function searchOrder(): Promise<string[]> {
  const paths = (kind: string, ids: readonly string[]): string[] => ids.map((id) => `${kind}/${id}/index.html`);
  return [
    ...paths('journeys', (await getCollection('journeys')).map((entry) => entry.id)),
    ...paths('rules', (await getCollection('rules')).map((entry) => entry.id)),
    ...paths('teams', (await getCollection('teams')).map((entry) => entry.id)),
  ];
}

export const onRequest = defineMiddleware(async (context, next) => {
  const site = await getEntry('site', 'site');
  context.locals.words = translator(site?.data.locale);
  const response = await next();
  const feed = (globalThis as Record<symbol, SearchFeed | undefined>)[SEARCH_FEED_SLOT];
  if (feed === undefined) return response;
  const base = import.meta.env.BASE_URL;
  const pathname = decodeURI(context.url.pathname);
  if (!pathname.startsWith(base)) return response;
  const path = `${pathname.slice(base.length)}index.html`;
  if (!feed.wants(path) || response.status !== 200) return response;
  if (!told.has(feed)) {
    told.add(feed);
    feed.expect(await searchOrder());
  }
  // The page's bytes go on to Astro as they are (the feed takes a copy).
  const bytes = new Uint8Array(await response.arrayBuffer());
  await feed.add(path, bytes);
  return new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
});
