/**
 * What a cache written by this tool is keyed by, beside its own content: the package's
 * version, and when the tool runs from its sources (a checkout, where the code changes
 * without the version) a digest of the code that made what is cached.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The source folder: src/ in a checkout, lib/ in the package. */
const SOURCE = fileURLToPath(new URL('..', import.meta.url));

let version: string | undefined;

/** The package's version, or `unknown` with no package.json beside the code (the code digest alone must then tell versions apart). */
export function packageVersion(): string {
  if (version !== undefined) return version;
  try {
    version = String((JSON.parse(readFileSync(join(SOURCE, '..', 'package.json'), 'utf8')) as { version?: unknown }).version);
  } catch {
    version = 'unknown';
  }
  return version;
}

const digests = new Map<string, string>();

/**
 * A digest of the code in `folders` of the source (their files, at any depth, by path),
 * when the tool runs from its TypeScript sources; empty for the compiled package, whose
 * version says it all.
 */
export function sourceDigest(folders: readonly string[]): string {
  if (!import.meta.url.endsWith('.ts')) return '';
  const key = folders.join('\u0000');
  const known = digests.get(key);
  if (known !== undefined) return known;
  const hash = createHash('sha256');
  for (const folder of folders) {
    const names = readdirSync(join(SOURCE, folder), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(?:ts|js)$/.test(entry.name))
      .map((entry) => relative(SOURCE, join(entry.parentPath, entry.name)).split(sep).join('/'))
      .sort();
    for (const name of names) hash.update(name).update('\u0000').update(readFileSync(join(SOURCE, name))).update('\u0000');
  }
  const digest = hash.digest('hex');
  digests.set(key, digest);
  return digest;
}
