import { posix } from 'node:path';

/**
 * Files under journeys/ that are not read though they were probably meant to be: a
 * journey saved as `home-loan.yaml`, a `welcome.md` without `.journey.`, a scenario
 * outside the naming. Files no one means as a journey (a README, images, exports,
 * office documents, an editor's backups) are left alone; dotfiles and node_modules are
 * never listed at all.
 */

/** Names of a folder's documentation and housekeeping, whatever their extension. */
const KNOWN_NAMES = /^(readme|license|licence|changelog|contributing|codeowners|notice|authors|security|thumbs\.db|desktop\.ini)(\.[^.]*)?$/i;

/** Extensions of files that are not journeys: images, documents, spreadsheets and exports, archives, backups. */
const KNOWN_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'avif', 'ico', 'bmp', 'tif', 'tiff', 'heic',
  'pdf', 'doc', 'docx', 'ppt', 'pptx', 'key', 'odt', 'odp',
  'csv', 'tsv', 'xls', 'xlsx', 'ods', 'numbers',
  'zip', 'gz', 'tgz',
  'bak', 'orig', 'rej', 'swp', 'swo', 'tmp', 'log',
  'drawio', 'excalidraw', 'fig', 'sketch', 'mmd',
]);

const DECLARATION_NAMES: Readonly<Record<string, string>> = {
  owner: 'owners',
  owners: 'owners',
  team: 'owners',
  teams: 'owners',
  channel: 'channels',
  channels: 'channels',
  persona: 'personas',
  personas: 'personas',
  event: 'events',
  events: 'events',
};

/** A file under journeys/ that is not read, and the name it probably meant (a path relative to journeys/). */
export interface UnreadFile {
  /** Its path from the repository root. */
  readonly path: string;
  /** The path from the repository root it would be read at, when one is likely. */
  readonly meant?: string;
}

/**
 * What a file the loader does not read was probably meant to be (`rel` is its path
 * under journeys/, `prefix` that of journeys/ from the root): undefined for a file
 * that is known not to be a journey; `meant` absent when no name is likely.
 */
export function unreadFile(rel: string, prefix: string): UnreadFile | undefined {
  const name = posix.basename(rel);
  const folder = posix.dirname(rel);
  const fromRoot = (path: string): string => (prefix === '' ? path : `${prefix}/${path}`);
  if (name.startsWith('.') || name.endsWith('~') || KNOWN_NAMES.test(name)) return undefined;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (KNOWN_EXTENSIONS.has(extension)) return undefined;
  const path = fromRoot(rel);
  const yaml = extension === 'yaml' || extension === 'yml' || extension === 'json';
  const markdown = extension === 'md' || extension === 'markdown';
  if (!yaml && !markdown && !/\.(journey|scenario)$/i.test(name)) return { path };
  // The name without its extension and without a `.journey`/`.scenario` spelt otherwise.
  const stem = (yaml || markdown ? name.slice(0, dot) : name).replace(/\.(journey|journeys|scenario|scenarios)$/i, '');
  const at = (file: string): string => fromRoot(folder === '.' ? file : `${folder}/${file}`);
  const declaration = DECLARATION_NAMES[stem.toLowerCase()];
  if (declaration && yaml) return { path, meant: fromRoot(`${declaration}.yaml`) };
  if (/\.scenarios?$/i.test(name.slice(0, yaml || markdown ? dot : name.length)) || (yaml && folder.split('/').includes('scenarios'))) {
    return { path, meant: at(`${stem}.scenario.yaml`) };
  }
  return { path, meant: at(`${stem}.journey.${markdown ? 'md' : extension === 'yml' ? 'yml' : 'yaml'}`) };
}
