/**
 * Links to a touchpoint's line in the forge's web editor, so that a reader who is not a
 * developer can propose a change: `repository.edit-url` of the configuration, or the
 * GitHub or GitLab form when the repository's host says which forge it is.
 */
import { Positions } from '../engine/locate.ts';
import type { Repository, RepositoryLink, Touchpoint } from '../model/types.ts';

/** The editor's address on the forges whose form is known, by a word of the host name. */
export const EDIT_URL_DEFAULTS = {
  github: '{url}/edit/{branch}/{path}#L{line}',
  gitlab: '{url}/-/edit/{branch}/{path}#L{line}',
} as const;

/** The branch edit links open when the configuration names none. */
export const DEFAULT_EDIT_BRANCH = 'main';

/** The template edit links follow, or undefined when the forge is unknown and none is configured. */
export function editUrlTemplate(repository: RepositoryLink | undefined): string | undefined {
  if (!repository) return undefined;
  if (repository.editUrl !== undefined) return repository.editUrl;
  let host: string;
  try {
    host = new URL(repository.url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  const labels = host.split('.');
  if (labels.includes('github')) return EDIT_URL_DEFAULTS.github;
  if (labels.includes('gitlab')) return EDIT_URL_DEFAULTS.gitlab;
  return undefined;
}

/** The template filled in: the path's segments and the branch encoded, the repository's url as written. */
export function fillEditUrl(template: string, values: { url: string; branch: string; path: string; line: number }): string {
  const path = values.path.split('/').map(encodeURIComponent).join('/');
  const branch = values.branch.split('/').map(encodeURIComponent).join('/');
  return template.replace(/\{(url|branch|path|line)\}/g, (_, key: string) => (key === 'url' ? values.url : key === 'branch' ? branch : key === 'path' ? path : String(values.line)));
}

/**
 * The edit link of each touchpoint of `repo` (at its `- id:` line), or a function that
 * always answers undefined when edit links cannot be made. `prefix` is the repository's
 * folder in its git work tree (`''` at the top). Lines are found per file, on first ask.
 */
export function touchpointEditLinks(repo: Repository, prefix = ''): (touchpoint: Touchpoint) => string | undefined {
  const { repository } = repo.config;
  const template = editUrlTemplate(repository);
  if (!repository || template === undefined) return () => undefined;
  const positions = new Positions(repo.files);
  const branch = repository.branch ?? DEFAULT_EDIT_BRANCH;
  return (touchpoint) => {
    const { line } = positions.of(touchpoint.ref);
    return fillEditUrl(template, { url: repository.url, branch, path: `${prefix}${touchpoint.ref.file}`, line });
  };
}
