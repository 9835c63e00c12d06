/**
 * How the tool writes a file of its own cache folder (the lint cache, the score history's
 * grades): to a temporary file beside it, then renamed to its name, so that a reader sees
 * the old file, none, or the new one, never half of one.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, unlinkSync, writeFileSync, writeSync, writevSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface CacheWriteOptions {
  /** When the folder is made now, a .gitignore with this first line keeps it out of git, as pytest's and ruff's caches do. */
  readonly gitignoreTitle?: string;
}

/** The most buffers one writev takes (POSIX's IOV_MAX on Linux and macOS). */
const MAX_BUFFERS = 1024;

/** Writes the chunks in order, a thousand at a time: the lint cache has three per file. */
function writeAll(fd: number, chunks: readonly Uint8Array[]): void {
  for (let start = 0; start < chunks.length; start += MAX_BUFFERS) {
    const batch = chunks.slice(start, start + MAX_BUFFERS);
    let written = writevSync(fd, batch as Uint8Array[]);
    // A short write: the rest of the batch, a chunk at a time.
    for (const chunk of batch) {
      const done = Math.min(written, chunk.length);
      written -= done;
      for (let at = done; at < chunk.length; ) at += writeSync(fd, chunk, at);
    }
  }
}

/** Removes `file`, unless there is none. */
function removeOld(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Writes `chunks`, one after the other, as the file `file`, making its folder. Throws what
 * the file system says, the temporary file removed: the caller says what it means for it.
 */
export function writeCacheFile(file: string, chunks: readonly Uint8Array[], options: CacheWriteOptions = {}): void {
  const folder = dirname(file);
  const temporary = join(folder, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    const created = !existsSync(folder);
    mkdirSync(folder, { recursive: true });
    if (created && options.gitignoreTitle !== undefined) writeFileSync(join(folder, '.gitignore'), `# ${options.gitignoreTitle}\n*\n`);
    fd = openSync(temporary, 'wx');
    writeAll(fd, chunks);
    closeSync(fd);
    fd = undefined;
    // The old file is removed first: renamed over, ext4 writes the new one out to disk before
    // the rename returns (its auto_da_alloc), 7 ms for the lint cache of a thousand journeys
    // against 2 ms. A reader in between finds no cache, and works without it.
    removeOld(file);
    renameSync(temporary, file);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temporary);
    } catch {
      // Never created.
    }
    throw error;
  }
}
