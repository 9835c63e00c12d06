/**
 * The quarterly review, what one customer lives and the channel dashboard in real
 * Chromium, at 1280 and 390 px: the filters narrow the review in place, axe-core finds
 * no serious or critical violation, and printed, each journey of the review fits on one
 * page. Screenshots are kept in test-results/ to be looked at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyAcme, gitHistory, runJourneys, serveStatic, tempDir, TODAY } from './fixtures/site/helpers.ts';
import { launchChromium } from './helpers/browser.ts';

const SCREENSHOTS = join(process.cwd(), 'test-results', 'review');
const VIEWS = [
  { name: '1280', width: 1280, height: 900 },
  { name: '390', width: 390, height: 844 },
] as const;
/** A4 at 96 dpi, less Chromium's default print margins of 0.4 in each side. */
const PRINT_PAGE = { width: 794 - 77, height: 1123 - 77 };

let dir: { path: string; remove: () => void };
let site: { url: string; close: () => Promise<void> };
let browser: Browser;

beforeAll(async () => {
  dir = tempDir('journeys-review-browser-');
  gitHistory(copyAcme(dir.path));
  const build = await runJourneys(['build', 'repo', '--out', 'site', '--today', TODAY], dir.path);
  if (build.status !== 0) throw new Error(`journeys build failed:\n${build.stderr}`);
  site = await serveStatic(join(dir.path, 'site'));
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  dir?.remove();
});

async function open(view: (typeof VIEWS)[number], path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: view.width, height: view.height } });
  const page = await context.newPage();
  await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
  return page;
}

const visibleRows = (page: Page): Promise<number> => page.locator('.review-table tbody tr:visible').count();
const visibleSections = (page: Page): Promise<string[]> =>
  page.locator('.review-journey:visible').evaluateAll((sections) => sections.map((section) => (section as unknown as { dataset: Record<string, string> }).dataset.journey!));

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: page as never }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`);
}

describe('the quarterly review in a browser', () => {
  it('narrows the KPIs by team and by journey in place, and keeps the choice in the address', async () => {
    for (const view of VIEWS) {
      const page = await open(view, 'review/');
      await page.screenshot({ path: join(SCREENSHOTS, `review-${view.name}.png`), fullPage: true });
      const all = await visibleRows(page);
      expect(all, view.name).toBe(46);
      expect(await visibleSections(page)).toEqual(['flawed', 'hostile', 'long-haul']);
      await page.selectOption('select[name="journey"]', 'flawed');
      expect(await visibleSections(page)).toEqual(['flawed']);
      expect(await visibleRows(page)).toBe(2);
      await expect.poll(() => page.locator('[data-review-count]').textContent()).toBe('2 of 46 KPIs');
      expect(new URL(page.url()).search).toBe('?journey=flawed');
      await page.selectOption('select[name="journey"]', '');
      await page.selectOption('select[name="team"]', 'team-service');
      const service = await visibleRows(page);
      expect(service).toBeGreaterThan(0);
      expect(service).toBeLessThan(all);
      const teams = await page.locator('.review-table tbody tr:visible').evaluateAll((rows) => [...new Set(rows.map((row) => (row as unknown as { dataset: Record<string, string> }).dataset.team))]);
      expect(teams).toEqual(['team-service']);
      await page.screenshot({ path: join(SCREENSHOTS, `review-filtered-${view.name}.png`), fullPage: true });
      // The address opens the same choice.
      const again = await page.context().newPage();
      await again.goto(`${site.url}review/?team=team-service`, { waitUntil: 'load' });
      expect(await visibleRows(again)).toBe(service);
      // The journeys come from one file per review, not from each page: the address's choice waits for them.
      await again.goto(`${site.url}review/?journey=flawed`, { waitUntil: 'load' });
      await expect.poll(() => visibleSections(again)).toEqual(['flawed']);
      expect(await again.locator('select[name="journey"]').inputValue()).toBe('flawed');
      expect(await again.locator('select[name="journey"] option').evaluateAll((options) => options.map((option) => (option as unknown as { value: string }).value))).toEqual(['', 'flawed', 'hostile', 'long-haul']);
      // A title is text, whatever it holds.
      expect(await again.locator('select[name="journey"] option[value="hostile"]').textContent()).toContain('<script>window.__pwned');
      expect(await again.evaluate('window.__pwned')).toBeUndefined();
      await page.context().close();
    }
  }, 120_000);

  it('writes the journeys of the filter once per review, not into its pages', async () => {
    const html = await (await fetch(`${site.url}review/`)).text();
    expect(html).toContain('data-journeys="/review/journeys/');
    expect(html).not.toMatch(/<option value="flawed"/);
    const url = /data-journeys="([^"]+)"/.exec(html)![1]!;
    const journeys = (await (await fetch(new URL(url.slice(1), site.url))).json()) as { slug: string; title: string }[];
    expect(journeys.map((journey) => journey.slug)).toEqual(['flawed', 'hostile', 'long-haul']);
  });

  it('has a page per quarter, the quarters linked from each', async () => {
    const page = await open(VIEWS[0], 'review/2026-q2/');
    expect(await page.locator('h1').textContent()).toBe('Quarterly review: 2026-Q2');
    expect(await page.locator('.review-quarters a[aria-current="page"]').textContent()).toContain('2026-Q2');
    expect(await page.locator('.review-export a').getAttribute('href')).toBe('/review/2026-q2.csv');
    await page.context().close();
  }, 60_000);

  it('has no serious or critical accessibility violation on the review, customer and channel pages', async () => {
    for (const view of VIEWS) {
      for (const path of ['review/', 'customers/', 'customers/busy-parent/', 'channels/', 'channels/email/']) {
        const page = await open(view, path);
        if (path !== 'review/') await page.screenshot({ path: join(SCREENSHOTS, `${path.replace(/\/$/, '').replace(/\//g, '-')}-${view.name}.png`), fullPage: true });
        expect(await seriousViolations(page), `${path} at ${view.name}`).toEqual([]);
        await page.context().close();
      }
    }
  }, 180_000);

  it('prints each journey of the review on a page of its own that it fits in', async () => {
    const context = await browser.newContext({ viewport: { width: PRINT_PAGE.width, height: PRINT_PAGE.height } });
    const page = await context.newPage();
    await page.goto(`${site.url}review/`, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const boxes = await page.locator('.review-journey').evaluateAll((sections) =>
      sections.map((section) => {
        const element = section as unknown as { getBoundingClientRect(): { width: number; height: number; x: number }; dataset: Record<string, string> };
        const box = element.getBoundingClientRect();
        return { journey: element.dataset.journey!, width: box.width, height: box.height, right: box.x + box.width };
      }),
    );
    expect(boxes).toHaveLength(3);
    for (const box of boxes) {
      expect(box.height, box.journey).toBeLessThanOrEqual(PRINT_PAGE.height);
      expect(box.right, box.journey).toBeLessThanOrEqual(PRINT_PAGE.width + 1);
    }
    // Page code as text, so that the type check needs no DOM types.
    const breaks = await page.evaluate("[...document.querySelectorAll('.review-journey')].map((section) => getComputedStyle(section).breakBefore)");
    expect(breaks).toEqual(['auto', 'page', 'page']);
    expect(await page.locator('.review-filters').isVisible()).toBe(false);
    await page.pdf({ path: join(SCREENSHOTS, 'review-print.pdf'), format: 'A4' });
    await context.close();
  }, 60_000);
});
