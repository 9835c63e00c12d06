/**
 * The site is a consumer of the engine: it reaches src/ only through the public API,
 * by the package's name, which is what an installed package has (src/ is not published:
 * the site there runs on the compiled lib/). A relative import out of site/ would build
 * here and fail in every user's repository.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const SITE = join(REPO, 'site');

/** Every module specifier of a file: static and dynamic imports, re-exports, `import type`. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  const patterns = [/\bimport\s+(?:type\s+)?[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bexport\s+[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\bimport\s+['"]([^'"]+)['"]/g];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.push(match[1]!);
  return found;
}

function siteFiles(): string[] {
  return readdirSync(SITE, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|astro|mjs|js)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('the site', () => {
  it('imports the engine only through the public API, and nothing outside site/ by path', () => {
    const outside: string[] = [];
    let publicApi = 0;
    for (const file of siteFiles()) {
      for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
        if (specifier === 'journeys-as-code') publicApi += 1;
        if (!specifier.startsWith('.')) continue;
        const target = resolve(dirname(file), specifier);
        if (relative(SITE, target).startsWith('..')) outside.push(`${relative(REPO, file)}: ${specifier}`);
      }
    }
    expect(outside).toEqual([]);
    expect(publicApi).toBeGreaterThan(0);
  });

  it('finds the imports it checks', () => {
    expect(specifiers(`import { a } from '../x.ts';\nimport type { B } from "../../src/y.ts";\nconst m = await import('./z.ts');\nimport './side.css';\nexport { c } from '../c.ts';`)).toEqual(
      expect.arrayContaining(['../x.ts', '../../src/y.ts', './z.ts', './side.css', '../c.ts']),
    );
  });
});
