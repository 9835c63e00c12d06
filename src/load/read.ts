import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ReadResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly message: string; readonly text: string; readonly offset: number };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Reads a file as UTF-8 text. Never throws: an unreadable file becomes a message. */
export function readText(root: string, path: string): ReadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(root, path));
  } catch (error) {
    return { ok: false, message: `The file could not be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, text: '', offset: 0 };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, message: 'The file is encoded as UTF-16: save it as UTF-8.', text: '', offset: 0 };
  }
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    // Decode leniently to say where the first bad byte is.
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const offset = Math.max(0, text.indexOf('\uFFFD'));
    return { ok: false, message: 'The file is not UTF-8 text: save it with the UTF-8 encoding.', text, offset };
  }
}
