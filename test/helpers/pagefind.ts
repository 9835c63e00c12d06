/** What a Pagefind index holds, read from its files: the text of each page it indexed. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Each indexed page's address (from the site's root, without its base) and text, from the index in `dir` (the site's pagefind/). */
export function indexedPages(dir: string): Map<string, string> {
  const fragments = readdirSync(join(dir, 'fragment')).map((name) => JSON.parse(gunzipSync(readFileSync(join(dir, 'fragment', name))).toString('utf8').replace(/^pagefind_dcd/, '')) as { url: string; content: string });
  return new Map(fragments.map((fragment) => [fragment.url, fragment.content]));
}
