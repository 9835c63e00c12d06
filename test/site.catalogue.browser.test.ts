/**
 * The catalogue of a site of 150 generated journeys in a real headless Chromium, at
 * 1280 and 390 px: without JavaScript the journeys, touchpoints and findings are static
 * pages of a bounded size linked to each other; with it, filters narrow the whole list
 * in place; axe-core finds no serious or critical violation on the catalogue's page
 * kinds; the menu fits a phone; a deep link lands below the sticky section menu.
 *
 * Screenshots are saved under test-results/screenshots/ (git-ignored), to look at.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyEntries, siteSnapshot, touchpointEntries, filterEntries } from '../src/index.ts';
import { runJourneys, serveStatic, tempDir, TODAY } from './fixtures/site/helpers.ts';
import { launchChromium, watchProblems } from './helpers/browser.ts';
import { writeCatalogueRepo } from './helpers/catalogue-repo.ts';

const SCREENSHOTS = fileURLToPath(new URL('../test-results/screenshots/', import.meta.url));
const VIEWS = [
  { name: '1280', width: 1280, height: 800 },
  { name: '390', width: 390, height: 844 },
] as const;
const PAGES = {
  home: '',
  journeys: 'journeys/',
  'journeys-3': 'journeys/page/3/',
  touchpoints: 'touchpoints/',
  findings: 'findings/',
  'findings-2': 'findings/page/2/',
  channels: 'channels/',
  teams: 'teams/',
  rules: 'rules/',
  rule: 'rules/duplicate-touchpoint/',
  scorecard: 'scorecard/',
  search: 'search/',
} as const;

let dir: { path: string; remove: () => void };
let out: string;
let site: { url: string; close: () => Promise<void> };
let browser: Browser;
let model: ReturnType<typeof siteSnapshot>;

beforeAll(async () => {
  dir = tempDir('journeys-catalogue-browser-');
  const repo = writeCatalogueRepo(join(dir.path, 'repo'), 150);
  model = siteSnapshot(repo, { markdown: (text) => text, today: TODAY, noGit: true });
  out = join(dir.path, 'site');
  const build = await runJourneys(['build', 'repo', '--out', 'site', '--today', TODAY], dir.path);
  if (build.status !== 0) throw new Error(`journeys build failed:\n${build.stderr}`);
  site = await serveStatic(out);
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  dir?.remove();
});

async function open(context: BrowserContext, path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(site.url + path, { waitUntil: 'load' });
  return { page, problems };
}

const visibleRows = (page: Page): Promise<number> => page.locator('[data-list] [data-entry]:visible').count();

describe('the catalogue without JavaScript', () => {
  it('cuts journeys, touchpoints and findings into pages of a bounded size, each linking to the others', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
    const { page } = await open(context, PAGES.journeys);
    expect(await page.locator('form[data-filters]').isVisible()).toBe(false);
    const seen: string[] = [];
    for (let number = 1; ; number += 1) {
      const rows = await page.locator('[data-list] [data-entry] th a').evaluateAll((links) => links.map((link) => link.getAttribute('href')!));
      expect(rows.length, `page ${number}`).toBeLessThanOrEqual(50);
      seen.push(...rows);
      expect(await page.locator('.pager a[aria-current="page"]').textContent()).toBe(String(number));
      const next = page.locator('.pager a[rel="next"]');
      if ((await next.count()) === 0) break;
      await next.click();
      await page.waitForURL(new RegExp(`/journeys/page/${number + 1}/$`));
    }
    expect(seen).toHaveLength(150);
    expect(new Set(seen).size).toBe(150);
    // Back to the first page from the last.
    await page.locator('.pager a[aria-label="Page 1"]').click();
    await page.waitForURL(/\/journeys\/$/);

    for (const [path, size] of [
      ['touchpoints/', 100],
      ['touchpoints/page/8/', 100],
      ['findings/', 100],
      ['findings/page/2/', 100],
    ] as const) {
      await page.goto(site.url + path);
      const count = await page.locator('[data-list] [data-entry]').count();
      expect(count, path).toBeGreaterThan(0);
      expect(count, path).toBeLessThanOrEqual(size);
      expect(await page.locator('.pager a[aria-label="Page 1"]').count(), path).toBe(1);
    }
    await context.close();
  }, 60_000);

  it('keeps every catalogue page under 160 kB of HTML', () => {
    const pages = ['journeys/', 'journeys/page/2/', 'journeys/page/3/', 'findings/', 'findings/page/2/', 'touchpoints/', ...Array.from({ length: 7 }, (_, index) => `touchpoints/page/${index + 2}/`), ''];
    for (const path of pages) expect(statSync(join(out, path, 'index.html')).size, path).toBeLessThan(160_000);
  });

  it('leads the home page with what needs attention, not every journey', () => {
    const home = readFileSync(join(out, 'index.html'), 'utf8');
    expect(home.indexOf('Needs attention')).toBeGreaterThan(0);
    expect(home.indexOf('Needs attention')).toBeLessThan(home.indexOf('id="journeys-heading"'));
    expect(home).toMatch(/Journeys with errors <span class="count">21<\/span>/);
    expect(home).toMatch(/Act first <span class="count">50<\/span>/);
    expect([...home.matchAll(/class="card journey-card"/g)]).toHaveLength(12);
    expect(home).toContain('All 150 journeys, to filter and sort');
  });

  it('groups the findings by rule, the summary linking to where each group starts', () => {
    const first = readFileSync(join(out, 'findings', 'index.html'), 'utf8');
    const summary = first.slice(first.indexOf('id="by-rule"'), first.indexOf('id="every-finding-heading"'));
    const links = [...summary.matchAll(/<th scope="row"><a href="([^"]+)">([^<]+)<\/a>/g)].map((match) => [match[2], match[1]]);
    expect(links).toEqual([
      ['unknown-reference', '#rule-unknown-reference'],
      ['stale-journey', '#rule-stale-journey'],
      ['empty-stage', '#rule-empty-stage'],
      ['priority-gap', '#rule-priority-gap'],
    ]);
    for (const [, anchor] of links) expect(first).toContain(`id="${anchor!.slice(1)}"`);
    // The last group goes on over the next page, said once.
    const second = readFileSync(join(out, 'findings', 'page', '2', 'index.html'), 'utf8');
    expect(second).toContain('continued from the previous page');
    expect(second).not.toContain('id="rule-priority-gap"');
  });
});

describe('the catalogue with JavaScript', () => {
  it('narrows the journeys to those of a filter, over every page, and back', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, problems } = await open(context, PAGES.journeys);
    expect(await visibleRows(page)).toBe(50);
    await page.selectOption('select[name="health"]', 'errors');
    await page.waitForFunction('document.querySelector("[data-status]").textContent.startsWith("21 of 150")');
    expect(await visibleRows(page)).toBe(21);
    expect(await page.locator('[data-list] [data-entry]:visible .badge').allTextContents()).toEqual(Array(21).fill(expect.stringMatching(/^Errors/)));
    expect(await page.locator('.pager').isVisible()).toBe(false);
    expect(page.url()).toMatch(/\?health=errors$/);

    const entries = journeyEntries(model.journeys);
    const expected = filterEntries(entries, { health: ['errors'], persona: ['student'] }).length;
    await page.selectOption('select[name="persona"]', 'student');
    await page.waitForFunction(`document.querySelector("[data-status]").textContent.startsWith("${expected} of 150")`);
    expect(await visibleRows(page)).toBe(expected);
    expect(expected).toBeLessThan(21);

    await page.click('button[type="reset"]');
    await page.waitForFunction('document.querySelector("[data-status]").textContent === ""');
    expect(await visibleRows(page)).toBe(50);
    expect(await page.locator('.pager').isVisible()).toBe(true);

    await page.selectOption('select[name="sort"]', 'title');
    await page.waitForFunction('document.querySelector("[data-status]").textContent.startsWith("150 of 150")');
    const titles = await page.locator('[data-list] [data-entry]:visible th a').allTextContents();
    expect(titles).toHaveLength(150);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'en')));
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('opens with the filter a link chose, and filters touchpoints and findings too', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, problems } = await open(context, `${PAGES.touchpoints}?channel=email`);
    const email = filterEntries(touchpointEntries(model.journeys), { channel: ['email'] }).length;
    await page.waitForFunction(`document.querySelector("[data-status]").textContent.startsWith("${email} of ${model.site.figures.touchpoints}")`);
    expect(await page.locator('select[name="channel"]').inputValue()).toBe('email');
    expect(await visibleRows(page)).toBe(email);

    await page.goto(site.url + PAGES.findings);
    await page.selectOption('select[name="severity"]', 'warning');
    await page.waitForFunction('document.querySelector("[data-status]").textContent.startsWith("51 of 122")');
    expect(await page.locator('[data-group]:visible h3 > a').allTextContents()).toEqual(['stale-journey', 'empty-stage']);
    // The group split over two pages is one again, its findings together.
    await page.selectOption('select[name="severity"]', 'info');
    await page.waitForFunction('document.querySelector("[data-status]").textContent.startsWith("50 of 122")');
    expect(await page.locator('[data-group]:visible').count()).toBe(1);
    expect(await page.locator('[data-continued]:visible').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});

describe('accessibility and phones', () => {
  for (const view of VIEWS) {
    it(`has no serious or critical axe violation on the catalogue's pages, at ${view.name} px`, async () => {
      const context = await browser.newContext({ viewport: { width: view.width, height: view.height } });
      const found: string[] = [];
      for (const [kind, path] of Object.entries(PAGES)) {
        const { page, problems } = await open(context, path);
        if (kind === 'search') await page.waitForSelector('.pagefind-ui__search-input');
        const results = await new AxeBuilder({ page }).analyze();
        for (const violation of results.violations) {
          if (violation.impact === 'serious' || violation.impact === 'critical' || violation.id === 'heading-order') {
            found.push(`${kind}: ${violation.id} (${violation.impact}) ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`);
          }
        }
        expect(problems, kind).toEqual([]);
        await page.screenshot({ path: join(SCREENSHOTS, `catalogue-${kind}-${view.name}.png`), fullPage: kind !== 'touchpoints' && kind !== 'findings' });
        await page.close();
      }
      expect(found).toEqual([]);
      await context.close();
    }, 120_000);
  }

  it('fits the menu and every catalogue page in a 390 px phone, without scrolling sideways', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    for (const [kind, path] of Object.entries(PAGES)) {
      const { page } = await open(context, path);
      const fit = (await page.evaluate(`({
        page: document.documentElement.scrollWidth,
        view: window.innerWidth,
        links: [...document.querySelectorAll('.site-nav a')].map((a) => { const r = a.getBoundingClientRect(); return { left: r.left, right: r.right, visible: r.width > 0 }; }),
        search: document.querySelector('.site-header input[type="search"]').getBoundingClientRect().right,
      })`)) as { page: number; view: number; links: { left: number; right: number; visible: boolean }[]; search: number };
      expect(fit.page, kind).toBeLessThanOrEqual(fit.view);
      expect(fit.links.length, kind).toBeGreaterThanOrEqual(9);
      for (const link of fit.links) {
        expect(link.visible, kind).toBe(true);
        expect(link.left, kind).toBeGreaterThanOrEqual(0);
        expect(link.right, kind).toBeLessThanOrEqual(fit.view);
      }
      expect(fit.search, kind).toBeLessThanOrEqual(fit.view);
      await page.close();
    }
    await context.close();
  }, 60_000);

  it('has the search box, labelled, in the header of every page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    for (const [kind, path] of Object.entries(PAGES)) {
      const { page } = await open(context, path);
      const label = await page.locator('.site-header input[type="search"]').evaluate((input) => (input as unknown as { labels: { textContent: string }[] }).labels[0]?.textContent);
      expect(label, kind).toBe('Search journeys, touchpoints, teams and rules');
      await page.close();
    }
    await context.close();
  }, 60_000);

  it("finds a touchpoint as a sub-result of its journey's page, linking to its row", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, problems } = await open(context, PAGES.home);
    await page.fill('#site-search', 'step 6 of journey-004');
    await page.press('#site-search', 'Enter');
    await page.waitForURL(/\/search\/\?q=step\+6\+of\+journey-004$/);
    await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
    const results = (await page.evaluate(
      '[...document.querySelectorAll(".pagefind-ui__result")].map((r) => [...r.querySelectorAll(".pagefind-ui__result-link")].map((a) => [a.textContent.trim(), a.getAttribute("href")]))',
    )) as [string, string][][];
    const journey = results.find((links) => links[0]![1] === '/journeys/journey-004/');
    expect(journey?.[0]).toEqual(['Journey 004 of a claim', '/journeys/journey-004/']);
    expect(journey).toContainEqual(['Step 6', '/journeys/journey-004/#tp-step-6']);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  for (const view of VIEWS) {
    it(`lands a deep link below the sticky section menu, at ${view.name} px`, async () => {
      const context = await browser.newContext({ viewport: { width: view.width, height: view.height } });
      const { page } = await open(context, 'journeys/journey-004/#tp-step-6');
      await page.waitForTimeout(200);
      const place = (await page.evaluate(`(() => {
        const target = document.getElementById('tp-step-6').getBoundingClientRect();
        const menu = document.querySelector('.section-nav');
        return { target: target.top, menu: menu ? menu.getBoundingClientRect().bottom : 0, scrolled: window.scrollY };
      })()`)) as { target: number; menu: number; scrolled: number };
      expect(place.scrolled).toBeGreaterThan(0);
      expect(place.target).toBeGreaterThanOrEqual(place.menu);
      await context.close();
    }, 60_000);
  }
});
