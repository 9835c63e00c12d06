/**
 * The site's data, asked of the engine's public API: the engine reads the
 * repository and git (once per state of the files); the site only renders.
 */
import type { SiteModel, WorkTreeState } from 'journeys-as-code';
import { engine } from './engine.ts';
import { renderMarkdown } from './markdown.ts';

const { siteSnapshot } = engine;
export const { looksHalfSaved, watchedPaths, workTreeStateLater } = engine;

/** The repository the site shows: `JOURNEYS_ROOT`, or the current folder. */
export function journeysRoot(): string {
  const given = process.env.JOURNEYS_ROOT;
  return given !== undefined && given !== '' ? given : process.cwd();
}

/**
 * The site's data for the repository at `path`. JOURNEYS_TODAY runs the rules as of
 * that date (a reproducible build); JOURNEYS_NO_GIT leaves git out. `live` (the dev
 * server) keeps what the next snapshot after an edit can use again.
 */
export function snapshot(path = journeysRoot(), live = false, change?: Change): SiteModel {
  const next = new Map<string, string>();
  const markdown = (text: string): string => {
    const html = next.get(text) ?? rendered.get(text) ?? renderMarkdown(text);
    next.set(text, html);
    return html;
  };
  const model = siteSnapshot(path, { markdown, today: process.env.JOURNEYS_TODAY || undefined, noGit: Boolean(process.env.JOURNEYS_NO_GIT), keepParses: live, ...(change ? { changed: true, workTree: change.workTree } : {}) });
  // Kept for the next model: what this one rendered (what a model already made did not render is kept as it was).
  if (model !== renderedFor) {
    rendered = next;
    renderedFor = model;
  }
  return model;
}

/**
 * The HTML of each Markdown text the last model rendered, by text: in `journeys dev`, an
 * edit renders again only the narratives that changed (the renderer is pure).
 */
let rendered = new Map<string, string>();
let renderedFor: SiteModel | undefined;

/**
 * The model the content loader last made, handed to the pages in memory. The loader
 * (content.config.ts) and the pages run in one process but from two bundles, each with
 * its own copy of this module: a slot on globalThis is what they share. Passing the
 * model through Astro's data store instead serialised all of it (tens of megabytes for
 * a thousand journeys), bundled it as a module and parsed it again for the pages.
 */
interface Published {
  readonly version: string;
  readonly model: SiteModel;
  readonly count: number;
}

const SLOT = Symbol.for('journeys-as-code.site-model');
const shared = globalThis as unknown as Record<typeof SLOT, Published | undefined>;

/** A change a watcher saw, and what git said of the work tree since (workTreeStateLater). */
export interface Change {
  readonly workTree: { readonly state: WorkTreeState | undefined };
}

/**
 * Makes the model of the repository at `path` the pages', and names its version (new when
 * the files changed, or after a `change` a watcher saw); `live` as for snapshot.
 */
export function publishSnapshot(path = journeysRoot(), live = false, change?: Change): string {
  const model = snapshot(path, live, change);
  const previous = shared[SLOT];
  if (previous?.model === model) return previous.version;
  const count = (previous?.count ?? 0) + 1;
  const version = `${Date.now().toString(36)}-${count}`;
  shared[SLOT] = { version, model, count };
  return version;
}

/** The version of the model the pages now get (journeys dev writes it in each page: site/scripts/dev-model.ts). */
export function publishedVersion(): string | undefined {
  return shared[SLOT]?.version;
}

let fallback: { version: string | undefined; model: SiteModel } | undefined;

/**
 * The model of `version`, as the loader published it; when this process did not load
 * it (another process renders), the engine is asked once per version.
 */
export function publishedModel(version: string | undefined): SiteModel {
  const published = shared[SLOT];
  // The model this process published last, even when the store names an older version: in
  // `journeys dev` the pages reload before Astro's store is written (reloadPages).
  if (published !== undefined) return published.model;
  if (fallback === undefined || fallback.version !== version) fallback = { version, model: snapshot() };
  return fallback.model;
}

/** The slot where `journeys dev` leaves its page reloader (src/cli/dev.ts, DEV_RELOAD_SLOT). */
const RELOAD_SLOT = Symbol.for('journeys-as-code.dev-reload');

/**
 * Reloads the open pages at once, when this process is `journeys dev`'s (which leaves a
 * reloader); says false otherwise (`astro dev`, or a build), where Astro's store does it.
 */
export function reloadPages(): boolean {
  const reload = (globalThis as Record<symbol, unknown>)[RELOAD_SLOT];
  if (typeof reload !== 'function') return false;
  (reload as () => void)();
  return true;
}
