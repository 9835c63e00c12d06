import { lstatSync, readFileSync, type Stats } from 'node:fs';
import { basename } from 'node:path';
import { errorCode, replaceFile } from './replace-file.ts';
import { CommandError } from './io.ts';

/** Larger than any baseline a repository needs; reading more would only exhaust memory. */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

/** What stands at `path`, or undefined when nothing does. */
function standing(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new CommandError(`${basename(path)} cannot be read (${code ?? (error as Error).message}).`);
  }
}

function kind(stats: Stats): string {
  if (stats.isSymbolicLink()) return 'a link';
  if (stats.isDirectory()) return 'a folder';
  return 'not a regular file';
}

/**
 * The baseline's text, or undefined when there is none. Only a regular file is read:
 * never a link (it could lead outside the repository), nor a FIFO (reading it would wait forever).
 */
export function readBaselineFile(path: string): string | undefined {
  const stats = standing(path);
  if (stats === undefined) return undefined;
  const name = basename(path);
  if (!stats.isFile()) throw new CommandError(`${name} is ${kind(stats)}: a baseline is a file. Remove it and write it again with --baseline-write, or run with --no-baseline.`);
  if (stats.size > MAX_BASELINE_BYTES) throw new CommandError(`${name} is larger than ${MAX_BASELINE_BYTES / 1024 / 1024} MB: write it again with --baseline-write, or run with --no-baseline.`);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CommandError(`${name} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
}

/**
 * Writes the baseline: a file of its own, replaced whole (a temporary file renamed over
 * it, so that a failed write leaves the old one). Whatever else stands at the path (a
 * folder, a link, dangling or not) is left alone: a link is never written through.
 */
export function writeBaselineFile(path: string, text: string): void {
  const name = basename(path);
  const stats = standing(path);
  if (stats !== undefined && !stats.isFile()) throw new CommandError(`${name} is ${kind(stats)}: nothing was written. Remove it, then run again.`);
  try {
    replaceFile(path, text);
  } catch (error) {
    throw new CommandError(`${name} could not be written (${errorCode(error)}): nothing was changed.`);
  }
}
