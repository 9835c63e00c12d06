/**
 * The thread that makes the search index while the pages render (search-index.ts):
 * Pagefind's service takes each page as base64 JSON, and encoding a thousand journeys'
 * pages that way took the rendering thread more than a second. Here it takes another core.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as pagefind from 'pagefind';
import { searchFeeder, type SearchFeeder } from './search-feed.ts';

/** What the rendering thread says. */
export type ToSearchWorker =
  | { readonly type: 'expect'; readonly paths: readonly string[] }
  | { readonly type: 'add'; readonly path: string; readonly bytes: Uint8Array }
  | { readonly type: 'finish'; readonly outputPath: string };

/** What this thread answers: each page taken (`taken`, once the next may come), then the index written or why not. */
export type FromSearchWorker = { readonly type: 'ready' } | { readonly type: 'taken' } | { readonly type: 'done'; readonly indexed: number } | { readonly type: 'failed'; readonly message: string };

export interface SearchWorkerData {
  readonly excludeSelectors: readonly string[];
  /** Where the pages are and which ones, for Pagefind to read them from disk when none came through the feed. */
  readonly fallback: { readonly path: string; readonly glob: string };
}

const port = parentPort!;
const { excludeSelectors, fallback } = workerData as SearchWorkerData;
const say = (message: FromSearchWorker): void => port.postMessage(message);
const failed = (error: unknown): void => say({ type: 'failed', message: error instanceof Error ? error.message : String(error) });

let feeder: SearchFeeder | undefined;
let index: pagefind.PagefindIndex | undefined;
const decoder = new TextDecoder();

port.on('message', (message: ToSearchWorker) => {
  if (!feeder || !index) return;
  if (message.type === 'expect') feeder.expect(message.paths);
  else if (message.type === 'add') void feeder.add(message.path, decoder.decode(message.bytes)).then(() => say({ type: 'taken' }), failed);
  else if (message.type === 'finish') void finish(index, feeder, message.outputPath).then((indexed) => say({ type: 'done', indexed }), failed);
});

async function finish(index: pagefind.PagefindIndex, feeder: SearchFeeder, outputPath: string): Promise<number> {
  let indexed = await feeder.finish();
  if (indexed === 0) {
    // No page came through the feed (a site whose middleware did not run): Pagefind reads them from disk.
    const added = await index.addDirectory({ path: fallback.path, glob: fallback.glob });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    indexed = added.page_count;
  }
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
  await pagefind.close();
  return indexed;
}

try {
  const created = await pagefind.createIndex({ excludeSelectors: [...excludeSelectors] });
  if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join('; ')}`);
  index = created.index;
  feeder = searchFeeder(index);
  say({ type: 'ready' });
} catch (error) {
  failed(error);
}
