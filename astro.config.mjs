// The journey site: Astro pages in site/, data from the journeys repository at
// JOURNEYS_ROOT (default: the current folder) through site/content.config.ts.
// `journeys build` and `journeys dev` set these variables; plain `astro build` works too.
//   JOURNEYS_ROOT      the journeys repository to publish
//   JOURNEYS_SITE_OUT  where the site goes (default: dist/)
//   JOURNEYS_SITE_BASE the path the site is served under, e.g. /journeys/ on GitHub Pages
//   JOURNEYS_SITE_URL  the site's full address, when known (canonical links)
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defineConfig } from 'astro/config';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
// The site calls the engine through its public API only, by the package's name: the
// compiled lib/ when installed from npm, the TypeScript sources in the tool's own
// repository (engineAsItIs, below).
const installed = here('.').split(/[\\/]/).includes('node_modules') || !existsSync(here('./src/index.ts'));
const api = installed ? here('./lib/index.js') : here('./src/index.ts');

const env = (name) => (process.env[name] !== undefined && process.env[name] !== '' ? process.env[name] : undefined);

/**
 * The pages and the content loader import the engine as Node runs it (the compiled lib/,
 * or the TypeScript sources here), not compiled again by Vite into the server's bundle:
 * the bundle of the pages took half as long again to make, and each page imported the
 * engine twice over. Browser scripts never import it (it reads files and runs git).
 */
const engineAsItIs = {
  name: 'journeys-engine-as-it-is',
  enforce: 'pre',
  resolveId(source) {
    if (source !== 'journeys-as-code') return undefined;
    return this.environment?.name === 'client' ? api : { id: pathToFileURL(api).href, external: true };
  },
};

export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: env('JOURNEYS_SITE_OUT') ?? './dist',
  base: env('JOURNEYS_SITE_BASE') ?? '/',
  site: env('JOURNEYS_SITE_URL'),
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'auto' },
  devToolbar: { enabled: false },
  prefetch: false,
  vite: {
    resolve: {
      alias: [
        // The site lays diagrams out with dagre (site/scripts/diagrams.ts): Mermaid's ELK
        // layout (its chunk elk-*.mjs, and elkjs) is left out of the build.
        { find: /^(?:elkjs\/lib\/elk\.bundled\.js|\.\/elk-[A-Z0-9]+\.mjs)$/, replacement: here('./site/scripts/no-elk.ts') },
      ],
    },
    plugins: [engineAsItIs],
    // Mermaid's diagrams load as separate chunks, only those a page needs.
    build: { chunkSizeWarningLimit: 4096 },
  },
});
