/**
 * The search index of a build, made on a thread of its own (search-worker.ts) from the
 * pages site/middleware.ts hands over as they render: the rendering thread only copies
 * each page's bytes across.
 */
import { Worker } from 'node:worker_threads';
import type { FromSearchWorker, SearchWorkerData, ToSearchWorker } from './search-worker.ts';

/** Where the pages find the feed during `journeys build` (absent otherwise): a slot on globalThis, as the model's. */
export const SEARCH_FEED_SLOT = Symbol.for('journeys-as-code.search-feed');

/** What site/middleware.ts calls. */
export interface SearchFeed {
  /** Whether the page at `path` (from the site's root: `journeys/x/index.html`) goes into the index. */
  wants(path: string): boolean;
  /** The pages that go into the index, in the order they go: said once, before the first add. */
  expect(paths: readonly string[]): void;
  /** A page's bytes (left as they are); resolves once the next page may be rendered. */
  add(path: string, bytes: Uint8Array): Promise<void>;
}

export interface SearchIndex {
  readonly feed: SearchFeed;
  /** Indexes what is left, writes the index to `outputPath`, and says how many pages it holds. */
  finish(outputPath: string): Promise<number>;
  /** Stops the thread (and Pagefind), whatever it was doing. */
  close(): Promise<void>;
}

/** Pages handed over and not yet taken by the thread, at most: past it, the renderer waits, so that they never pile up in memory. */
const AHEAD = 32;

/** The pages the index reads: a journey's, a team's and a rule's (the pages that mark their body for it). */
const SEARCH_PAGE = /^(?:journeys|teams|rules)\/[^/]+\/index\.html$/;

/** Starts the thread and Pagefind; resolves once Pagefind is ready. */
export async function startSearchIndex(data: SearchWorkerData): Promise<SearchIndex> {
  const here = import.meta.url;
  const worker = new Worker(new URL(here.endsWith('.ts') ? './search-worker.ts' : './search-worker.js', here), { workerData: data });
  let failure: Error | undefined;
  const listeners = new Set<(message: FromSearchWorker) => void>();
  worker.on('message', (message: FromSearchWorker) => {
    if (message.type === 'failed') failure ??= new Error(message.message);
    for (const listener of [...listeners]) listener(message);
  });
  const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', (error) => {
    failure ??= error;
    for (const listener of [...listeners]) listener({ type: 'failed', message: error.message });
  });
  void ended.then(() => {
    failure ??= new Error('the search index stopped before it was written');
    for (const listener of [...listeners]) listener({ type: 'failed', message: failure.message });
  });
  /** The next message of one of `types`, or the failure. */
  const next = (types: readonly FromSearchWorker['type'][]): Promise<FromSearchWorker> =>
    new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      const listener = (message: FromSearchWorker): void => {
        if (message.type === 'failed') {
          listeners.delete(listener);
          reject(failure ?? new Error(message.message));
        } else if (types.includes(message.type)) {
          listeners.delete(listener);
          resolve(message);
        }
      };
      listeners.add(listener);
    });
  const send = (message: ToSearchWorker, transfer: ArrayBuffer[] = []): void => worker.postMessage(message, transfer);

  try {
    await next(['ready']);
  } catch (error) {
    await worker.terminate();
    throw error;
  }

  let ahead = 0;
  let waiting: (() => void)[] = [];
  listeners.add((message) => {
    if (message.type === 'taken') ahead -= 1;
    if (message.type !== 'taken' && message.type !== 'failed') return;
    // Every waiting page looks again (a failure lets the renderer go on: finish says what went wrong).
    const go = waiting;
    waiting = [];
    for (const resolve of go) resolve();
  });

  const feed: SearchFeed = {
    wants: (path) => SEARCH_PAGE.test(path),
    expect: (paths) => send({ type: 'expect', paths }),
    async add(path, bytes) {
      if (failure || !SEARCH_PAGE.test(path)) return;
      const copy = bytes.slice();
      ahead += 1;
      send({ type: 'add', path, bytes: copy }, [copy.buffer]);
      while (ahead >= AHEAD && !failure) await new Promise<void>((resolve) => waiting.push(resolve));
    },
  };
  return {
    feed,
    async finish(outputPath) {
      const done = next(['done']);
      send({ type: 'finish', outputPath });
      const message = await done;
      return message.type === 'done' ? message.indexed : 0;
    },
    async close() {
      await worker.terminate();
    },
  };
}
