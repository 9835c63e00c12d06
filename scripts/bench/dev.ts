/**
 * The edit loop of `journeys dev`, as a user sees it: the dev server on a repository,
 * one of its journey pages open in headless Chromium, then a touchpoint's message
 * edited in that journey's file, timed until the open page shows the new text (the
 * server reloads the journeys, then the page). The server runs in a process of its
 * own, as a user starts it; the browser is the one the site's tests use.
 *
 *   node scripts/bench/dev.ts <repository> [--edits <n>] [--today <date>]
 *
 * run alone, prints each edit's time and the median (the repository is edited: give
 * it a copy). With JOURNEYS_TIMING=1 it also shows the server's log as it comes: how
 * long each reload of the journeys and each page took.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../test/helpers/browser.ts';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(PACKAGE_ROOT, 'bin', 'journeys.js');
/** How long the server may take to start, a page to first compile, an edit to show, in milliseconds. */
const START_TIMEOUT_MS = 180_000;
const FIRST_PAGE_TIMEOUT_MS = 180_000;
const EDIT_TIMEOUT_MS = 60_000;
const WARM_UP_TIMEOUT_MS = 20_000;
/** A pause after each edit shows, so that the page's own scripts and the server are idle before the next. */
const SETTLE_MS = 1_500;

/** Where the page is told the text to wait for, and says when a frame first had it (sessionStorage survives the reload). */
const EXPECTED = 'journeys-bench-expected';
const SHOWN = 'journeys-bench-shown';

/**
 * Run in each document the page loads, before its own scripts: at every frame until the
 * expected text is in the page, checks for it just before the frame is painted, and
 * notes the frame's time (epoch milliseconds, the clock Date.now() reads). Timing it
 * from the bench's side instead would add the browser driver's round trips.
 */
const FRAME_WATCH = `(() => {
  const expected = sessionStorage.getItem(${JSON.stringify(EXPECTED)});
  if (expected === null) return;
  const check = (time) => {
    if (sessionStorage.getItem(${JSON.stringify(SHOWN)}) !== null) return;
    if (document.body && document.body.textContent.includes(expected)) sessionStorage.setItem(${JSON.stringify(SHOWN)}, String(performance.timeOrigin + time));
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

export interface DevTiming {
  /** Each timed edit, in milliseconds, from the file written to the first frame of the open page with the new text. */
  readonly samples: readonly number[];
  readonly median: number;
  readonly min: number;
  /** From the command started to the server listening. */
  readonly startMs: number;
  /** The first request of the journey's page (the server compiles the site's code for it). */
  readonly firstPageMs: number;
  /** The dev server's peak resident memory (Linux; 0 elsewhere). */
  readonly peakRssBytes: number;
  /** The page that was open. */
  readonly page: string;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** The process's peak resident memory so far, from /proc (0 where there is none). */
function peakRss(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Starts `journeys dev` in a process group of its own, and says where it serves. */
async function startServer(repository: string, today: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  let output = '';
  const child = spawn(process.execPath, [BIN, 'dev', repository, '--port', '0', '--today', today], { cwd: PACKAGE_ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  // With JOURNEYS_TIMING, the server says how long each reload and each page took: shown as it comes.
  if (process.env.JOURNEYS_TIMING) for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk: Buffer) => process.stderr.write(`server: ${chunk.toString('utf8')}`));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`journeys dev did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`)), START_TIMEOUT_MS);
    const check = (): void => {
      const match = /at (http:\/\/[^\s]+\/)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (status) => {
      clearTimeout(timer);
      reject(new Error(`journeys dev exited (${status}):\n${output}`));
    });
  });
  return { child, url, output: () => output };
}

/** Stops the server and whatever it started (its process group). */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const killed = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }, 10_000);
  await exited;
  clearTimeout(killed);
}

/** The first journey file in YAML (by name) that has a touchpoint message, and its slug (the journey's id). */
function journeyToEdit(repository: string): { file: string; slug: string } {
  const folder = join(repository, 'journeys');
  for (const name of readdirSync(folder).filter((entry) => entry.endsWith('.journey.yaml')).sort()) {
    const text = readFileSync(join(folder, name), 'utf8');
    const id = /^journey: (\S+)$/m.exec(text)?.[1];
    if (id !== undefined && /^ {6}text: .+$/m.test(text)) return { file: join(folder, name), slug: id };
  }
  throw new Error(`no journey in ${folder} has a touchpoint message to edit`);
}

/**
 * Runs a script in the page once it is loaded, again if the page navigated meanwhile: Vite
 * reloads a page after its first load when it has prepared dependencies the page found.
 */
async function evaluateLoaded(page: Page, script: string): Promise<void> {
  const deadline = Date.now() + EDIT_TIMEOUT_MS;
  for (;;) {
    try {
      await page.waitForLoadState('load');
      await page.evaluate(script);
      return;
    } catch (error) {
      if (Date.now() > deadline || !/context was destroyed|navigat/i.test(String(error))) throw error;
    }
  }
}

/**
 * When a frame of the page first had the expected text (FRAME_WATCH), asked again if the
 * page navigates meanwhile. Past the timeout, fails with the server's last words.
 */
async function shownAt(page: Page, timeoutMs: number, serverOutput: () => string): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const shown = await page.waitForFunction(`sessionStorage.getItem(${JSON.stringify(SHOWN)})`, null, { timeout: Math.max(1, deadline - Date.now()) });
      return Number(await shown.jsonValue());
    } catch (error) {
      // A reload between the answer and its reading: sessionStorage still holds it.
      if (Date.now() <= deadline && /context was destroyed|navigat/i.test(String(error))) continue;
      const tail = serverOutput().split('\n').slice(-30).join('\n');
      throw new Error(`the edit did not show in ${page.url()} within ${timeoutMs / 1000} s (${String(error).split('\n')[0]}); the server's last output:\n${tail}`, { cause: error });
    }
  }
}

/**
 * Times `edits` edits of one journey in `journeys dev` on `repository` (after one
 * edit not timed: the server's first reload compiles what the first page did not).
 * Each edit rewrites the journey's first touchpoint message with a new sentence.
 */
export async function timeDevEdits(repository: string, today: string, edits = 5, onProgress: (message: string) => void = () => {}): Promise<DevTiming> {
  const { file, slug } = journeyToEdit(repository);
  const original = readFileSync(file, 'utf8');
  const started = performance.now();
  const server = await startServer(repository, today);
  const startMs = performance.now() - started;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.addInitScript(FRAME_WATCH);
    const address = `${server.url}journeys/${encodeURIComponent(slug)}/`;
    const pageStarted = performance.now();
    const response = await page.goto(address, { timeout: FIRST_PAGE_TIMEOUT_MS, waitUntil: 'load' });
    if (!response || response.status() !== 200) throw new Error(`${address} answered ${response?.status() ?? 'nothing'}:\n${server.output()}`);
    const firstPageMs = performance.now() - pageStarted;
    onProgress(`dev: server started in ${Math.round(startMs)} ms, ${address} first shown in ${Math.round(firstPageMs)} ms`);
    const samples: number[] = [];
    let loads = 0;
    page.on('load', () => (loads += 1));
    for (let edit = 0; edit <= edits; edit += 1) {
      loads = 0;
      const sentence = `Edited for the bench, time ${edit} at ${Date.now().toString(36)}.`;
      const edited = original.replace(/^( {6}text: ).+$/m, `$1${sentence}`);
      await evaluateLoaded(page, `sessionStorage.setItem(${JSON.stringify(EXPECTED)}, ${JSON.stringify(sentence)}); sessionStorage.removeItem(${JSON.stringify(SHOWN)})`);
      const written = Date.now();
      writeFileSync(file, edited);
      let shown: number;
      try {
        shown = await shownAt(page, edit === 0 ? WARM_UP_TIMEOUT_MS : EDIT_TIMEOUT_MS, server.output);
      } catch (error) {
        if (edit > 0) throw error;
        // Vite reloads the page by itself once it has prepared the dependencies the first page found: a reload
        // the server asks for meanwhile reaches no page. The warm-up is not timed; the user would reload too.
        onProgress(`dev: the warm-up edit did not show within ${WARM_UP_TIMEOUT_MS / 1000} s: reloading the page`);
        await page.reload({ waitUntil: 'load' });
        shown = await shownAt(page, EDIT_TIMEOUT_MS, server.output);
      }
      const ms = shown - written;
      if (edit > 0) samples.push(ms);
      onProgress(`dev: edit ${edit}${edit === 0 ? ' (warm-up)' : ''} shown in ${Math.round(ms)} ms (seen by the bench ${Date.now() - written} ms after the write)`);
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      if (loads !== 1) onProgress(`dev: the page loaded ${loads} times after edit ${edit}`);
      await page.waitForLoadState('load');
    }
    return { samples, median: median(samples), min: Math.min(...samples), startMs, firstPageMs, peakRssBytes: peakRss(server.child.pid), page: address };
  } finally {
    await browser.close();
    await stopServer(server.child);
    writeFileSync(file, original);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ options: { edits: { type: 'string', default: '5' }, today: { type: 'string', default: '2026-11-01' } }, allowPositionals: true });
  const repository = positionals[0];
  if (repository === undefined) {
    process.stderr.write('Usage: node scripts/bench/dev.ts <repository> [--edits <n>] [--today <date>]\n');
    process.exitCode = 2;
  } else {
    const timing = await timeDevEdits(repository, values.today, Number(values.edits), (message) => process.stderr.write(`${message}\n`));
    process.stdout.write(`${JSON.stringify(timing, null, 2)}\n`);
  }
}
