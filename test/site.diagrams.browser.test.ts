/**
 * The diagrams of the example repository's site in a real headless Chromium: the
 * journey page of its largest journey loads little JavaScript and never Mermaid's ELK
 * layout, draws its diagrams as they come into view (one at a time, so that the page
 * stays responsive), and every diagram of it and of the scenario pages renders without
 * a console error. The Mermaid text of each diagram stays in the page as text.
 */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRepository } from '../src/index.ts';
import { runJourneys, serveStatic, tempDir, TODAY } from './fixtures/site/helpers.ts';
import { launchChromium, watchProblems } from './helpers/browser.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The JavaScript a journey page may load, gzip: Mermaid with the diagrams the page draws. */
const JS_BUDGET = 300 * 1024;
/**
 * The main thread's long tasks, in total, from loading the page to the diagrams in view
 * drawn; and the longest one while the reader scrolls through every diagram (drawn one at
 * a time, none blocks the page long).
 */
const LONG_TASK_BUDGET = 1000;

let dir: { path: string; remove: () => void };
let out: string;
let site: { url: string; close: () => Promise<void> };
let browser: Browser;
let largest: { id: string; touchpoints: number };
let scenarios: string[];

beforeAll(async () => {
  dir = tempDir('journeys-site-diagrams-');
  const repo = join(dir.path, 'repo');
  // The repository's own examples: journeys/ and its configuration.
  cpSync(join(ROOT, 'journeys'), join(repo, 'journeys'), { recursive: true });
  cpSync(join(ROOT, 'journeys.config.yaml'), join(repo, 'journeys.config.yaml'));
  const loaded = loadRepository(repo).repo;
  largest = loaded.journeys.map((journey) => ({ id: journey.id, touchpoints: journey.touchpoints.length })).sort((a, b) => b.touchpoints - a.touchpoints)[0]!;
  scenarios = loaded.scenarios.map((scenario) => scenario.id);
  out = join(dir.path, 'site');
  const build = await runJourneys(['build', 'repo', '--out', 'site', '--today', TODAY], dir.path);
  if (build.status !== 0) throw new Error(`journeys build failed:\n${build.stderr}`);
  site = await serveStatic(out);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  dir?.remove();
});

interface Visit {
  readonly page: Page;
  /** Console errors and uncaught exceptions, in order. */
  readonly problems: string[];
  /** Every JavaScript file the page fetched so far: its address, and its size gzip. */
  readonly scripts: () => Promise<{ url: string; gzip: number }[]>;
}

/** Opens a page in a fresh context (nothing cached), counting the long tasks from its start. */
async function open(path: string, options: { viewport?: { width: number; height: number }; context?: BrowserContext } = {}): Promise<Visit> {
  const context = options.context ?? (await browser.newContext({ viewport: options.viewport ?? { width: 1366, height: 900 } }));
  const page = await context.newPage();
  const problems = watchProblems(page);
  const scripts: { url: string; gzip: number }[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script' && !/\.m?js(\?|$)/.test(response.url())) return;
    pending.push(
      response.body().then(
        (body) => void scripts.push({ url: response.url(), gzip: gzipSync(body).length }),
        () => void scripts.push({ url: response.url(), gzip: 0 }),
      ),
    );
  });
  await page.addInitScript(`
    window.__longTasks = [];
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__longTasks.push(entry.duration); }).observe({ type: 'longtask', buffered: true });
  `);
  await page.goto(site.url + path, { waitUntil: 'load' });
  await page.waitForFunction('document.documentElement.dataset.diagrams === "ready"', null, { timeout: 30_000 });
  return {
    page,
    problems,
    scripts: async () => {
      await page.waitForLoadState('networkidle');
      await Promise.all(pending);
      return scripts;
    },
  };
}

interface CanvasState {
  readonly id: string;
  readonly rendered: string | null;
  readonly svg: boolean;
  readonly top: number;
}

const canvases = (page: Page): Promise<CanvasState[]> =>
  page.evaluate(`[...document.querySelectorAll('[data-mermaid]')].map((canvas) => ({
    id: canvas.closest('figure').id,
    rendered: canvas.dataset.rendered ?? null,
    svg: Boolean(canvas.querySelector(':scope > svg')),
    top: canvas.getBoundingClientRect().top + window.scrollY,
  }))`) as Promise<CanvasState[]>;

/** Scrolls to each diagram in turn, as a reader would, and waits for it to be drawn. */
async function scrollThrough(page: Page): Promise<void> {
  const count = (await canvases(page)).length;
  for (let index = 0; index < count; index += 1) {
    await page.evaluate(`document.querySelectorAll('[data-mermaid]')[${index}].scrollIntoView({ block: 'center' })`);
    await page.waitForFunction(`document.querySelectorAll('[data-mermaid]')[${index}].dataset.rendered !== undefined`, null, { timeout: 30_000 });
  }
  await page.waitForFunction('document.documentElement.dataset.diagrams === "ready"');
}

const longTasks = async (page: Page): Promise<number[]> => (await page.evaluate('window.__longTasks')) as number[];
const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

describe("the diagrams of the example repository's site", () => {
  it('builds no ELK layout into the site, and serves Mermaid as its package ships it', () => {
    const scripts = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((name) => /\.m?js$/.test(name) && !name.startsWith('pagefind'));
    expect(scripts.some((name) => name.startsWith('_astro'))).toBe(true);
    // elkjs names its Java origin in its code; Mermaid's ELK adapter imports elkjs.
    const withElk = scripts.filter((name) => /org\.eclipse\.elk|elk\.bundled/.test(readFileSync(join(out, name), 'utf8')));
    expect(withElk).toEqual([]);
    // Mermaid's files, the same bytes as in its package but for its ELK chunk, which says it is not there.
    const dist = join(ROOT, 'node_modules', 'mermaid', 'dist');
    const { version } = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8')) as { version: string };
    const served = join(out, '_mermaid', version);
    expect(readFileSync(join(served, 'mermaid.esm.min.mjs'))).toEqual(readFileSync(join(dist, 'mermaid.esm.min.mjs')));
    const chunks = readdirSync(join(served, 'chunks', 'mermaid.esm.min'));
    expect(chunks.sort()).toEqual(readdirSync(join(dist, 'chunks', 'mermaid.esm.min')).filter((name) => name.endsWith('.mjs')).sort());
    const elk = chunks.filter((name) => name.startsWith('elk-'));
    expect(elk).toHaveLength(1);
    expect(readFileSync(join(served, 'chunks', 'mermaid.esm.min', elk[0]!), 'utf8')).toMatch(/^export function render\(\) \{ return Promise\.reject\(new Error\("The ELK layout is not part of this site/);
  });

  it('loads the largest journey page with little JavaScript, no ELK, and draws only the diagrams in view', async () => {
    expect(largest.touchpoints).toBeGreaterThanOrEqual(25);
    const visit = await open(`journeys/${largest.id}/`);
    const { page } = visit;
    const firstScreen = sum(await longTasks(page));
    const before = await canvases(page);
    // The journey map, the matrix, the score history and the KPI trends: most of them far below the first screen.
    expect(before.length).toBeGreaterThanOrEqual(3);
    const below = before.filter((canvas) => canvas.top > 900 + 400);
    expect(below.length).toBeGreaterThan(0);
    for (const canvas of below) expect(canvas, canvas.id).toMatchObject({ rendered: null, svg: false });
    // Each diagram's Mermaid text is in the page as text, before any drawing.
    const map = (await page.evaluate(`document.querySelector('#journey-map [data-mermaid-source]')?.textContent ?? ''`)) as string;
    expect(map).toMatch(/^journey\n {2}accTitle: /);
    expect(map.match(/^ {4}\S.*: [1-5]: .+$/gm)).toHaveLength(largest.touchpoints);

    await scrollThrough(page);
    const after = await canvases(page);
    expect(after.map((canvas) => [canvas.id, canvas.rendered, canvas.svg])).toEqual(before.map((canvas) => [canvas.id, 'true', true]));
    // One journey diagram for the whole journey: every touchpoint a task.
    expect(await page.locator('#journey-map svg rect.task').count()).toBe(largest.touchpoints);
    expect(visit.problems).toEqual([]);

    const scripts = await visit.scripts();
    const total = scripts.reduce((sum, script) => sum + script.gzip, 0);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((script) => /elk/i.test(script.url))).toEqual([]);
    expect(total, scripts.map((script) => `${script.gzip} ${script.url}`).join('\n')).toBeLessThan(JS_BUDGET);
    expect(firstScreen).toBeLessThan(LONG_TASK_BUDGET);
    expect(Math.max(0, ...(await longTasks(page)))).toBeLessThan(LONG_TASK_BUDGET);
    await page.context().close();
  }, 120_000);

  it('asks for Mermaid again when it could not be loaded, and draws the next diagrams', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    let refused = 0;
    await context.route('**/_mermaid/*/mermaid.esm.min.mjs', async (route) => {
      if (refused === 0) {
        refused += 1;
        await route.abort('connectionreset');
      } else await route.continue();
    });
    const { page } = await open(`journeys/${largest.id}/`, { context });
    await scrollThrough(page);
    const drawn = (await canvases(page)).map((canvas) => canvas.rendered);
    expect(refused).toBe(1);
    // The diagram that asked first says it could not be drawn; every later one is drawn.
    expect(drawn[0]).toBe('error');
    expect(drawn.slice(1).length).toBeGreaterThan(0);
    expect(drawn.slice(1).every((state) => state === 'true')).toBe(true);
    await context.close();
  }, 60_000);

  it('draws nothing before the reader scrolls to it, on a phone too', async () => {
    const visit = await open(`journeys/${largest.id}/`, { viewport: { width: 390, height: 844 } });
    const before = await canvases(visit.page);
    const last = before.at(-1)!;
    expect(last).toMatchObject({ rendered: null, svg: false });
    await visit.page.evaluate(`document.querySelectorAll('[data-mermaid]')[${before.length - 1}].scrollIntoView({ block: 'center' })`);
    await visit.page.waitForFunction(`document.querySelectorAll('[data-mermaid]')[${before.length - 1}].dataset.rendered === 'true'`, null, { timeout: 30_000 });
    expect((await canvases(visit.page)).at(-1)).toMatchObject({ rendered: 'true', svg: true });
    expect(visit.problems).toEqual([]);
    await visit.page.context().close();
  }, 60_000);

  it("draws each scenario's day-by-day timeline, one period a day, with no console error", async () => {
    expect(scenarios.length).toBeGreaterThan(0);
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    for (const id of scenarios) {
      const visit = await open(`scenarios/${id}/`, { context });
      // The Mermaid text as the page holds it (drawing the diagram replaces it).
      const html = readFileSync(join(out, 'scenarios', id, 'index.html'), 'utf8');
      const source = /<figure[^>]*id="scenario-timeline"[\s\S]*?<pre data-mermaid-source>([\s\S]*?)<\/pre>/.exec(html)?.[1] ?? '';
      await scrollThrough(visit.page);
      const drawn = (await visit.page.evaluate(`(() => {
        const svg = document.querySelector('#scenario-timeline svg');
        return { role: svg?.getAttribute('aria-roledescription'), title: svg?.querySelector('title')?.textContent, days: document.querySelectorAll('section.day').length };
      })()`)) as { role?: string; title?: string; days: number };
      expect(drawn.role, id).toBe('timeline');
      expect(drawn.title, id).toMatch(/: what the customer lives, day by day$/);
      // A period a day with something in it.
      const sections = source.match(/^ {2}(?!acc)\S.* : /gm)?.length ?? 0;
      expect(sections, id).toBeGreaterThan(0);
      expect(sections, id).toBeLessThanOrEqual(drawn.days);
      expect(visit.problems, id).toEqual([]);
      await visit.page.close();
    }
    await context.close();
  }, 180_000);
});
