import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync, type Stats } from 'node:fs';
import { join, sep } from 'node:path';

export type ReadResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly message: string; readonly text: string; readonly offset: number };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenient = new TextDecoder('utf-8', { ignoreBOM: false });

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the bytes there are not UTF-8. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const first = bytes[i]!;
  if (first < 0x80) return 1;
  const [length, min, max] =
    first >= 0xc2 && first <= 0xdf ? [2, 0x80, 0xbf]
    : first === 0xe0 ? [3, 0xa0, 0xbf]
    : first >= 0xe1 && first <= 0xef && first !== 0xed ? [3, 0x80, 0xbf]
    : first === 0xed ? [3, 0x80, 0x9f]
    : first === 0xf0 ? [4, 0x90, 0xbf]
    : first >= 0xf1 && first <= 0xf3 ? [4, 0x80, 0xbf]
    : first === 0xf4 ? [4, 0x80, 0x8f]
    : [0, 0, 0];
  if (length === 0 || i + length > bytes.length) return 0;
  if (bytes[i + 1]! < min || bytes[i + 1]! > max) return 0;
  for (let k = 2; k < length; k += 1) if (bytes[i + k]! < 0x80 || bytes[i + k]! > 0xbf) return 0;
  return length;
}

/** Index of the first byte that is not part of valid UTF-8. */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return bytes.length;
}

/** Far above any journey, declaration or metrics export: a bigger file is not one of ours. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/** What a file system entry is, for messages about what is not a regular file. */
export function describeEntry(stats: Pick<Stats, 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice' | 'isDirectory' | 'isSymbolicLink'>): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isSymbolicLink()) return 'a link';
  return 'not a regular file';
}

/** Whether `path` (a real path) is `root` (a real path) or under it. */
export function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}

/**
 * The operating system's realpath, in one call: Node's own walks the path a component at a
 * time from JavaScript (an lstat each), which cost a lint of 1,200 files about 8 ms. The
 * root and its files go through the same one, so that the two compare.
 */
const realPath = (path: string): string => realpathSync.native(path);

const realRoots = new Map<string, string>();
/** The real path of a repository root, asked once per root. */
function realRoot(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    real = realPath(root);
    realRoots.set(root, real);
  }
  return real;
}

/** Flags that make opening a FIFO return at once, and opening a link swapped in at the last moment fail. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/**
 * The bytes of a regular file of the repository, or why they were not read. The
 * file is read only when its real path is inside the repository and it is a
 * regular file once opened: a link out of the repository, a FIFO (which would
 * block), a device or a socket are never read.
 */
export function readInside(root: string, path: string, known?: string): { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly message: string } {
  let fd: number | undefined;
  try {
    // A real path the walk of the repository found (discover.ts) is inside it: the system is not asked again.
    const real = known ?? realPath(join(root, path));
    if (known === undefined && !isInside(realRoot(root), real)) return { ok: false, message: 'The file is a link to a place outside the repository: it was not read.' };
    fd = openSync(real, OPEN_FLAGS);
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { ok: false, message: `The file was not read: it is not a regular file (${describeEntry(stats)}).` };
    if (stats.size > MAX_FILE_BYTES) return { ok: false, message: `The file was not read: it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.` };
    return { ok: true, bytes: readFileSync(fd) };
  } catch (error) {
    return { ok: false, message: `The file could not be read: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}.` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads a file as UTF-8 text. Never throws: an unreadable file becomes a message. */
export function readText(root: string, path: string, real?: string): ReadResult {
  const read = readInside(root, path, real);
  return read.ok ? decodeText(read.bytes) : { ok: false, message: read.message, text: '', offset: 0 };
}

/** Decodes a file's bytes as UTF-8, saying where it is not. */
export function decodeText(bytes: Uint8Array): ReadResult {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, message: 'The file is encoded as UTF-16: save it as UTF-8.', text: '', offset: 0 };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1 && nul < 2) {
    return { ok: false, message: 'The file holds NUL bytes: it looks like UTF-16 without a byte order mark, or a binary file. Save it as UTF-8 text.', text: '', offset: 0 };
  }
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    const bad = firstInvalidByte(bytes);
    // The offset in the text is the length of the valid text before the bad byte.
    const offset = lenient.decode(bytes.subarray(0, bad)).length;
    return { ok: false, message: 'The file is not UTF-8 text: save it with the UTF-8 encoding.', text: lenient.decode(bytes), offset };
  }
}
