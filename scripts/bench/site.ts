/**
 * Site build timings for the bench: the journey site of a generated repository,
 * and, beside it, a bare Astro site of as many trivial pages as the journey site
 * has. Each build runs in a child process of its own, so that its memory and
 * start-up are counted as a user would see them.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(PACKAGE_ROOT, 'bin', 'journeys.js');

export interface BuildTiming {
  readonly ms: number;
  readonly pages: number;
  /** The build process's peak resident memory (Pagefind's indexer, a program of its own, aside). */
  readonly peakRssBytes: number;
}

/** Loaded into each build's process (--import): writes its peak resident memory to PEAK_FILE as it exits. */
const PEAK_REPORTER = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(process.env.JOURNEYS_BENCH_PEAK_FILE, String(process.resourceUsage().maxRSS * 1024)));",
)}`;

function countPages(dir: string): number {
  return readdirSync(dir, { recursive: true }).filter((name) => String(name).endsWith('.html')).length;
}

function run(args: readonly string[], cwd: string, what: string): { ms: number; peakRssBytes: number } {
  const peakFile = join(mkdtempSync(join(PACKAGE_ROOT, '.bench', 'peak-')), 'rss');
  try {
    const started = performance.now();
    const result = spawnSync(process.execPath, ['--import', PEAK_REPORTER, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, JOURNEYS_BENCH_PEAK_FILE: peakFile } });
    const ms = performance.now() - started;
    if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${result.stderr || result.stdout}`);
    return { ms, peakRssBytes: Number(readFileSync(peakFile, 'utf8')) };
  } finally {
    rmSync(dirname(peakFile), { recursive: true, force: true });
  }
}

/** `journeys build` of a repository, into a temporary folder. */
export function timeJourneySite(repository: string, today: string): BuildTiming {
  mkdirSync(join(PACKAGE_ROOT, '.bench'), { recursive: true });
  const out = mkdtempSync(join(PACKAGE_ROOT, '.bench', 'site-'));
  try {
    const timing = run([BIN, 'build', repository, '--out', out, '--today', today], PACKAGE_ROOT, 'journeys build');
    return { ...timing, pages: countPages(out) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** A bare Astro build of `pages` trivial pages: the floor of any Astro site of that size. */
export function timeBareAstro(pages: number): BuildTiming {
  // Inside the package, so that the project finds astro in node_modules.
  mkdirSync(join(PACKAGE_ROOT, '.bench'), { recursive: true });
  const root = mkdtempSync(join(PACKAGE_ROOT, '.bench', 'bare-astro-'));
  try {
    mkdirSync(join(root, 'src', 'pages'), { recursive: true });
    writeFileSync(join(root, 'astro.config.mjs'), 'export default {};\n');
    writeFileSync(
      join(root, 'src', 'pages', '[n].astro'),
      [
        '---',
        `export function getStaticPaths() { return Array.from({ length: ${pages} }, (_, n) => ({ params: { n: String(n) } })); }`,
        'const { n } = Astro.params;',
        '---',
        '<html lang="en"><head><title>Page {n}</title></head><body><h1>Page {n}</h1><p>A trivial page.</p></body></html>',
        '',
      ].join('\n'),
    );
    const script = `const { build } = await import('astro'); await build({ root: ${JSON.stringify(root)}, logLevel: 'warn' });`;
    const timing = run(['--input-type=module', '-e', script], root, 'bare Astro build');
    return { ...timing, pages: countPages(join(root, 'dist')) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
