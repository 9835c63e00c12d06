/**
 * The site's data, asked of the engine's public API: the engine reads the
 * repository and git (once per state of the files); the site only renders.
 */
import { siteSnapshot, type SiteModel } from 'journeys-as-code';
import { renderMarkdown } from './markdown.ts';

export { watchedPaths } from 'journeys-as-code';

/** The repository the site shows: `JOURNEYS_ROOT`, or the current folder. */
export function journeysRoot(): string {
  const given = process.env.JOURNEYS_ROOT;
  return given !== undefined && given !== '' ? given : process.cwd();
}

/**
 * The site's data for the repository at `path`. JOURNEYS_TODAY runs the rules as of
 * that date (a reproducible build); JOURNEYS_NO_GIT leaves git out.
 */
export function snapshot(path = journeysRoot()): SiteModel {
  return siteSnapshot(path, { markdown: (text) => renderMarkdown(text), today: process.env.JOURNEYS_TODAY || undefined, noGit: Boolean(process.env.JOURNEYS_NO_GIT) });
}
