/**
 * The site's only source of data is the journeys repository (JOURNEYS_ROOT, default the
 * current folder), read through the engine's public API. The loader makes the model and
 * hands it to the pages in memory (site/lib/content.ts); Astro's store keeps only its
 * version, which changes when the files do: in `journeys dev`, a change to a journey
 * file or the configuration reloads the model and the open pages.
 */
import { defineCollection } from 'astro:content';
import type { Loader, LoaderContext } from 'astro/loaders';
import { z } from 'astro/zod';
import { journeysRoot, publishSnapshot, watchedPaths } from './lib/snapshot.ts';

const modelLoader: Loader = {
  name: 'journeys-model',
  load: async (context: LoaderContext) => {
    const { store, watcher, logger } = context;
    const root = journeysRoot();
    const sync = (): void => {
      const version = publishSnapshot(root);
      store.clear();
      store.set({ id: 'site', data: { version }, digest: version });
    };
    sync();
    if (!watcher) return;
    const paths = watchedPaths(root);
    watcher.add(paths);
    let timer: ReturnType<typeof setTimeout> | undefined;
    watcher.on('all', (_event: string, changed: string) => {
      if (!paths.some((path) => changed === path || changed.startsWith(`${path}/`))) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        try {
          sync();
          logger.info(`Reloaded the journeys after a change to ${changed}`);
        } catch (error) {
          logger.error(`Could not reload the journeys: ${error instanceof Error ? error.message : String(error)}`);
        }
      }, 150);
    });
  },
};

export const collections = {
  site: defineCollection({ loader: modelLoader, schema: z.object({ version: z.string() }) }),
};
