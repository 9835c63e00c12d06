/**
 * The journey board in a real headless Chromium, on a laptop (1280 px) and a phone
 * (390 px), light and dark: every touchpoint of the largest fixture journey on a card,
 * no two cards overlapping, stage names in view when the board is scrolled sideways,
 * one colour per channel on every page, and no serious accessibility violation.
 *
 * Screenshots of the board are saved under test-results/screenshots/ (git-ignored), to
 * look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../src/index.ts';
import { ACME, copyAcme, runJourneys, serveStatic, tempDir, TODAY } from './fixtures/site/helpers.ts';
import { launchChromium } from './helpers/browser.ts';

const SCREENSHOTS = fileURLToPath(new URL('../test-results/screenshots/', import.meta.url));
const VIEWS = [
  { name: '1280-light', width: 1280, height: 800, colorScheme: 'light' },
  { name: '1280-dark', width: 1280, height: 800, colorScheme: 'dark' },
  { name: '390-light', width: 390, height: 844, colorScheme: 'light' },
  { name: '390-dark', width: 390, height: 844, colorScheme: 'dark' },
] as const;

// The largest journey of the fixtures: 40 touchpoints on ten channels, twelve in one stage.
const largest = check(ACME, { today: TODAY }).repo.journeys.reduce((a, b) => (b.touchpoints.length > a.touchpoints.length ? b : a));

let dir: { path: string; remove: () => void };
let site: { url: string; close: () => Promise<void> };
let browser: Browser;

beforeAll(async () => {
  dir = tempDir('journeys-board-browser-');
  copyAcme(dir.path);
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

async function journeyPage(view: (typeof VIEWS)[number], slug: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: view.width, height: view.height }, colorScheme: view.colorScheme });
  const page = await context.newPage();
  await page.goto(`${site.url}journeys/${slug}/`, { waitUntil: 'load' });
  return page;
}

interface Box {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const cardBoxes = (page: Page): Promise<Box[]> =>
  page.evaluate(`[...document.querySelectorAll('[data-board] .board-card')].map((card) => {
    const rect = card.getBoundingClientRect();
    return { id: card.dataset.touchpoint ?? '', x: rect.x, y: rect.y, width: rect.width, height: rect.height };
  })`) as Promise<Box[]>;

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
}

describe('the journey board in Chromium', () => {
  for (const view of VIEWS) {
    it(`shows every touchpoint of the largest journey on its own card, at ${view.name}`, async () => {
      const page = await journeyPage(view, largest.id);
      const boxes = await cardBoxes(page);
      expect(boxes.map((box) => box.id).sort()).toEqual(largest.touchpoints.map((touchpoint) => touchpoint.id).sort());
      for (const box of boxes) expect(box.width * box.height, box.id).toBeGreaterThan(0);
      const overlapping: string[] = [];
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) if (overlaps(boxes[i]!, boxes[j]!)) overlapping.push(`${boxes[i]!.id} × ${boxes[j]!.id}`);
      expect(overlapping).toEqual([]);

      // One curve: a single path, a point per touchpoint with an emotion, inside the curve's box.
      const curve = (await page.evaluate(`(() => {
        const cell = document.querySelector('[data-board] .board-curve').getBoundingClientRect();
        const points = [...document.querySelectorAll('[data-board] .board-point')].map((point) => point.getBoundingClientRect());
        return {
          paths: document.querySelectorAll('[data-board] .board-curve-path').length,
          moves: (document.querySelector('[data-board] .board-curve-path')?.getAttribute('d') ?? '').split('M').length - 1,
          points: points.length,
          inside: points.every((point) => point.x + point.width / 2 >= cell.left && point.x + point.width / 2 <= cell.right && point.y >= cell.top - 1 && point.bottom <= cell.bottom + 1),
          xs: points.map((point) => point.x),
        };
      })()`)) as { paths: number; moves: number; points: number; inside: boolean; xs: number[] };
      expect(curve).toMatchObject({ paths: 1, moves: 1, points: largest.touchpoints.filter((touchpoint) => touchpoint.emotion !== undefined).length, inside: true });
      expect(curve.xs).toEqual([...curve.xs].sort((a, b) => a - b));

      // Each card says its name, owner and timing in type a person can read.
      const smallest = (await page.evaluate(`Math.min(...[...document.querySelectorAll('[data-board] .board-card *')].filter((element) => element.childElementCount === 0 && element.textContent?.trim() && !element.closest('.visually-hidden')).map((element) => parseFloat(getComputedStyle(element).fontSize)))`)) as number;
      expect(smallest).toBeGreaterThanOrEqual(11);

      const scroll = (await page.evaluate(`(() => {
        const board = document.querySelector('[data-board]');
        return { scrollWidth: board.scrollWidth, clientWidth: board.clientWidth };
      })()`)) as { scrollWidth: number; clientWidth: number };
      // A laptop sees every stage at once; a phone scrolls the board sideways.
      if (view.width >= 1280) expect(scroll.scrollWidth).toBeLessThanOrEqual(scroll.clientWidth + 1);
      else expect(scroll.scrollWidth).toBeGreaterThan(scroll.clientWidth);

      if (view.name === '1280-light' || view.name === '390-dark') {
        const board = page.locator('#board');
        await board.scrollIntoViewIfNeeded();
        await board.screenshot({ path: join(SCREENSHOTS, `board-${view.name}.png`) });
      }
      await page.context().close();
    }, 60_000);
  }

  it('keeps the stage and channel names in view when the board is scrolled sideways and down on a phone', async () => {
    const page = await journeyPage(VIEWS[3], largest.id);
    await page.locator('[data-board]').scrollIntoViewIfNeeded();
    for (const fraction of [0.3, 0.6, 1]) {
      const seen = (await page.evaluate(`((fraction) => {
        const board = document.querySelector('[data-board]');
        board.scrollLeft = (board.scrollWidth - board.clientWidth) * fraction;
        board.scrollTop = Math.min(400, board.scrollHeight - board.clientHeight);
        const frame = board.getBoundingClientRect();
        const lane = board.querySelector('.board-lane').getBoundingClientRect();
        const visible = (rect) => rect.right > lane.right + 4 && rect.left < frame.right - 4;
        const stages = [...board.querySelectorAll('thead th[data-stage]')];
        const shown = stages.filter((th) => visible(th.getBoundingClientRect()));
        return {
          shown: shown.length,
          names: shown.map((th) => {
            const name = th.querySelector('.board-stage-name');
            const rect = name.getBoundingClientRect();
            const x = Math.min(Math.max(rect.left + 6, lane.right + 2), frame.right - 2);
            const top = document.elementFromPoint(x, rect.top + rect.height / 4);
            return { name: name.firstElementChild?.textContent, atTop: Math.abs(th.getBoundingClientRect().top - frame.top) <= 2, onTop: th.contains(top) };
          }),
          lanes: [...board.querySelectorAll('tbody .board-lane')].every((th) => {
            const rect = th.getBoundingClientRect();
            return rect.left >= frame.left - 1 && rect.left <= frame.left + 2;
          }),
        };
      })(${fraction})`)) as { shown: number; names: { name: string; atTop: boolean; onTop: boolean }[]; lanes: boolean };
      expect(seen.shown, `scrolled ${fraction}`).toBeGreaterThan(0);
      for (const name of seen.names) expect(name, `scrolled ${fraction}`).toMatchObject({ atTop: true, onTop: true });
      expect(seen.lanes).toBe(true);
    }
    await page.context().close();
  }, 60_000);

  it('gives a channel the same colour on every page and component, in both themes', async () => {
    for (const view of [VIEWS[0], VIEWS[1]]) {
      const colours: Record<string, string[]> = {};
      for (const slug of [largest.id, 'flawed']) {
        const page = await journeyPage(view, slug);
        const found = (await page.evaluate(`(() => {
          const out = {};
          const add = (id, element) => {
            if (!id || !element) return;
            (out[id] ??= []).push(getComputedStyle(element).color);
          };
          for (const row of document.querySelectorAll('[data-board] .board-lane-row')) add(row.dataset.channel, row.querySelector('.board-lane'));
          for (const mark of document.querySelectorAll('.touchpoints-table .channel-mark')) add(mark.dataset.channel, mark);
          return out;
        })()`)) as Record<string, string[]>;
        for (const [id, list] of Object.entries(found)) (colours[id] ??= []).push(...list);
        await page.context().close();
      }
      expect(colours.email!.length).toBeGreaterThanOrEqual(4);
      // Each mark draws its channel's icon (channel-icons.css), 14 px, in its colour.
      const page = await journeyPage(view, 'flawed');
      const icons = (await page.evaluate(`[...document.querySelectorAll('.touchpoints-table .channel-mark')].map((mark) => {
        const icon = getComputedStyle(mark, '::before');
        return { icon: mark.dataset.icon, mask: icon.maskImage.slice(0, 30), width: icon.width, height: icon.height, fill: icon.backgroundColor === getComputedStyle(mark).color };
      })`)) as { icon: string; mask: string; width: string; height: string; fill: boolean }[];
      await page.context().close();
      expect(icons.length).toBeGreaterThan(0);
      expect(new Set(icons.map((icon) => icon.icon)).size).toBeGreaterThan(1);
      for (const icon of icons) expect(icon).toMatchObject({ mask: 'url("data:image/svg+xml,%3Csvg', width: '14px', height: '14px', fill: true });
      for (const [id, list] of Object.entries(colours)) expect(new Set(list), `${id} at ${view.name}`).toHaveLength(1);
      expect(new Set(Object.values(colours).map((list) => list[0])).size).toBe(Object.keys(colours).length);
    }
  }, 60_000);

  it('prints the whole board, every card within the page width', async () => {
    const page = await journeyPage(VIEWS[0], largest.id);
    await page.emulateMedia({ media: 'print' });
    const width = (await page.evaluate('document.documentElement.clientWidth')) as number;
    const boxes = await cardBoxes(page);
    expect(boxes).toHaveLength(largest.touchpoints.length);
    for (const box of boxes) expect(box.x + box.width, box.id).toBeLessThanOrEqual(width + 1);
    await page.context().close();
  }, 60_000);

  it('has no serious or critical accessibility violation on the journey page', async () => {
    for (const view of VIEWS) {
      const page = await journeyPage(view, largest.id);
      const results = await new AxeBuilder({ page: page as never }).analyze();
      const serious = results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id}: ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`);
      expect(serious, view.name).toEqual([]);
      await page.context().close();
    }
  }, 120_000);
});
