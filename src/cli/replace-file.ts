import { closeSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Writes `text` to `path` whole: into a temporary file that this run creates (never one
 * that stood there), then renamed over the path, so that a failed write leaves what was
 * there and a reader never sees half a file. Throws the system's error, after removing
 * only the temporary file it created.
 */
export function replaceFile(path: string, text: string, temporary = `${path}.${process.pid}.tmp`): void {
  let created = false;
  try {
    const fd = openSync(temporary, 'wx');
    created = true;
    try {
      writeFileSync(fd, text);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    if (created) rmSync(temporary, { force: true });
    throw error;
  }
}

/** The system's code of an error (`ENOSPC`), or its message. */
export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}
