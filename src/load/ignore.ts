import picomatch from 'picomatch';
import { parseYaml } from './parse-yaml.ts';

/** Whether a path (relative to the repository root, `/`-separated) is left out by the configuration. */
export type IgnoreMatcher = (path: string, isFolder: boolean) => boolean;

/**
 * The `ignore:` patterns of journeys.config.yaml's text, read before any other file
 * is listed. A configuration that cannot be parsed ignores nothing (its parse error
 * is reported when the file itself is parsed); entries that are not text are
 * reported by the schema.
 */
export function ignorePatterns(configText: string): string[] {
  const parsed = parseYaml(configText);
  if (!parsed.ok || parsed.data === null || typeof parsed.data !== 'object' || Array.isArray(parsed.data)) return [];
  const list = (parsed.data as Record<string, unknown>).ignore;
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : [];
}

/**
 * A matcher of gitignore-like patterns: `journeys/legacy/**` or `journeys/legacy`
 * (a folder: everything under it), `*.draft.journey.yaml` (no slash: a name at any
 * depth), `/x` (anchored at the root, as every pattern with a slash is), `drafts/`
 * (folders only). Negated patterns (`!x`) are refused by the schema and skipped here.
 */
export function ignoreMatcher(patterns: readonly string[]): IgnoreMatcher {
  const any: picomatch.Matcher[] = [];
  const folders: picomatch.Matcher[] = [];
  for (const raw of patterns) {
    let pattern = raw.trim();
    if (pattern === '' || pattern.startsWith('!') || pattern.startsWith('#')) continue;
    const folderOnly = pattern.endsWith('/');
    pattern = pattern.replace(/\/+$/, '').replace(/^\/+/, '');
    if (pattern === '') continue;
    const matcher = picomatch(pattern, { dot: true, basename: !raw.trim().replace(/\/+$/, '').includes('/') });
    (folderOnly ? folders : any).push(matcher);
  }
  if (any.length === 0 && folders.length === 0) return () => false;
  return (path, isFolder) => any.some((match) => match(path)) || (isFolder && folders.some((match) => match(path)));
}
