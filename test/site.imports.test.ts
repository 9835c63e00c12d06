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

/** Modules that read or write files, run programs, open connections or ask the system. */
const IO_MODULES = /^(?:node:)?(?:fs|fs\/promises|child_process|os|net|http|https|http2|dgram|dns|tls|worker_threads|cluster|readline|process)$/;

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

  it('imports by a name it computes only the engine, in site/lib/engine.ts, as astro.config.mjs names it, and Mermaid in the browser', () => {
    const computed = siteFiles().filter((file) => /\bnew\s+Function\b|\bimport\s*\(\s*[^'"\s)]/.test(readFileSync(file, 'utf8')));
    // And the browser's script that loads Mermaid from the site's own folder.
    expect(computed.map((file) => relative(SITE, file)).sort()).toEqual(['lib/engine.ts', 'scripts/diagrams.ts']);
    const engine = readFileSync(join(SITE, 'lib', 'engine.ts'), 'utf8');
    expect(engine.match(/nodeImport\(([^)]*)\)/g)).toEqual(['nodeImport(__JOURNEYS_ENGINE__)']);
    expect(readFileSync(join(REPO, 'astro.config.mjs'), 'utf8')).toContain('__JOURNEYS_ENGINE__: JSON.stringify(pathToFileURL(api).href)');
  });

  it('does no I/O of its own: files, git and the system are read by the engine, which the site asks', () => {
    const io: string[] = [];
    for (const file of siteFiles()) {
      const text = readFileSync(file, 'utf8');
      for (const specifier of specifiers(text)) {
        if (IO_MODULES.test(specifier)) io.push(`${relative(REPO, file)}: ${specifier}`);
      }
      if (/\brequire\s*\(|\bprocess\.(?:chdir|binding|dlopen)\b/.test(text)) io.push(`${relative(REPO, file)}: require or process I/O`);
      // The browser's scripts (site/scripts/) may fetch the site's own pages, in the reader's browser; the build fetches nothing.
      if (/\bfetch\s*\(/.test(text) && !relative(SITE, file).startsWith('scripts/')) io.push(`${relative(REPO, file)}: fetch`);
    }
    expect(io).toEqual([]);
  });

  it('knows the I/O modules when it sees them', () => {
    const found = specifiers(`import { readFileSync } from 'node:fs';\nimport { execFileSync } from "child_process";\nimport os from 'node:os';\nimport { x } from 'fs/promises';`);
    expect(found.filter((specifier) => IO_MODULES.test(specifier))).toHaveLength(4);
    expect(IO_MODULES.test('journeys-as-code')).toBe(false);
    expect(IO_MODULES.test('node:url')).toBe(false);
  });

  it('finds the imports it checks', () => {
    expect(specifiers(`import { a } from '../x.ts';\nimport type { B } from "../../src/y.ts";\nconst m = await import('./z.ts');\nimport './side.css';\nexport { c } from '../c.ts';`)).toEqual(
      expect.arrayContaining(['../x.ts', '../../src/y.ts', './z.ts', './side.css', '../c.ts']),
    );
  });
});
