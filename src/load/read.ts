import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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

/** Reads a file as UTF-8 text. Never throws: an unreadable file becomes a message. */
export function readText(root: string, path: string): ReadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(root, path));
  } catch (error) {
    return { ok: false, message: `The file could not be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, text: '', offset: 0 };
  }
  return decodeText(bytes);
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
