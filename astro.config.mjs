// The journey site: Astro pages in site/, data from the journeys repository at
// JOURNEYS_ROOT (default: the current folder) through site/content.config.ts.
// `journeys build` and `journeys dev` set these variables; plain `astro build` works too.
//   JOURNEYS_ROOT      the journeys repository to publish
//   JOURNEYS_SITE_OUT  where the site goes (default: dist/)
//   JOURNEYS_SITE_BASE the path the site is served under, e.g. /journeys/ on GitHub Pages
//   JOURNEYS_SITE_URL  the site's full address, when known (canonical links)
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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

/**
 * V8 keeps a string in one byte a character when all of them are below U+0100, else in
 * two; Astro joins a page into one string from its pieces. One piece with a dash, an arrow
 * or a curly quote (the site's words, a journey's text) and the whole page is copied into
 * memory twice its size, out of the young generation, before it is written as UTF-8. So
 * the text and attribute values Astro escapes are written with such characters as
 * character references, which a browser reads as the same text (oneByteHtml in
 * site/lib/escape.ts, which the site's own HTML uses too): on 1,000 journeys the build
 * took 2-3 s less, with a sixth fewer page faults. The two functions of Astro's runtime
 * that escape are wrapped where they are defined, so that every call uses the wrapper;
 * should a version of Astro name them otherwise, the pages are the same but slower, and
 * test/site.build.test.ts says so.
 */
const ASTRO_ESCAPES = [
  // Text: a string as an element's content.
  { file: /\/astro\/dist\/runtime\/server\/escape\.js$/, name: 'escapeHTML', wrap: (base) => `(value) => oneByteHtml(${base}(value))` },
  // An attribute, as the text ` name="value"` marked as HTML. A plain value's text is all of it
  // that can be wide: it is looked at, rather than the attribute made of it (which V8 would first
  // copy into one piece); a list or an object (class:list, style) is looked at once made.
  {
    file: /\/astro\/dist\/runtime\/server\/render\/util\.js$/,
    name: 'addAttribute',
    needs: 'markHTMLString',
    wrap: (base) =>
      `(value, key, shouldEscape, tagName) => { const html = ${base}(value, key, shouldEscape, tagName); const plain = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'; return (plain ? hasWideCharacters(key) || (typeof value === 'string' && hasWideCharacters(value)) : hasWideCharacters(html)) ? markHTMLString(oneByteHtml(String(html))) : html; }`,
  },
];
const pagesInOneByte = {
  name: 'journeys-pages-in-one-byte',
  transform(code, id) {
    if (this.environment?.name === 'client') return undefined;
    const escape = ASTRO_ESCAPES.find(({ file }) => file.test(id.split('?')[0].replaceAll('\\', '/')));
    if (!escape || !new RegExp(`^function ${escape.name}\\(`, 'm').test(code) || (escape.needs && !code.includes(escape.needs))) return undefined;
    const base = `journeysAstro_${escape.name}`;
    return {
      code: `${code}\nimport { hasWideCharacters, oneByteHtml } from ${JSON.stringify(here('./site/lib/escape.ts').replaceAll('\\', '/'))};\nconst ${base} = ${escape.name};\n${escape.name} = ${escape.wrap(base)};\n`,
      map: null,
    };
  },
};

/**
 * The channels' icons as a style sheet (channelIconsCss, from the engine's icons), bundled
 * with the site's own CSS: `import 'virtual:journeys/channel-icons.css'`. A mark is then
 * an empty element, where an SVG in each made a third of a catalogue row; a style sheet of
 * its own would have cost every page a request before its first paint.
 */
const CHANNEL_ICONS_CSS = 'virtual:journeys/channel-icons.css';
const channelIcons = {
  name: 'journeys-channel-icons',
  resolveId(source) {
    return source === CHANNEL_ICONS_CSS ? `\0${CHANNEL_ICONS_CSS}` : undefined;
  },
  async load(id) {
    if (id !== `\0${CHANNEL_ICONS_CSS}`) return undefined;
    const { channelIconsCss } = await import(pathToFileURL(api).href);
    return channelIconsCss();
  },
};

/**
 * Mermaid as its package ships it: built, minified and cut into chunks that a page loads
 * as its diagrams need them (site/scripts/diagrams.ts imports it at run time from
 * `_mermaid/<version>/`). Bundled again by Vite, it took every build three seconds, the
 * same each time. The files are copied into the site when it is built, and served from
 * the package by `journeys dev`. Mermaid's ELK layout (a chunk of its own, 1.6 MB) is
 * replaced by a module that says it is not there: the site lays its diagrams out with
 * dagre (layout: 'dagre').
 */
const mermaidDist = dirname(createRequire(import.meta.url).resolve('mermaid'));
const mermaidVersion = JSON.parse(readFileSync(join(mermaidDist, '..', 'package.json'), 'utf8')).version;
const MERMAID_FOLDER = `_mermaid/${mermaidVersion}`;
const MERMAID_CHUNKS = 'chunks/mermaid.esm.min';
const NO_ELK = `export function render() { return Promise.reject(new Error(${JSON.stringify('The ELK layout is not part of this site: its diagrams use the dagre layout.')})); }\n`;
/** Each file of Mermaid the site serves, by its path under MERMAID_FOLDER. */
function mermaidFiles() {
  const chunks = readdirSync(join(mermaidDist, MERMAID_CHUNKS)).filter((name) => name.endsWith('.mjs'));
  return ['mermaid.esm.min.mjs', ...chunks.map((name) => `${MERMAID_CHUNKS}/${name}`)];
}
const mermaidFile = (path) => (/^chunks\/mermaid\.esm\.min\/elk-[A-Z0-9]+\.mjs$/.test(path) ? NO_ELK : readFileSync(join(mermaidDist, path)));
const mermaidAsShipped = {
  name: 'journeys-mermaid-as-shipped',
  hooks: {
    'astro:config:setup': ({ config, updateConfig }) => {
      const prefix = `${config.base.replace(/\/?$/, '/')}${MERMAID_FOLDER}/`;
      updateConfig({
        vite: {
          define: { __JOURNEYS_MERMAID__: JSON.stringify(`${prefix}mermaid.esm.min.mjs`) },
          plugins: [
            {
              name: 'journeys-mermaid-in-dev',
              configureServer(server) {
                const files = new Set(mermaidFiles());
                server.middlewares.use((request, response, next) => {
                  const path = (request.url ?? '').split('?')[0];
                  if (!path.startsWith(prefix) || !files.has(path.slice(prefix.length))) return next();
                  response.setHeader('Content-Type', 'text/javascript; charset=utf-8');
                  response.end(mermaidFile(path.slice(prefix.length)));
                });
              },
            },
          ],
        },
      });
    },
    'astro:build:done': ({ dir }) => {
      const root = join(fileURLToPath(dir), MERMAID_FOLDER);
      for (const path of mermaidFiles()) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), mermaidFile(path));
      }
    },
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
  integrations: [mermaidAsShipped],
  prefetch: false,
  vite: {
    // The engine's file, which the site's server code imports as Node loads it (site/lib/engine.ts).
    define: { __JOURNEYS_ENGINE__: JSON.stringify(pathToFileURL(api).href) },
    plugins: [engineAsItIs, pagesInOneByte, channelIcons],
  },
});
