/**
 * Where `journeys build` may write its site. The build replaces its output folder
 * as a whole, so a wrong -o would delete what was there: the folder is checked
 * before anything is written, by real path and by file identity, so that links,
 * "..", trailing slashes and case variants on case-insensitive file systems all
 * come down to the same folder.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, parse, resolve } from 'node:path';
import { CONFIG_FILES, resolveLayout } from '../index.ts';

/** The file every built site holds, so that a later build knows the folder is its own to replace. */
export const MARKER = '.journeys-site';
export const MARKER_TEXT = 'This folder is a site built by "journeys build", which replaces it whole at each build.\n';

/** A path that must survive the build: never the output folder, nor inside it, nor (when `inside`) holding it. */
export interface Protected {
  /** What it is, for the message: "the repository", "the home folder"... */
  readonly what: string;
  /** Its real path (see realPath). */
  readonly path: string;
  /** True when the output may not sit inside it either. */
  readonly inside: boolean;
}

/**
 * The real path of a path that may not exist yet: its nearest existing ancestor
 * resolved by the file system (links, case), the rest appended as written.
 */
export function realPath(path: string): string {
  const absolute = resolve(path);
  const tail: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return join(realpathSync.native(current), ...tail.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return absolute;
      tail.push(basename(current));
      current = parent;
    }
  }
}

/** A path as the file system knows it: its real path, and its device and inode when it exists. */
interface Identity {
  readonly path: string;
  readonly stats?: Stats;
}

function identify(realPathOf: string): Identity {
  try {
    return { path: realPathOf, stats: statSync(realPathOf) };
  } catch {
    return { path: realPathOf };
  }
}

/** One folder by either name: the same real path, or the same file (a case variant on a case-insensitive disk, a bind mount). */
function same(a: Identity, b: Identity): boolean {
  if (a.path === b.path) return true;
  return a.stats !== undefined && b.stats !== undefined && a.stats.dev === b.stats.dev && a.stats.ino === b.stats.ino;
}

/** The path and every folder above it, nearest first. */
function lineage(realPathOf: string): Identity[] {
  const chain: Identity[] = [];
  let current = realPathOf;
  for (;;) {
    chain.push(identify(current));
    const parent = dirname(current);
    if (parent === current) return chain;
    current = parent;
  }
}

/** The top of the git work tree that holds `folder`, if any: the folder with a .git entry. */
function gitTop(folder: string): string | undefined {
  for (let current = folder; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return undefined;
  }
}

export interface Surroundings {
  /** The journeys repository as `journeys build` was given it (the repository or its journeys/ folder). */
  readonly repository: string;
  /** The current folder. */
  readonly cwd: string;
  /** The home folder(s): $HOME and the system's idea of it. */
  readonly homes: readonly string[];
  /** The folder of the journeys package itself, whose sources build the site. */
  readonly packageRoot?: string;
}

/** Everything an output folder must stay clear of. */
export function protectedPaths(around: Surroundings): Protected[] {
  const { root, journeysDir } = resolveLayout(around.repository);
  const list: Protected[] = [
    { what: 'the repository', path: realPath(root), inside: false },
    { what: 'the journeys/ folder', path: realPath(journeysDir), inside: true },
    ...CONFIG_FILES.map((name) => ({ what: `the configuration file ${name}`, path: realPath(join(root, name)), inside: true })),
    { what: 'the current folder', path: realPath(around.cwd), inside: false },
    ...around.homes.filter((home) => home !== '').map((home) => ({ what: 'the home folder', path: realPath(home), inside: false })),
  ];
  const top = gitTop(realPath(root));
  if (top !== undefined) {
    list.push({ what: 'the git work tree', path: top, inside: false }, { what: 'the git folder .git', path: realPath(join(top, '.git')), inside: true });
  }
  if (around.packageRoot !== undefined) list.push({ what: 'the journeys package', path: realPath(around.packageRoot), inside: false });
  return list;
}

/** The home folders of `env`: $HOME and the system's, when they can be told. */
export function homeFolders(env: Readonly<Record<string, string | undefined>>): string[] {
  const homes = [env.HOME ?? '', env.USERPROFILE ?? ''];
  try {
    homes.push(homedir());
  } catch {
    // No home folder known to the system: $HOME is all there is to protect.
  }
  return homes.filter((home) => home !== '');
}

/** True when the folder holds the marker a build writes, as a regular file with the marker's text. */
export function isBuiltSite(folder: string): boolean {
  try {
    const marker = join(folder, MARKER);
    return lstatSync(marker).isFile() && readFileSync(marker, 'utf8') === MARKER_TEXT;
  } catch {
    return false;
  }
}

export type Verdict =
  | { readonly ok: true; readonly target: string; readonly replaces: boolean }
  | { readonly ok: false; readonly reason: string };

/**
 * May the site be written at `out` (absolute), replacing what is there? `target` is
 * the real path the build swaps its new folder into, `replaces` whether a folder
 * stands there now. `force` lets a build replace a non-empty folder with no marker
 * (a site of an older version), never a protected path.
 */
export function checkOutputFolder(out: string, protections: readonly Protected[], force: boolean): Verdict {
  const target = realPath(out);
  if (parse(target).root === target) return { ok: false, reason: 'is the root of the file system' };
  const chain = lineage(target);
  const self = chain[0]!;
  for (const guarded of protections) {
    const them = identify(guarded.path);
    if (same(self, them)) return { ok: false, reason: `is ${guarded.what} (${guarded.path})` };
    if (lineage(guarded.path).slice(1).some((above) => same(self, above))) return { ok: false, reason: `holds ${guarded.what} (${guarded.path})` };
    if (guarded.inside && chain.slice(1).some((above) => same(above, them))) return { ok: false, reason: `is inside ${guarded.what} (${guarded.path})` };
  }
  let stats: Stats;
  try {
    stats = lstatSync(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: true, target, replaces: false };
    if (code === 'ENOTDIR') return { ok: false, reason: 'is under a file, not a folder' };
    return { ok: false, reason: `cannot be read (${code ?? String(error)})` };
  }
  // realPath resolved every link that leads somewhere; one still standing here leads nowhere.
  if (stats.isSymbolicLink()) return { ok: false, reason: 'is a link to nothing' };
  if (!stats.isDirectory()) return { ok: false, reason: 'is a file, not a folder' };
  if (readdirSync(target).length === 0 || isBuiltSite(target) || force) return { ok: true, target, replaces: true };
  return { ok: false, reason: 'is a folder that journeys build did not make, and not empty' };
}

/** The message of a refusal: the folder, why, and what to do. */
export function refusal(shown: string, reason: string): string {
  const fix = reason.startsWith('is a folder that journeys build did not make')
    ? `building would replace its files: choose an empty or new folder, or add --force if it is a site built by an older version of journeys`
    : 'building would replace it: choose another folder, e.g. dist/ in the repository';
  return `--out ${shown} ${reason}; ${fix}.`;
}
