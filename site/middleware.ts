/**
 * Gives every page the site's words in the language of journeys.config.yaml
 * (`Astro.locals.words`): the translator of the engine's catalogue. During `journeys
 * build`, also tells the search index which pages were rendered and how long they are
 * (src/cli/search-index.ts), so that Pagefind reads the journey pages on another core as
 * soon as they are all written, then the team and rule pages, and writes the index, while
 * the rest of the site renders.
 */
import { defineMiddleware } from 'astro:middleware';
import { getCollection, getEntry } from './lib/content.ts';
import { translator } from 'journeys-as-code';

/** The feed `journeys build` leaves on globalThis (src/cli/search-index.ts, SearchFeed). */
interface SearchFeed {
  wants(path: string): boolean;
  expect(pages: readonly string[]): void;
  rendered(path: string, bytes: number | undefined): void;
}

const SEARCH_FEED_SLOT = Symbol.for('journeys-as-code.search-feed');

/** The feeds told the journey pages to expect. */
const told = new WeakSet<SearchFeed>();

export const onRequest = defineMiddleware(async (context, next) => {
  const site = await getEntry('site', 'site');
  context.locals.words = translator(site?.data.locale);
  const feed = (globalThis as Record<symbol, SearchFeed | undefined>)[SEARCH_FEED_SLOT];
  if (feed !== undefined && !told.has(feed)) {
    told.add(feed);
    const pages = async (collection: 'journeys' | 'teams' | 'rules'): Promise<string[]> => (await getCollection(collection)).map((entry) => `${collection}/${entry.id}/index.html`);
    feed.expect([...(await pages('journeys')), ...(await pages('teams')), ...(await pages('rules'))]);
  }
  const response = await next();
  if (feed === undefined) return response;
  const base = import.meta.env.BASE_URL;
  const pathname = decodeURI(context.url.pathname);
  if (!pathname.startsWith(base)) return response;
  const path = `${pathname.slice(base.length)}index.html`;
  if (!feed.wants(path)) return response;
  const length = response.status === 200 ? Number(response.headers.get('content-length') ?? Number.NaN) : Number.NaN;
  feed.rendered(path, Number.isInteger(length) ? length : undefined);
  return response;
});
