import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse, todayOption } from './args.ts';
import { CommandError, EXIT, type Io } from './io.ts';
import { PACKAGE_ROOT } from './own-package.ts';
import { growYoungGenerationTo } from '../index.ts';
import { checkOutputFolder, homeFolders, MARKER, MARKER_TEXT, protectedPaths, refusal, type Protected } from './output-folder.ts';
import { SEARCH_FEED_SLOT, searchIndex, type SearchFeed } from './search-index.ts';

export const usage = `Usage: journeys build [path] [options]

Build the journey site of the repository at path (default: the current folder):
every journey, channel, team, scenario and rule as a static page, with a search
index, ready to publish (GitHub Pages, any web server, or a folder).

Options:
  -o, --out <dir>      Where to write the site (default: dist/ in the current folder).
                       A successful build replaces this folder whole. Refused: the
                       repository, journeys/, .git, the config file, a folder that
                       holds them or lies in journeys/ or .git, / and the home
                       folder, and a non-empty folder this command did not build
                       (a site it builds holds a .journeys-site file)
      --force          Replace a non-empty --out folder that has no .journeys-site
                       file (a site built by an older version)
      --base <path>    The path the site is served under, e.g. /journeys/ for a
                       GitHub Pages project site (default: /)
      --site <url>     The site's full address, when known
      --today <date>   Run the rules as of this date (YYYY-MM-DD)
      --verbose        Show Astro's build log
  -h, --help           Show this help

Exit status: 0 built, 2 the site could not be built.`;



export interface SiteOptions {
  /** The journeys repository (or its journeys/ folder). */
  readonly root: string;
  readonly base?: string;
  readonly site?: string;
  readonly today?: string;
}

export interface BuildOptions extends SiteOptions {
  /** The output folder, absolute. */
  readonly out: string;
  readonly verbose?: boolean;
}

export interface BuildReport {
  readonly pages: number;
  readonly indexed: number;
  readonly seconds: number;
  readonly astroSeconds: number;
  readonly searchSeconds: number;
}

/** A path as short as it can be said from the current folder. */
function shown(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}

/** The repository folder, or a CommandError a person can act on. */
export function repositoryPath(cwd: string, given: string | undefined): string {
  const path = resolve(cwd, given ?? '.');
  if (!existsSync(path)) throw new CommandError(`No such folder: ${given ?? path}`);
  if (!statSync(path).isDirectory()) throw new CommandError(`Not a folder: ${given ?? path} (give the repository folder that holds journeys/)`);
  const inside = join(path, 'journeys');
  if (!(existsSync(inside) && statSync(inside).isDirectory()) && !/[\\/]journeys[\\/]?$/.test(path)) {
    throw new CommandError(`No journeys/ folder in ${given ?? path}: a journeys repository keeps its journeys in journeys/ (run "journeys new <id>" to start one)`);
  }
  return path;
}

/** A base path as Astro wants it: starts and ends with a slash. */
export function normalizeBase(base: string | undefined): string {
  if (base === undefined || base.trim() === '' || base.trim() === '/') return '/';
  return `/${base.trim().replace(/^\/+|\/+$/g, '')}/`;
}

/** Tells the site's content loader (and astro.config.mjs) what to build, through the environment. */
export function siteEnvironment(options: SiteOptions & { out?: string }): void {
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  // Vite reads import.meta.env from the environment too: a BASE_URL or MODE set for
  // something else (a test runner sets both) would change every link of the site.
  for (const name of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR']) delete process.env[name];
  process.env.JOURNEYS_ROOT = options.root;
  process.env.JOURNEYS_SITE_BASE = normalizeBase(options.base);
  if (options.site !== undefined) process.env.JOURNEYS_SITE_URL = options.site;
  if (options.today !== undefined) process.env.JOURNEYS_TODAY = options.today;
  if (options.out !== undefined) process.env.JOURNEYS_SITE_OUT = options.out;
}

/**
 * What the search index leaves out of the pages, besides their data-pagefind-ignore
 * regions: what another result already holds or what no one searches by. Each
 * touchpoint is a sub-result of its journey's page (Pagefind cuts a page at every
 * heading with an id, and a touchpoint's name is one, linking to its row), found by its
 * name, id, summary and message; its other cells (channel, owner, timing, figures) stay
 * out, as a team's lists of journeys and touchpoints do (each journey has its page).
 * Every table cell indexed made the index cost as much as the rest of the build. A
 * stage's row is no heading: its words would count as the touchpoint above it's.
 */
export const SEARCH_LEAVES_OUT: readonly string[] = [
  '.touchpoints-table td:not(.message)',
  '.touchpoints-table .group-row',
  'section[aria-labelledby="owned-heading"]',
  'section[aria-labelledby="runs-heading"]',
];


function countPages(dir: string): number {
  let pages = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.html') && !join(entry.parentPath, entry.name).includes(`${join(dir, 'pagefind')}`)) pages += 1;
  }
  return pages;
}

/** The young generation's size that rendering pages gets (as getHeapSpaceStatistics says), in bytes. */
const PAGES_NEW_SPACE = 16 * 1024 * 1024;

/**
 * Lets the young generation grow to PAGES_NEW_SPACE, then keeps it there.
 * bin/journeys.js keeps it at its first size but while files are parsed, which suits a
 * lint (what it allocates, it keeps): rendering pages allocates strings that die at once,
 * and in so small a young generation they are copied out of it, then collected again, a
 * thousand times a second. Left to grow, it would reach 128 MB and cost as much resident
 * memory. Called once the model is made: grown while the model was made, it reached 64 MB
 * and the build's peak 1 GB.
 */
function roomForPages(): void {
  growYoungGenerationTo(PAGES_NEW_SPACE);
}

/**
 * How much the heap must have grown since the last full collection for the next to be
 * worth its time: Vite ends several bundles in a row, and each collection of the
 * 220 MB heap that 1,000 journeys make takes about 0.2 s, to free nothing after the first.
 */
const COLLECT_AFTER_GROWTH = 24 * 1024 * 1024;
let heapAfterCollection = -Infinity;

/** V8's full collection, which Node gives to a new context once --expose-gc is set, unless the heap has hardly grown since the last. */
function collectNow(): void {
  if (getHeapStatistics().used_heap_size - heapAfterCollection < COLLECT_AFTER_GROWTH) return;
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  heapAfterCollection = getHeapStatistics().used_heap_size;
}

/**
 * Collects what each step left behind as the next begins, where V8 would have let the
 * heap grow by as much under the next step's own memory: after the content layer's
 * sync (what making the model allocated, about 160 MB on 1,000 journeys, the model
 * itself kept) and after each of Vite's bundles. On 1,000 journeys the build's peak
 * resident memory drops from 0.94-1.13 GB to 0.86-0.92 GB, in the same time.
 */
const collectBetweenSteps = {
  name: 'journeys-collect-between-steps',
  hooks: {
    'astro:config:setup': ({ updateConfig }: { updateConfig: (config: object) => unknown }): void => {
      updateConfig({ vite: { plugins: [{ name: 'journeys-collect-after-bundle', closeBundle: collectNow }] } });
    },
    'astro:build:start': (): void => {
      collectNow();
      roomForPages();
    },
  },
};

/** Builds the site with Astro's programmatic API, indexing its pages with Pagefind as they are rendered. */
export async function buildSite(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  siteEnvironment(options);
  const pagefind = await import('pagefind');
  const slots = globalThis as unknown as Record<typeof SEARCH_FEED_SLOT, SearchFeed | undefined>;
  let astroDone: number;
  let indexed: number;
  try {
    const { index, errors } = await pagefind.createIndex({ excludeSelectors: [...SEARCH_LEAVES_OUT] });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    // Pagefind reads the pages on another core, and writes the index, while the rest of the site renders (search-index.ts).
    const search = searchIndex(index, options.out);
    // A working folder of this build's own, inside the package so that Node finds its
    // packages from there: Astro writes its prerendering chunks under the current folder
    // (when the output is outside it), its cache to cacheDir and what it generates (types,
    // content modules) to .astro/ in its root, and two builds at once must share none of
    // them (nor a build and `journeys dev`, whose root is the package's).
    mkdirSync(join(PACKAGE_ROOT, '.astro'), { recursive: true });
    const work = mkdtempSync(join(PACKAGE_ROOT, '.astro', 'build-'));
    const cwd = process.cwd();
    const removeWork = (): void => rmSync(work, { recursive: true, force: true });
    slots[SEARCH_FEED_SLOT] = search.feed;
    process.chdir(work);
    try {
      // Vite's bundler (rolldown, native code) allocates with mimalloc, which by default
      // keeps what it frees for a while: returned at once, the build's peak resident memory
      // on 1,000 journeys drops by a quarter. Read as the bundler loads; a user's own
      // setting stays.
      process.env.MIMALLOC_PURGE_DELAY ??= '0';
      process.env.MIMALLOC_ARENA_EAGER_COMMIT ??= '0';
      const { build } = await import('astro');
      await build({
        // The work folder as Astro's root (above); the site and its configuration are the
        // package's. Its scoped styles' names come from the components' paths from the root,
        // the same from any work folder, so a build makes the same pages as the one before.
        root: work,
        configFile: relative(work, join(PACKAGE_ROOT, 'astro.config.mjs')),
        srcDir: join(PACKAGE_ROOT, 'site'),
        publicDir: join(PACKAGE_ROOT, 'site', 'public'),
        outDir: options.out,
        base: normalizeBase(options.base),
        cacheDir: join(work, 'cache'),
        mode: 'production',
        logLevel: options.verbose ? 'info' : 'warn',
        // A page is rendered while the last one is written: one at a time, the thread
        // waited for each write (a quarter of the time it spent on pages). Four at a time
        // were a little faster still, for 50 to 75 MB more at the build's peak.
        build: { concurrency: 2 },
        integrations: [collectBetweenSteps],
      });
      removeWork();
    } catch (error) {
      // A failed build leaves Astro's content store a write to do on a timer, into the
      // cache: the folder stays until the process ends, or that write would crash it.
      process.once('exit', removeWork);
      throw error;
    } finally {
      process.chdir(cwd);
      slots[SEARCH_FEED_SLOT] = undefined;
    }
    astroDone = performance.now();
    indexed = await search.finish();
  } finally {
    await pagefind.close();
  }
  const done = performance.now();
  return {
    pages: countPages(options.out),
    indexed,
    seconds: (done - started) / 1000,
    astroSeconds: (astroDone - started) / 1000,
    searchSeconds: (done - astroDone) / 1000,
  };
}

/**
 * Builds into a fresh folder beside `options.out` (one file system, so the rename is
 * atomic) and puts it in the place of the old site only once it is complete: a build
 * that fails leaves the previous site as it was. `out` is the checked real path; it is
 * checked again before the swap, since the build takes a while.
 */
async function buildAndSwap(options: BuildOptions, given: string, protections: readonly Protected[], force: boolean): Promise<BuildReport> {
  const target = options.out;
  mkdirSync(dirname(target), { recursive: true });
  const fresh = mkdtempSync(join(dirname(target), `.${basename(target)}.journeys-build-`));
  try {
    const report = await buildSite({ ...options, out: fresh });
    writeFileSync(join(fresh, MARKER), MARKER_TEXT);
    const verdict = checkOutputFolder(target, protections, force);
    if (!verdict.ok) throw new Error(`${refusal(given, verdict.reason)} (it changed during the build)`);
    if (verdict.target !== target) throw new Error(`--out ${given} now leads to ${verdict.target}, not ${target} (it changed during the build): nothing was replaced.`);
    if (verdict.replaces) {
      const old = `${fresh}.old`;
      renameSync(target, old);
      try {
        renameSync(fresh, target);
      } catch (error) {
        renameSync(old, target);
        throw error;
      }
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(fresh, target);
    }
    return report;
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

export async function buildCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    'build',
    args,
    {
      out: { type: 'string', short: 'o' },
      base: { type: 'string' },
      site: { type: 'string' },
      today: { type: 'string' },
      verbose: { type: 'boolean' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    1,
  );
  if (values.help) {
    io.stdout.write(`${usage}\n`);
    return EXIT.ok;
  }
  todayOption(values.today);
  if (values.site !== undefined && !/^https?:\/\/\S+$/.test(values.site)) throw new CommandError(`--site takes a web address starting with http:// or https://, not "${values.site}".`);
  const root = repositoryPath(io.cwd, positionals[0]);
  const given = values.out ?? 'dist';
  const protections = protectedPaths({ repository: root, cwd: io.cwd, homes: homeFolders(io.env), packageRoot: PACKAGE_ROOT });
  const force = values.force === true;
  const verdict = checkOutputFolder(resolve(io.cwd, given), protections, force);
  if (!verdict.ok) throw new CommandError(refusal(given, verdict.reason));
  const out = verdict.target;
  io.stderr.write(`Building the journey site of ${shown(io.cwd, root)}\n`);
  let report: BuildReport;
  try {
    report = await buildAndSwap({ root, out, base: values.base, site: values.site, today: values.today, verbose: values.verbose }, given, protections, force);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`journeys build: the site could not be built: ${message}\n`);
    return EXIT.usage;
  }
  io.stdout.write(
    `Built ${report.pages} pages into ${shown(io.cwd, resolve(io.cwd, given))}/ in ${report.seconds.toFixed(1)}s ` +
      `(Astro ${report.astroSeconds.toFixed(1)}s, search index of ${report.indexed} pages ${report.searchSeconds.toFixed(1)}s).\n`,
  );
  return EXIT.ok;
}
