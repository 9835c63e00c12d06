import { existsSync, lstatSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { SourceKind } from '../model/types.ts';
import { ignoreMatcher, ignorePatterns, type IgnoreMatcher } from './ignore.ts';
import { decodeText, describeEntry, isInside, readInside } from './read.ts';
import { unreadFile, type UnreadFile } from './unread.ts';
import { formatCount } from '../model/text.ts';

/** A problem with what the user asked for, as opposed to a problem in a journey file. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface Layout {
  /** Absolute path of the repository root: file paths in findings are relative to it. */
  readonly root: string;
  /** Absolute path of the journeys folder. */
  readonly journeysDir: string;
  readonly files: readonly ListedFile[];
  /** Files and folders not read, and why: each becomes an info finding. */
  readonly skipped: readonly Skipped[];
  /** How many files the configuration's `ignore:` patterns left out. */
  readonly ignored: number;
  /** Files under the journeys folder whose names no pattern reads, though they look meant to be read. */
  readonly unread: readonly UnreadFile[];
}

/** A file to read: its path from the root, what it is, and where it really is. */
export interface ListedFile {
  readonly path: string;
  readonly kind: SourceKind;
  /**
   * Its real path, inside the repository, as the walk found it (the real path of its
   * folder, or of the link's target): the file is then read there without asking the
   * system for its real path again (read.ts's readInside).
   */
  readonly real?: string;
}

/** An entry of the repository that was not read: a path relative to the root, and why. */
export interface Skipped {
  readonly path: string;
  readonly message: string;
}

/** Why a link out of the repository was not followed (the same words for the work tree and git). */
export const OUTSIDE = 'Skipped: a link to a place outside the repository, which is never read.';

/** Why a link was not followed: it leads nowhere (ENOENT), or round in a circle (ELOOP). */
export function linkError(code: string): string {
  return code === 'ELOOP' ? 'Skipped: a link that leads back to itself (ELOOP).' : `Skipped: a link that leads nowhere (${code}).`;
}

/** Why a link to a folder was not followed: the folder (a path from the repository root) was read already. */
export function alreadyRead(folder: string): string {
  return `Skipped: a link to a folder already read (${folder || '.'}).`;
}

/** Folders below journeys/ deeper than this are not walked: no real repository nests that far. */
export const MAX_DEPTH = 32;
/** Entries (files and folders) walked at most, so that a huge or generated tree cannot stall the run. */
export const MAX_ENTRIES = 200_000;

const DECLARATIONS: Readonly<Record<string, SourceKind>> = {
  'owners.yaml': 'owners',
  'owners.yml': 'owners',
  'channels.yaml': 'channels',
  'channels.yml': 'channels',
  'personas.yaml': 'personas',
  'personas.yml': 'personas',
  'events.yaml': 'events',
  'events.yml': 'events',
};

export const CONFIG_FILES = ['journeys.config.yaml', 'journeys.config.yml'] as const;

/** What a file is, from its path inside the journeys folder; undefined for files the tools do not read. */
export function kindOf(relativePath: string): SourceKind | undefined {
  if (relativePath.split('/').some((part) => part.startsWith('.') || part === 'node_modules')) return undefined;
  const name = basename(relativePath);
  if (/\.journey\.(ya?ml|md)$/.test(name)) return 'journey';
  if (/\.scenario\.ya?ml$/.test(name)) return 'scenario';
  if (/^metrics\/[^/]+\.csv$/.test(relativePath)) return 'metrics';
  if (!relativePath.includes('/')) return DECLARATIONS[name];
  return undefined;
}

/** The repository root and journeys folder for a path the user gave. */
export function resolveLayout(path: string): { root: string; journeysDir: string } {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new UsageError(`No such folder: ${path}`);
  if (!statSync(absolute).isDirectory()) throw new UsageError(`Not a folder: ${path} (give the repository folder that holds journeys/)`);
  if (existsSync(join(absolute, 'journeys')) && statSync(join(absolute, 'journeys')).isDirectory()) {
    return { root: absolute, journeysDir: join(absolute, 'journeys') };
  }
  if (basename(absolute) === 'journeys') return { root: dirname(absolute), journeysDir: absolute };
  throw new UsageError(`No journeys/ folder in ${path}: a journeys repository keeps its journeys in journeys/ (run "journeys new <id>" to start one)`);
}

/** The configuration file, when there is one the tools may read, and its `ignore:` patterns. */
function findConfig(root: string, realRoot: string, skip: (path: string, message: string) => void): { path: string; real: string; ignore: string[] } | undefined {
  for (const name of CONFIG_FILES) {
    let stats;
    try {
      stats = lstatSync(join(root, name));
    } catch {
      continue;
    }
    const target = stats.isSymbolicLink() ? linkTarget(join(root, name)) : { real: join(realRoot, name), stats };
    if ('error' in target) skip(name, target.error);
    else if (!isInside(realRoot, target.real)) skip(name, OUTSIDE);
    else if (!target.stats.isFile()) skip(name, `Skipped: not a regular file (${describeEntry(target.stats)}).`);
    else {
      const read = readInside(root, name, target.real);
      const decoded = read.ok ? decodeText(read.bytes) : undefined;
      return { path: name, real: target.real, ignore: decoded?.ok ? ignorePatterns(decoded.text) : [] };
    }
    return undefined;
  }
  return undefined;
}

/** Where a link leads (its real path, and what is there), or why it leads nowhere, in words. */
function linkTarget(path: string): { real: string; stats: Stats } | { error: string } {
  try {
    const real = realpathSync(path);
    return { real, stats: statSync(real) };
  } catch (error) {
    return { error: linkError((error as NodeJS.ErrnoException).code ?? 'unknown error') };
  }
}

interface Folder {
  /** The path the walk reached it by, and the same relative to the journeys folder (`''` for it). */
  readonly abs: string;
  readonly rel: string;
  readonly real: string;
  readonly depth: number;
  /** Left out by an `ignore:` pattern (itself or a folder above it). */
  readonly ignored: boolean;
}

/**
 * Walks the journeys folder: every real folder first, then the links to folders,
 * each followed only when it leads to a folder of the repository not walked yet
 * (real paths, so that `ln -s . a` or a link to `/` cannot make the walk endless or
 * leave the repository). Only regular files of a kind the tools read are listed;
 * whatever else would have been read is skipped with a reason.
 */
function walk(
  root: string,
  journeysDir: string,
  realRoot: string,
  isIgnored: IgnoreMatcher,
  skip: (path: string, message: string) => void,
): { files: ListedFile[]; ignored: number; unread: UnreadFile[] } {
  const files: ListedFile[] = [];
  const unread: UnreadFile[] = [];
  let ignored = 0;
  const prefix = relative(root, journeysDir).split(sep).join('/');
  const fromRoot = (rel: string): string => (rel === '' ? prefix : prefix === '' ? rel : `${prefix}/${rel}`);
  const realJourneys = realpathSync(journeysDir);
  if (!isInside(realRoot, realJourneys)) throw new UsageError(`${prefix || 'journeys'}/ is a link to a folder outside the repository: its files are not read.`);
  const visited = new Set<string>([realJourneys]);
  const folders: Folder[] = [{ abs: journeysDir, rel: '', real: realJourneys, depth: 0, ignored: isIgnored(prefix, true) }];
  const links: Folder[] = [];
  let entries = 0;

  const addFile = (rel: string, folder: Folder, real: string): void => {
    const kind = kindOf(rel);
    if (!kind) {
      const missed = folder.ignored || isIgnored(fromRoot(rel), false) ? undefined : unreadFile(rel, prefix);
      if (missed) unread.push(missed);
      return;
    }
    if (folder.ignored || isIgnored(fromRoot(rel), false)) ignored += 1;
    else files.push({ path: fromRoot(rel), kind, real });
  };
  /** Whether an entry that is not read deserves a word: only what the tools would have read does. */
  const wouldRead = (rel: string, folder: Folder): boolean => kindOf(rel) !== undefined && !folder.ignored && !isIgnored(fromRoot(rel), false);

  for (;;) {
    let folder = folders.pop();
    if (!folder) {
      const link = links.shift();
      if (!link) break;
      if (visited.has(link.real)) {
        skip(fromRoot(link.rel), alreadyRead(relative(realRoot, link.real).split(sep).join('/')));
        continue;
      }
      visited.add(link.real);
      folder = link;
    }
    let dirents: Dirent[];
    try {
      dirents = readdirSync(folder.abs, { withFileTypes: true });
    } catch (error) {
      skip(fromRoot(folder.rel), `Skipped: the folder could not be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`);
      continue;
    }
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // Pushed in reverse, so that folders are popped in name order and the walk is the same on every machine.
    const subfolders: Folder[] = [];
    for (const dirent of dirents) {
      if (dirent.name.startsWith('.') || dirent.name === 'node_modules') continue;
      entries += 1;
      if (entries > MAX_ENTRIES) {
        skip(prefix, `Skipped: the journeys folder holds more than ${formatCount(MAX_ENTRIES)} files and folders; the rest were not read.`);
        folders.length = 0;
        links.length = 0;
        break;
      }
      const rel = folder.rel === '' ? dirent.name : `${folder.rel}/${dirent.name}`;
      const abs = join(folder.abs, dirent.name);
      const child = (real: string): Folder => ({ abs, rel, real, depth: folder.depth + 1, ignored: folder.ignored || isIgnored(fromRoot(rel), true) });
      if (dirent.isFile()) {
        addFile(rel, folder, join(folder.real, dirent.name));
      } else if (dirent.isDirectory()) {
        if (folder.depth + 1 > MAX_DEPTH) skip(fromRoot(rel), `Skipped: a folder nested deeper than ${MAX_DEPTH} levels under the journeys folder.`);
        else subfolders.push(child(join(folder.real, dirent.name)));
      } else if (dirent.isSymbolicLink()) {
        const target = linkTarget(abs);
        if ('error' in target) {
          if (!folder.ignored) skip(fromRoot(rel), target.error);
        } else if (!isInside(realRoot, target.real)) {
          // Said of every such link, file or folder, as the same link read from git (which cannot tell) says it.
          if (!child(target.real).ignored) skip(fromRoot(rel), OUTSIDE);
        } else if (target.stats.isDirectory()) {
          if (folder.depth + 1 > MAX_DEPTH) skip(fromRoot(rel), `Skipped: a folder nested deeper than ${MAX_DEPTH} levels under the journeys folder.`);
          else if (!child(target.real).ignored) links.push(child(target.real));
        } else if (target.stats.isFile()) {
          addFile(rel, folder, target.real);
        } else if (wouldRead(rel, folder)) {
          skip(fromRoot(rel), `Skipped: not a regular file (${describeEntry(target.stats)}).`);
        }
      } else if (wouldRead(rel, folder)) {
        skip(fromRoot(rel), `Skipped: not a regular file (${describeEntry(lstatSync(abs))}).`);
      }
    }
    for (const sub of subfolders.reverse()) {
      if (visited.has(sub.real)) continue;
      visited.add(sub.real);
      folders.push(sub);
    }
  }
  return { files, ignored, unread };
}

/**
 * Lists the files of a journeys repository, sorted, without reading them (but for
 * the configuration's `ignore:` patterns). Never throws for what the folder holds:
 * what cannot or must not be read is listed in `skipped`.
 */
export function discover(path: string): Layout {
  const { root, journeysDir } = resolveLayout(path);
  const realRoot = realpathSync(root);
  const skipped: Skipped[] = [];
  const skip = (at: string, message: string): void => {
    skipped.push({ path: at, message });
  };
  const config = findConfig(root, realRoot, skip);
  const { files, ignored, unread } = walk(root, journeysDir, realRoot, ignoreMatcher(config?.ignore ?? []), skip);
  if (config) files.push({ path: config.path, kind: 'config', real: config.real });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (!files.some((file) => file.kind === 'journey')) {
    // What was skipped may be why nothing was found: say so, or the user is left guessing.
    const misnamed = unread.find((file) => file.meant !== undefined);
    const why = misnamed ? ` (${JSON.stringify(misnamed.path)} is not read: did you mean ${JSON.stringify(misnamed.meant)}?)` : skipped.length > 0 ? ` (${skipped.length} skipped; ${JSON.stringify(skipped[0]!.path)}: ${skipped[0]!.message.replace(/^Skipped: /, '').replace(/\.$/, '')})` : ignored > 0 ? ` (${ignored} left out by ignore: in ${config!.path})` : '';
    throw new UsageError(
      `No journeys found in ${relative(process.cwd(), journeysDir) || '.'}${why}: journeys are files named <id>.journey.yaml or <id>.journey.md (run "journeys new <id>" to write one)`,
    );
  }
  return { root, journeysDir, files, skipped, ignored, unread };
}
