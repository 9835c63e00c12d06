/**
 * The site of a few hundred journeys from the bench's generator, built once and read in
 * a real headless Chromium: no page's HTML grows with the company (the lists that would
 * are paged, or cut with a link to their catalogue), a journey page loads under 300 kB
 * of JavaScript gzip, the journeys' catalogue pages lead from one to the next over every
 * journey, the quarterly review, cut into pages of whole journeys, filters over all of
 * them, and the home page on a phone shows what needs attention in its first screen.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS, generateCorpus, writeRepository } from '../scripts/bench/generate.ts';
import { JOURNEYS_PER_PAGE, REVIEW_ROWS_PER_PAGE } from '../src/index.ts';
import { runJourneys, serveStatic, tempDir, TODAY } from './fixtures/site/helpers.ts';
import { launchChromium, watchProblems } from './helpers/browser.ts';

/** 250 journeys of 30 touchpoints and 25 of 10 to 40: about 8,000 touchpoints and as many KPIs. */
const CORPUS = { ...DEFAULT_CORPUS, regular: 250, extra: 25, scenarios: 20 };
/** The largest page: a page of the review or of the touchpoints' catalogue, far from any list's whole. */
const HTML_BUDGET = 300_000;
/** The JavaScript a journey page may load, gzip: Mermaid with the diagrams the page draws. */
const JS_BUDGET = 300_000;

let dir: { path: string; remove: () => void };
let out: string;
let journeys: number;
let site: { url: string; close: () => Promise<void> };
let browser: Browser;

beforeAll(async () => {
  dir = tempDir('journeys-scale-browser-');
  journeys = writeRepository(join(dir.path, 'repo'), generateCorpus(CORPUS)).journeys;
  const build = await runJourneys(['build', 'repo', '--out', 'site', '--today', TODAY], dir.path);
  if (build.status !== 0) throw new Error(`journeys build failed:\n${build.stderr}`);
  out = join(dir.path, 'site');
  site = await serveStatic(out);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  dir?.remove();
});

function htmlFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return htmlFiles(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

/** The latest review's CSV, a list of cells per KPI, the header left out. */
const reviewCsv = (): string[][] => (parse(readFileSync(join(out, 'review.csv'), 'utf8')) as string[][]).slice(1);

const page = (path: string): string => readFileSync(join(out, path, 'index.html'), 'utf8');

/** The path of the journey page of the most HTML: `journeys/<slug>/`. */
function largestJourney(): { path: string; size: number } {
  return htmlFiles(join(out, 'journeys'))
    .map((file) => ({ path: relative(out, file).replace(/index\.html$/, ''), size: statSync(file).size }))
    .filter((file) => /^journeys\/[^/]+\/$/.test(file.path) && !file.path.startsWith('journeys/page/'))
    .sort((a, b) => b.size - a.size)[0]!;
}

async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const tab = await context.newPage();
  const problems = watchProblems(tab);
  await tab.goto(site.url + path, { waitUntil: 'load' });
  return { page: tab, problems };
}

describe('a site of a few hundred journeys', () => {
  it('keeps every page under 300 kB of HTML, the lists that grow with the company paged or cut', () => {
    const sizes = htmlFiles(out)
      .map((file) => ({ path: relative(out, file), size: statSync(file).size }))
      .sort((a, b) => b.size - a.size);
    expect(sizes.length).toBeGreaterThan(journeys);
    expect(sizes[0]!.size, sizes.slice(0, 5).map((file) => `${file.size} ${file.path}`).join('\n')).toBeLessThan(HTML_BUDGET);

    // A busy channel, a busy team, the rule pages and the scorecard link to the rest.
    expect(page('channels/web')).toMatch(/class="cut-note[^"]*">The first \d+ of [\d,]+ touchpoints\. <a href="\/touchpoints\/\?channel=web">/);
    expect(page('channels/web')).toMatch(/<a href="\/touchpoints\/\?channel=web&amp;stage=[^"]+">\d+ more in the catalogue<\/a>/);
    expect(page('teams/team-crm')).toContain('<a href="/touchpoints/?team=team-crm">All of them in the touchpoint catalogue</a>');
    expect(page('scorecard')).toMatch(new RegExp(`The 50 lowest of ${journeys} journeys\\. <a href="/journeys/\\?sort=grade">`));
  });

  it('says where the other pages of a paged list are in the same few bytes on each page, not by listing them all', () => {
    for (const list of ['review', 'touchpoints']) {
      const paths = [list, ...readdirSync(join(out, list, 'page')).map((number) => `${list}/page/${number}`)];
      expect(paths.length, list).toBeGreaterThan(20);
      for (const path of paths) {
        const html = page(path);
        // The pager's links: the first and last pages and those around this one.
        const addressed = new Set(html.match(new RegExp(`/${list}/page/\\d+/`, 'g')));
        expect(addressed.size, path).toBeLessThanOrEqual(6);
        expect(html, path).toContain(`data-page-count="${paths.length}"`);
      }
    }
  });

  it('cuts the review into pages of whole journeys that hold every KPI once', () => {
    const csv = reviewCsv();
    const paths = ['review', ...readdirSync(join(out, 'review', 'page')).map((number) => `review/page/${number}`)];
    expect(paths.length).toBeGreaterThanOrEqual(Math.ceil(csv.length / REVIEW_ROWS_PER_PAGE));
    const seen = new Map<string, string>();
    let rows = 0;
    for (const path of paths) {
      const html = page(path);
      const here = html.match(/<tr data-team/g)?.length ?? 0;
      expect(here, path).toBeLessThanOrEqual(REVIEW_ROWS_PER_PAGE);
      rows += here;
      for (const [, slug] of html.matchAll(/<section class="review-journey[^"]*" data-journey="([^"]+)"/g)) {
        expect(seen.get(slug!), `${slug} on ${path}`).toBeUndefined();
        seen.set(slug!, path);
      }
    }
    expect(rows).toBe(csv.length);
    expect(seen.size).toBe(journeys);
  });
});

describe('in Chromium', () => {
  it('leads from one page of the journeys to the next over every journey, and filters over all of them', async () => {
    const { page: tab, problems } = await open('journeys/');
    const seen = new Set<string>();
    for (let number = 1; ; number += 1) {
      const rows = await tab.locator('[data-list] [data-entry] th a').evaluateAll((links) => links.map((link) => link.getAttribute('href')!));
      expect(rows.length, `page ${number}`).toBeLessThanOrEqual(JOURNEYS_PER_PAGE);
      for (const row of rows) seen.add(row);
      const next = tab.locator('.pager a[rel="next"]');
      if ((await next.count()) === 0) break;
      await next.click();
      await tab.waitForURL(new RegExp(`/journeys/page/${number + 1}/$`));
    }
    expect(seen.size).toBe(journeys);

    await tab.goto(`${site.url}journeys/?health=errors`);
    await tab.waitForFunction(`/ of ${journeys}/.test(document.querySelector("[data-status]").textContent)`);
    const withErrors = await tab.locator('[data-list] [data-entry]:visible').count();
    expect(withErrors).toBeGreaterThan(0);
    expect(withErrors).toBeLessThan(journeys);
    expect(await tab.locator('[data-status]').textContent()).toMatch(new RegExp(`^${withErrors} of ${journeys}`));
    expect(problems).toEqual([]);
    await tab.context().close();
  }, 60_000);

  it('filters the review by team over every one of its pages', async () => {
    const csv = reviewCsv();
    const crm = csv.filter((line) => line[4] === 'CRM & lifecycle marketing').length;
    expect(crm).toBeGreaterThan(REVIEW_ROWS_PER_PAGE);
    const { page: tab, problems } = await open('review/page/2/');
    await tab.selectOption('select[name="team"]', 'team-crm');
    await tab.waitForFunction(`/^[\\d,]+ of /.test(document.querySelector("[data-review-count]").textContent)`, null, { timeout: 30_000 });
    expect(await tab.locator('[data-review-count]').textContent()).toBe(`${crm.toLocaleString('en')} of ${csv.length.toLocaleString('en')} KPIs`);
    expect(await tab.locator('.review-table tbody tr:visible').count()).toBe(crm);
    expect(await tab.locator('[data-pager]').isVisible()).toBe(false);
    // No filter: this page's journeys again, and the pager.
    await tab.selectOption('select[name="team"]', '');
    await tab.waitForFunction(`/^[\\d,]+ KPIs$/.test(document.querySelector("[data-review-count]").textContent)`);
    expect(await tab.locator('.review-table tbody tr:visible').count()).toBe((page('review/page/2').match(/<tr data-team/g) ?? []).length);
    expect(await tab.locator('[data-pager]').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await tab.context().close();
  }, 60_000);

  it('shows what needs attention in the first screen of a phone, the rest of the home page linked, and a journey without scrolling sideways', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const tab = await context.newPage();
    await tab.goto(site.url, { waitUntil: 'load' });
    const home = (await tab.evaluate(`({
      attention: document.getElementById('attention-heading').getBoundingClientRect().top,
      height: document.documentElement.scrollHeight,
      cards: [...document.querySelectorAll('.journey-card')].filter((card) => card.getClientRects().length > 0).length,
      scenarios: document.querySelectorAll('.home-scenarios tbody tr').length,
    })`)) as { attention: number; height: number; cards: number; scenarios: number };
    expect(home.attention).toBeLessThan(844);
    expect(home.cards).toBe(3);
    expect(home.scenarios).toBeLessThanOrEqual(5);
    expect(home.height).toBeLessThan(6_000);
    expect(await tab.locator(`a[href="/journeys/"]:visible`, { hasText: `All ${journeys} journeys` }).count()).toBe(1);
    expect(await tab.locator('a[href="/scenarios/"]:visible', { hasText: 'All 20 scenarios' }).count()).toBe(1);
    // The largest journey's board scrolls sideways in its own frame, not the page.
    await tab.goto(site.url + largestJourney().path, { waitUntil: 'load' });
    expect(await tab.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await context.close();
  }, 60_000);

  it('loads under 300 kB of JavaScript gzip on the largest journey page, every diagram drawn', async () => {
    const largest = largestJourney();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const tab = await context.newPage();
    const problems: string[] = [];
    const pending: Promise<number>[] = [];
    tab.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    tab.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
    tab.on('response', (response) => {
      if (/\.m?js(\?|$)/.test(response.url())) pending.push(response.body().then((body) => gzipSync(body).length));
    });
    await tab.goto(site.url + largest.path, { waitUntil: 'load' });
    const diagrams = await tab.locator('[data-mermaid]').count();
    expect(diagrams).toBeGreaterThan(0);
    for (let index = 0; index < diagrams; index += 1) {
      await tab.evaluate(`document.querySelectorAll('[data-mermaid]')[${index}].scrollIntoView({ block: 'center' })`);
      await tab.waitForFunction(`document.querySelectorAll('[data-mermaid]')[${index}].dataset.rendered !== undefined`, null, { timeout: 30_000 });
    }
    await tab.waitForLoadState('networkidle');
    const gzip = (await Promise.all(pending)).reduce((sum, size) => sum + size, 0);
    expect(gzip).toBeGreaterThan(0);
    expect(gzip, largest.path).toBeLessThan(JS_BUDGET);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
