/**
 * The site's only source of data is the journeys repository (JOURNEYS_ROOT, default the
 * current folder), read through the engine's public API. The loader makes the model and
 * hands it to the pages in memory (site/lib/content.ts); Astro's store keeps only its
 * version, which changes when the files do: in `journeys dev`, a change to a journey
 * file or the configuration reloads the model and the open pages (at once, through the
 * reloader `journeys dev` gives; under a plain `astro dev`, when Astro writes its store).
 */
import { defineCollection } from 'astro:content';
import type { Loader, LoaderContext } from 'astro/loaders';
import { z } from 'astro/zod';
import type { WorkTreeState } from 'journeys-as-code';
import { journeysRoot, looksHalfSaved, publishSnapshot, reloadPages, watchedPaths, workTreeStateLater } from './lib/snapshot.ts';

/**
 * How long the loader waits after a change for the next one: an editor's save can be a
 * few writes (a temporary file, a rename), a checkout many, each reloading nothing new.
 */
const DEBOUNCE_MS = 25;
/**
 * How much longer it waits when the file changed looks half saved (empty): a save that
 * truncates the file, then writes it, is two changes, which a busy machine may report
 * further apart than the wait above. The page would show the empty file for a moment, and
 * reload twice.
 */
const HALF_SAVED_MS = 150;

const modelLoader: Loader = {
  name: 'journeys-model',
  load: async (context: LoaderContext) => {
    const { store, watcher, logger } = context;
    const root = journeysRoot();
    const stamp = (version: string): void => {
      store.clear();
      store.set({ id: 'site', data: { version }, digest: version });
    };
    // Watched (journeys dev): each snapshot keeps what the next one, after an edit, can use again.
    const live = watcher !== undefined;
    let version = publishSnapshot(root, live);
    stamp(version);
    if (!watcher) return;
    const paths = watchedPaths(root);
    watcher.add(paths);
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Git is asked what the work tree now is at the first change of a burst, while the change
    // settles: its answer is at hand when the reload starts. Asked again then only if a file
    // changed after the question (or looked half saved).
    let changes = 0;
    let question: { readonly after: number; readonly answer: Promise<WorkTreeState | undefined> } | undefined;
    const noGit = Boolean(process.env.JOURNEYS_NO_GIT);
    const ask = (): NonNullable<typeof question> => (question = { after: changes, answer: noGit ? Promise.resolve(undefined) : workTreeStateLater(root) });
    watcher.on('all', (_event: string, changed: string) => {
      if (!paths.some((path) => changed === path || changed.startsWith(`${path}/`))) return;
      clearTimeout(timer);
      changes += 1;
      if (question === undefined) ask();
      let waited = false;
      const reload = async (): Promise<void> => {
        if (!waited && looksHalfSaved(changed)) {
          waited = true;
          timer = setTimeout(() => void reload(), HALF_SAVED_MS);
          return;
        }
        try {
          const started = performance.now();
          const asked = question !== undefined && question.after === changes && !waited ? question : ask();
          question = undefined;
          const state = await asked.answer;
          // journeys dev reloads the pages itself, at once: the store (which Astro writes 500 ms
          // after a change, then reloads them) is left as it is, so that they reload only once.
          const published = publishSnapshot(root, live, { workTree: { state } });
          if (published === version) return;
          version = published;
          if (!reloadPages()) stamp(version);
          logger.info(`Reloaded the journeys after a change to ${changed} (${Math.round(performance.now() - started)} ms)`);
        } catch (error) {
          logger.error(`Could not reload the journeys: ${error instanceof Error ? error.message : String(error)}`);
        }
      };
      timer = setTimeout(() => void reload(), DEBOUNCE_MS);
    });
  },
};

export const collections = {
  site: defineCollection({ loader: modelLoader, schema: z.object({ version: z.string() }) }),
};
