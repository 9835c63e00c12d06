/**
 * What says that a file has not changed without reading it, as git's index does: its
 * inode, size, and modification and change times. The dev server reads a thousand
 * journeys again after each edit only to find all but one the same; their stamps take
 * a fifth of the time.
 */
import { lstatSync } from 'node:fs';
import { join } from 'node:path';

export interface FileStamp {
  readonly key: string;
  /** The later of the file's modification and change times, in epoch milliseconds. */
  readonly changed: number;
}

/**
 * How long before a read a file must have last changed for its stamp to be trusted next
 * time. A file system keeps times to a clock tick (4-10 ms on Linux, 2 s on FAT): a file
 * written again within the tick in which it was read would keep its stamp, and the write
 * would go unseen ("racily clean", in git's words). Such a file is read again instead.
 */
const RACY_MS = 3000;

/**
 * The stamp of a regular file of the repository, at its real path when the listing found
 * it (discover.ts); undefined for a link (whose own times say nothing of its target), or
 * what cannot be stat'ed.
 */
export function fileStamp(root: string, path: string, real?: string): FileStamp | undefined {
  try {
    const stats = lstatSync(real ?? join(root, path));
    if (!stats.isFile()) return undefined;
    return { key: `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`, changed: Math.max(stats.mtimeMs, stats.ctimeMs) };
  } catch {
    return undefined;
  }
}

/**
 * Whether a file whose stamp was `before` when it was read at `readAt` (epoch
 * milliseconds, taken before the read) is unchanged now that its stamp is `now`.
 */
export function sameStamp(before: FileStamp | undefined, readAt: number, now: FileStamp | undefined): boolean {
  return before !== undefined && now !== undefined && before.key === now.key && settled(before, readAt);
}

/** Whether a file whose stamp was `stamp` when it was read at `readAt` had last changed long enough before for the stamp to say it is unchanged later. */
export function settled(stamp: FileStamp, readAt: number): boolean {
  return stamp.changed < readAt - RACY_MS;
}
