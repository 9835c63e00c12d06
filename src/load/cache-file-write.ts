/**
 * How the tool writes a file of its own cache folder (the lint cache, the score history's
 * grades): to a temporary file beside it, then renamed over it, so that a reader sees the
 * old file or the new one, never half of one.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface CacheWriteOptions {
  /** When the folder is made now, a .gitignore with this first line keeps it out of git, as pytest's and ruff's caches do. */
  readonly gitignoreTitle?: string;
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
    for (const chunk of chunks) {
      for (let written = 0; written < chunk.length; ) written += writeSync(fd, chunk, written);
    }
    closeSync(fd);
    fd = undefined;
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
