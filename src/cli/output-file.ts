/**
 * `journeys lint --output-file`: the report written to a file, as ESLint's -o does
 * (missing folders created), but never over a folder, through a link, into git's own
 * folder, or over a file of the repository it reports on.
 */
import { lstatSync, mkdirSync, realpathSync, type Stats } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { replaceFile } from './replace-file.ts';
import { CommandError } from './io.ts';

function standing(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function code(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/** The nearest folder above `path` that exists, with its links resolved. */
function existingFolder(path: string): string {
  for (let folder = dirname(path); ; folder = dirname(folder)) {
    try {
      return realpathSync(folder);
    } catch {
      if (dirname(folder) === folder) return folder;
    }
  }
}

const inGit = (path: string): boolean => path.split(sep).includes('.git');

/**
 * The absolute path of the report, checked before the run so that a mistake costs
 * nothing: not in `.git` (as written or once links are resolved), not a folder, not a
 * link, not a device or a FIFO.
 */
export function outputFilePath(path: string, cwd: string): string {
  if (path === '') throw new CommandError('--output-file takes a file path.');
  const absolute = resolve(cwd, path);
  if (inGit(absolute) || inGit(existingFolder(absolute))) throw new CommandError(`--output-file ${path} is inside .git: write the report elsewhere.`);
  const stats = standing(absolute);
  if (stats?.isDirectory()) throw new CommandError(`--output-file ${path} is a folder: give a file path.`);
  if (stats?.isSymbolicLink()) throw new CommandError(`--output-file ${path} is a link: nothing is written through one. Give a file path.`);
  if (stats && !stats.isFile()) throw new CommandError(`--output-file ${path} is not a regular file: give a file path.`);
  return absolute;
}

/** Refuses a report path that would replace or join the repository's own files. */
export function checkNotInRepository(absolute: string, root: string, repositoryFiles: readonly string[], path: string): void {
  const inside = relative(resolve(root), absolute).split(sep).join('/');
  if (inside === 'journeys' || inside.startsWith('journeys/')) throw new CommandError(`--output-file ${path} is inside journeys/: the report would be read as part of the repository. Write it elsewhere.`);
  if (repositoryFiles.includes(inside)) throw new CommandError(`--output-file ${path} is ${inside}, a file of the repository: write the report elsewhere.`);
}

/** Writes the report whole: a temporary file renamed over the path, so that a failed write leaves what was there. */
export function writeOutputFile(absolute: string, path: string, text: string): void {
  try {
    mkdirSync(dirname(absolute), { recursive: true });
  } catch (error) {
    throw new CommandError(`--output-file ${path}: its folder cannot be created (${code(error)}).`);
  }
  try {
    replaceFile(absolute, text, join(dirname(absolute), `.${process.pid}.journeys-report.tmp`));
  } catch (error) {
    throw new CommandError(`--output-file ${path} could not be written (${code(error)}): nothing was changed.`);
  }
}
