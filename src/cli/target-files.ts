/**
 * What `journeys lint` was asked to lint: a repository folder (as always), or files and
 * globs as ESLint takes them. Files are linted within their repository, loaded whole
 * since rules compare journeys with one another; only the given files' findings count.
 */
import { existsSync, lstatSync, readdirSync, statSync, type Stats } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { CommandError } from './io.ts';
import { formatCount } from '../index.ts';

export interface LintTarget {
  /** The folder to load: the repository, or the folder the user gave (checked by the loader). */
  readonly path: string;
  /** Paths from the repository root, `/`-separated, whose findings alone are reported; absent: every finding. */
  readonly files?: ReadonlySet<string>;
  /** The files named one by one (not matched by a glob), from the repository root. */
  readonly named?: readonly string[];
}

/** Folders a glob never walks into: git's, installed packages, and hidden ones (the loader reads none of them). */
const SKIPPED_FOLDER = (name: string): boolean => name.startsWith('.') || name === 'node_modules';
/** A glob over more entries than this is a mistake (a pattern from the filesystem root), not a repository. */
const MAX_ENTRIES = 200_000;
const MAX_DEPTH = 64;

function stats(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    try {
      // A link that leads nowhere is still a file the user named: the loader reports it.
      return lstatSync(path);
    } catch {
      return undefined;
    }
  }
}

/** The files under `base` whose path from it matches `glob`, sorted. */
function expand(pattern: string, cwd: string): string[] {
  const scan = picomatch.scan(pattern);
  const base = resolve(cwd, scan.base === '' ? '.' : scan.base);
  const matches = picomatch(scan.glob);
  const found: string[] = [];
  let entries = 0;
  const walk = (folder: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    let list;
    try {
      list = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of list) {
      entries += 1;
      if (entries > MAX_ENTRIES) throw new CommandError(`"${pattern}" walks more than ${formatCount(MAX_ENTRIES)} files and folders: give a narrower pattern.`);
      const full = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDER(entry.name)) walk(full, depth + 1);
      } else if (matches(relative(base, full).split(sep).join('/'))) {
        found.push(full);
      }
    }
  };
  walk(base, 0);
  return found.sort();
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The folder that holds `journeys/`, walking up from a file; never above the git root. */
function repositoryOf(file: string): string | undefined {
  let folder = dirname(file);
  for (;;) {
    if (isFolder(join(folder, 'journeys'))) return folder;
    if (existsSync(join(folder, '.git'))) return undefined;
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

/** A path as a message names it: from the current folder when below it, else whole. */
function shown(path: string, cwd: string): string {
  const below = relative(cwd, path);
  return below === '' ? '.' : below.startsWith('..') ? path : below;
}

/**
 * The target of `journeys lint args...`: no argument is the current folder; one folder
 * is a repository, unless it lies inside a repository's journeys/ (then its files);
 * otherwise files and globs (expanded here, so that a quoted pattern
 * works as the shell's), all in one repository.
 */
export function lintTarget(args: readonly string[], cwd: string): LintTarget {
  if (args.length === 0) return { path: cwd };
  const files: { path: string; named: boolean }[] = [];
  for (const arg of args) {
    const absolute = resolve(cwd, arg);
    const found = stats(absolute);
    if (found?.isDirectory()) {
      // A folder inside a repository's journeys/ (journeys/onboarding) stands for its files, as in ESLint.
      const within = isFolder(join(absolute, 'journeys')) ? undefined : repositoryOf(join(absolute, '.'));
      if (within !== undefined && absolute.startsWith(join(within, 'journeys') + sep)) {
        const under = expand(`${relative(cwd, absolute).split(sep).join('/')}/**/*`, cwd);
        if (under.length === 0) throw new CommandError(`${arg} holds no file to lint.`);
        files.push(...under.map((path) => ({ path, named: false })));
        continue;
      }
      if (args.length > 1) throw new CommandError(`${arg} is a folder: give one repository folder, or files of one repository, not both.`);
      return { path: arg };
    }
    if (found) {
      files.push({ path: absolute, named: true });
      continue;
    }
    if (!picomatch.scan(arg).isGlob) throw new CommandError(`No such file or folder: ${arg}`);
    const matched = expand(arg, cwd);
    if (matched.length === 0) throw new CommandError(`No files match "${arg}".`);
    files.push(...matched.map((path) => ({ path, named: false })));
  }

  let root: string | undefined;
  for (const file of files) {
    const own = repositoryOf(file.path);
    if (own === undefined) throw new CommandError(`${shown(file.path, cwd)} is not in a journeys repository: no folder above it holds journeys/ (up to the top of its git repository).`);
    if (root !== undefined && own !== root) {
      throw new CommandError(`${shown(file.path, cwd)} is in another journeys repository (${shown(own, cwd)}) than ${shown(root, cwd)}: lint one repository at a time.`);
    }
    root = own;
  }
  const fromRoot = (path: string): string => relative(root!, path).split(sep).join('/');
  return {
    path: root!,
    files: new Set(files.map((file) => fromRoot(file.path))),
    named: [...new Set(files.filter((file) => file.named).map((file) => fromRoot(file.path)))],
  };
}
