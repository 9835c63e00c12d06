/**
 * The built site in a real headless Chromium (Debian's, driven by playwright-core):
 * every page kind loads with no console error, every Mermaid block becomes an SVG
 * when scrolled to,
 * Mermaid parses every text the site generates, search finds a journey by a
 * touchpoint's text, hostile text executes nothing, and the site works in both
 * themes, on a phone, with the keyboard and without JavaScript.
 *
 * SITE_SCREENSHOTS=<folder> also saves a screenshot of each page kind (desktop and
 * phone, light and dark) there, to look at.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeHTML } from 'entities';
import { GRADING, QUADRANTS } from '../src/index.ts';
import { journeyDiagram, kpiTrendChart, quadrantChart, scenarioTimeline, scoreHistoryChart } from '../site/lib/mermaid.ts';
import type { JourneyView, KpiSeriesView, QuadrantPointView, ScenarioView } from '../site/lib/view.ts';
import { copyAcme, emptyScorecard, gitHistory, runJourneys, serveStatic, tempDir, TODAY } from './fixtures/site/helpers.ts';
import { launchChromium, watchProblems } from './helpers/browser.ts';

const PAGES = {
  home: '',
  journeys: 'journeys/',
  hostile: 'journeys/hostile/',
  long: 'journeys/long-haul/',
  flawed: 'journeys/flawed/',
  scorecard: 'scorecard/',
  channels: 'channels/',
  channel: 'channels/fax/',
  teams: 'teams/',
  team: 'teams/team-evil/',
  scenarios: 'scenarios/',
  scenario: 'scenarios/busy-week/',
  rules: 'rules/',
  rule: 'rules/contact-pressure/',
  findings: 'findings/',
  search: 'search/',
  missing: '404.html',
} as const;

let dir: { path: string; remove: () => void };
let out: string;
let site: { url: string; close: () => Promise<void> };
let browser: Browser;

beforeAll(async () => {
  dir = tempDir('journeys-site-browser-');
  // With a git history, so that the score over the last commits is drawn too.
  gitHistory(copyAcme(dir.path));
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
  /** Console errors, uncaught exceptions and dialogs, in order. */
  readonly problems: string[];
}

async function open(context: BrowserContext, path: string): Promise<Visit> {
  const page = await context.newPage();
  const problems = watchProblems(page);
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(site.url + path, { waitUntil: 'load' });
  // Diagrams are drawn as they come into view; the page says when those in view are.
  await page.waitForFunction('!document.querySelector("[data-mermaid]") || document.documentElement.dataset.diagrams === "ready"', null, { timeout: 30_000 });
  await scrollThrough(page);
  return { page, problems };
}

/** Scrolls to each diagram in turn, as a reader of the whole page would, until each is drawn; then back to the top. */
async function scrollThrough(page: Page): Promise<void> {
  const count = (await page.evaluate('document.querySelectorAll("[data-mermaid]").length')) as number;
  if (count === 0) return;
  for (let index = 0; index < count; index += 1) {
    await page.evaluate(`document.querySelectorAll('[data-mermaid]')[${index}].scrollIntoView({ block: 'center' })`);
    await page.waitForFunction(`document.querySelectorAll('[data-mermaid]')[${index}].dataset.rendered !== undefined`, null, { timeout: 30_000 });
  }
  await page.waitForFunction('document.documentElement.dataset.diagrams === "ready"');
  await page.evaluate('window.scrollTo(0, 0)');
}

const pwned = (page: Page): Promise<unknown> => page.evaluate('window.__pwned');

describe('the built site in Chromium', () => {
  it('loads every page kind with no console error, and runs nothing from user text', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    for (const [kind, path] of Object.entries(PAGES)) {
      const { page, problems } = await open(context, path);
      expect(problems, kind).toEqual([]);
      expect(await pwned(page), kind).toBeUndefined();
      expect(await page.locator('main h1').count(), kind).toBe(1);
      await page.close();
    }
    await context.close();
  }, 120_000);

  it('draws every Mermaid block as an SVG with an accessible title and description, in both themes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, colorScheme });
      for (const path of [PAGES.hostile, PAGES.long, PAGES.flawed, PAGES.scorecard, PAGES.scenario]) {
        const { page, problems } = await open(context, path);
        const state = (await page.evaluate(`(() => {
          const canvases = [...document.querySelectorAll('[data-mermaid]')];
          return {
            blocks: canvases.length,
            svgs: canvases.filter((c) => c.dataset.rendered === 'true' && c.querySelector(':scope > svg')).length,
            titled: canvases.filter((c) => c.querySelector('svg > title')?.textContent && c.querySelector('svg > desc')?.textContent).length,
          };
        })()`)) as { blocks: number; svgs: number; titled: number };
        expect(state.blocks, path).toBeGreaterThan(0);
        expect(state, path).toEqual({ blocks: state.blocks, svgs: state.blocks, titled: state.blocks });
        expect(problems, path).toEqual([]);
        expect(await pwned(page)).toBeUndefined();
        await page.close();
      }
      await context.close();
    }
  }, 120_000);

  it('shows hostile text as text inside the diagrams, and executes none of it', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const { page, problems } = await open(context, PAGES.hostile);
    const titles = (await page.evaluate('[...document.querySelectorAll("[data-mermaid] svg[aria-roledescription=journey] > title")].map((t) => t.textContent)')) as string[];
    expect(titles[0]).toBe('<script>window.__pwned = "title"</script> Hostile: "quotes"; end %% {braces} [brackets] #hash `tick` <b>bold</b>: the journey map');
    const map = (await page.evaluate('document.querySelector("#journey-map svg").textContent')) as string;
    expect(map).toContain('title x: y; section z %%{init: {"theme": "forest"}}%%');
    // The owners are the actors: drawn as text.
    expect(map).toContain('<script>window.__pwned = "owner"</scrip…');
    expect(await page.evaluate('document.querySelectorAll("[data-mermaid] img, [data-mermaid] script, [data-mermaid] iframe").length')).toBe(0);
    expect(await pwned(page)).toBeUndefined();
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('draws a journey of 40 touchpoints whole in one diagram, at full size, scrolled sideways rather than shrunk', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const { page } = await open(context, PAGES.long);
    const diagrams = (await page.evaluate(`[...document.querySelectorAll('#map [data-mermaid] svg')].map((svg) => ({
      tasks: svg.querySelectorAll('rect.task').length,
      sections: svg.querySelectorAll('rect.journey-section').length,
      drawn: svg.getBoundingClientRect().width,
      natural: svg.viewBox.baseVal.width,
      font: Math.min(...[...svg.querySelectorAll('text, span')].map((t) => parseFloat(getComputedStyle(t).fontSize)).filter((size) => size > 0)),
    }))`)) as { tasks: number; sections: number; drawn: number; natural: number; font: number }[];
    expect(diagrams).toHaveLength(1);
    expect(diagrams[0]!.tasks).toBe(40);
    expect(diagrams[0]!.drawn).toBeGreaterThanOrEqual(diagrams[0]!.natural * 0.99);
    expect(diagrams[0]!.font).toBeGreaterThanOrEqual(11);
    // Wider than the page: its canvas scrolls sideways, and takes the keyboard's focus to do so.
    expect(await page.evaluate('(() => { const canvas = document.querySelector("#map [data-mermaid]"); return canvas.scrollWidth > canvas.clientWidth && canvas.tabIndex === 0; })()')).toBe(true);
    await context.close();
  }, 60_000);

  it('accepts every Mermaid text the site generates (mermaid.parse, in the page)', async () => {
    const sources: { where: string; source: string }[] = [];
    for (const path of [PAGES.hostile, PAGES.long, PAGES.flawed, PAGES.scorecard, PAGES.scenario]) {
      const html = readFileSync(join(out, path, 'index.html'), 'utf8');
      for (const match of html.matchAll(/<pre data-mermaid-source>([\s\S]*?)<\/pre>/g)) sources.push({ where: path, source: decodeHTML(match[1]!) });
    }
    // And generated from text meant to break them.
    const hostile = ['a: b; c', '%%{init: {"securityLevel": "loose"}}%%', 'end', 'title x', 'section y', 'journey', '"]; n0-->n1', '`x` $$y$$ {z} [w] <v> |u| #35; ﬂ°¶ß', 'line\nbreak'];
    const base: JourneyView = { slug: 'x', id: 'x', title: '', personas: [], file: 'x', format: 'yaml', stages: [], touchpoints: [], channels: [], findings: [], counts: { errors: 0, warnings: 0, infos: 0 }, health: 'healthy', history: [], momentsOfTruth: 0, scorecard: emptyScorecard(), kpis: [], scoreHistory: [], board: { columns: [], lanes: [], cards: [], curve: { points: [], path: '' } } };
    for (const text of hostile) {
      const journey: JourneyView = {
        ...base,
        title: text,
        stages: [{ id: 's', name: text, anchor: 'stage-s', touchpoints: 2 }],
        touchpoints: [text, `${text}, again`].map((value, n) => ({
          id: n === 0 ? value : 'end',
          name: value,
          anchor: `tp-${n}`,
          stage: { id: 's', name: text },
          channel: { id: `c${n}`, name: value },
          owner: { id: `o${n}`, name: value },
          trigger: value,
          afterMinutes: 0,
          timing: '',
          message: { subject: value },
          tools: [],
          momentOfTruth: n === 0,
          emotion: n === 0 ? 1 : undefined,
          kpis: [],
          counts: base.counts,
        })),
      };
      sources.push({ where: JSON.stringify(text), source: journeyDiagram(journey)!.source });
      const send = { kind: 'send', time: 0, clock: text, channel: { id: text, name: text }, outbound: true, journeySlug: 'x', journeyTitle: text, touchpoint: text, anchor: 'tp-x', trigger: text, repeat: 1, breaches: [{ rule: text, severity: 'error', message: text }] } as const;
      const story: ScenarioView = { slug: 's', id: 's', title: text, file: 's', events: 1, sends: 1, outbound: 1, breached: 1, findings: [], counts: base.counts, days: [{ day: 0, label: text, outbound: 1, rows: [{ kind: 'event', time: 0, clock: text, event: text }, send] }] };
      sources.push({ where: `timeline ${JSON.stringify(text)}`, source: scenarioTimeline(story)!.source });
      // The charts of the scorecards: the matrix (points named, numbered, by journey), KPI trends, the score history.
      const point = (touchpoint: string, quadrant: (typeof QUADRANTS)[number], x: number, y: number): QuadrantPointView => ({
        journey: text,
        journeyTitle: text,
        touchpoint,
        importance: 3,
        metric: text,
        value: text,
        target: text,
        period: text,
        direction: 'higher',
        performance: x * 2,
        x,
        y,
        quadrant: quadrant.id,
        quadrantName: quadrant.name,
      });
      const points = QUADRANTS.map((quadrant, n) => point(`${text} ${n}`, quadrant, quadrant.performance === 'high' ? 0.75 : 0.25, [0.2, 0.45, 0.7, 0.95][n]!));
      for (const options of [{ points: points.slice(0, 1) }, { points }, { points, qualified: true }]) {
        sources.push({ where: `quadrant ${JSON.stringify(text)}`, source: quadrantChart({ id: 'q', title: text, caption: text, quadrants: QUADRANTS, ...options }).source });
      }
      const kpi: KpiSeriesView = {
        touchpoint: text,
        metric: text,
        target: 0.4,
        targetText: text,
        direction: 'lower',
        series: [1e-9, -3.25, 12345678.9].map((value) => ({ period: text, value, text, file: 'f', line: 1 })),
        trend: 'worsening',
        onTarget: false,
      };
      sources.push({ where: `trend ${JSON.stringify(text)}`, source: kpiTrendChart(kpi, { id: 'k', journeyTitle: text }).source });
      sources.push({ where: `flat trend ${JSON.stringify(text)}`, source: kpiTrendChart({ ...kpi, target: undefined, series: kpi.series.slice(0, 2).map((measure) => ({ ...measure, value: 0 })) }, { id: 'k', journeyTitle: text }).source });
      const history = [60, 72.5].map((score, n) => ({ commit: `${n}`.repeat(40), short: text, date: '2026-03-01T10:00:00+01:00', subject: text, touchpoints: 3, score, letter: 'C' as const }));
      sources.push({ where: `history ${JSON.stringify(text)}`, source: scoreHistoryChart(history, { id: 'h', title: text, caption: text })!.source });
    }
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.url}404.html`);
    const require = createRequire(import.meta.url);
    await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    const failures = (await page.evaluate(
      `(async (sources) => {
        const failed = [];
        for (const { where, source } of sources) {
          try { await mermaid.parse(source); } catch (error) { failed.push(where + ': ' + String(error && error.message || error).slice(0, 200)); }
        }
        return failed;
      })(${JSON.stringify(sources)})`,
    )) as string[];
    expect(sources.length).toBeGreaterThan(80);
    // Every kind of chart the scorecards draw is among them, with the name Mermaid 12 gives it.
    for (const kind of ['quadrantChart\n', 'xychart\n', 'journey\n', 'timeline TD\n']) expect(sources.filter(({ source }) => source.startsWith(kind)).length, kind).toBeGreaterThan(8);
    expect(failures).toEqual([]);
    await context.close();
  }, 60_000);

  it("finds a journey by a touchpoint's text with the search box (Pagefind)", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const { page, problems } = await open(context, PAGES.home);
    await page.fill('#site-search', 'quokka');
    await page.press('#site-search', 'Enter');
    await page.waitForURL(/\/search\/\?q=quokka$/);
    const result = page.locator('.pagefind-ui__result-link').first();
    await result.waitFor({ timeout: 15_000 });
    // Its journey's page, with the touchpoint as a sub-result (its name's heading) that links to its row and quotes its message.
    expect(await result.textContent()).toBe('The long haul, from first visit to renewal');
    expect(await result.getAttribute('href')).toBe('/journeys/long-haul/');
    const nested = (await page.evaluate(
      '[...document.querySelectorAll(".pagefind-ui__result-nested")].map((n) => [n.querySelector("a").textContent.trim(), n.querySelector("a").getAttribute("href"), n.querySelector(".pagefind-ui__result-excerpt").innerHTML])',
    )) as [string, string, string][];
    expect(nested.map(([name, href]) => [name, href])).toEqual([['Onboard step 9', '/journeys/long-haul/#tp-onboard-step-9']]);
    expect(nested[0]![2]).toContain('The zebra <mark>quokka</mark> clause');
    // The link lands on the row.
    await page.locator('.pagefind-ui__result-nested a').click();
    await page.waitForURL(/\/journeys\/long-haul\/#tp-onboard-step-9$/);
    expect(await page.locator('tr:has(#tp-onboard-step-9) td.message').textContent()).toContain('The zebra quokka clause');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('follows the system theme, and switches and remembers a chosen one', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, colorScheme: 'dark' });
    const background = (page: Page): Promise<string> => page.evaluate('getComputedStyle(document.body).backgroundColor') as Promise<string>;
    const { page, problems } = await open(context, PAGES.flawed);
    expect(await background(page)).toBe('rgb(14, 17, 23)');
    await page.click('label[for="theme-light"]');
    expect(await background(page)).toBe('rgb(246, 247, 249)');
    // The diagrams are drawn again in the light theme.
    await page.waitForFunction('[...document.querySelectorAll("[data-mermaid]")].every((c) => c.dataset.rendered === "true")');
    await page.reload();
    expect(await page.isChecked('#theme-light')).toBe(true);
    expect(await background(page)).toBe('rgb(246, 247, 249)');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('works without JavaScript: content, tables beside the diagrams, and the theme switch', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, javaScriptEnabled: false, colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(site.url + PAGES.long);
    // The journey map, the matrix, 6 KPI trends and the score over 3 commits.
    expect(await page.locator('.diagram-fallback').count()).toBe(9);
    // Their tables: 40 touchpoints, 7 on the matrix, 3 commits.
    expect(await page.locator('.diagram-table tbody tr').count()).toBe(50);
    // And each one's Mermaid text, folded, to read as it is.
    const source = page.locator('#journey-map .diagram-source');
    await source.locator('summary').click();
    expect(await source.locator('pre').isVisible()).toBe(true);
    expect(await source.locator('pre').textContent()).toMatch(/^journey\n {2}accTitle: The long haul, from first visit to renewal#58; the journey map\n/);
    expect(await page.locator('.kpi-table tbody tr').count()).toBe(8);
    await page.click('label[for="theme-dark"]');
    expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(14, 17, 23)');
    await context.close();
  }, 60_000);

  it('can be used with the keyboard: a skip link first, then focus visible', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    // A keyboard user arriving on the page: nothing scrolled or drawn by the test first, which
    // would move the point the next Tab starts from.
    const page = await context.newPage();
    await page.goto(site.url + PAGES.flawed, { waitUntil: 'load' });
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.className')).toBe('skip-link');
    expect(await page.evaluate('getComputedStyle(document.activeElement).top')).not.toBe('-64px');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('main');
    await page.keyboard.press('Tab');
    const outline = (await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')) as string;
    expect(outline).toBe('solid');
    await context.close();
  }, 60_000);

  it('opens the formula beside a grade with the keyboard', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const { page, problems } = await open(context, PAGES.scorecard);
    const formula = page.locator('#company-scorecard details.grade-formula');
    expect(await formula.evaluate((details) => (details as unknown as { open: boolean }).open)).toBe(false);
    let reached = false;
    for (let n = 0; n < 40 && !reached; n += 1) {
      await page.keyboard.press('Tab');
      reached = (await page.evaluate('document.activeElement.tagName === "SUMMARY" && document.activeElement.textContent')) === 'How the grade is computed';
    }
    expect(reached).toBe(true);
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
    await page.keyboard.press('Enter');
    expect(await formula.evaluate((details) => (details as unknown as { open: boolean }).open)).toBe(true);
    expect(await formula.locator('code').isVisible()).toBe(true);
    expect(await formula.locator('code').textContent()).toBe(GRADING.formula);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('draws the matrix with its quadrants named and every measured touchpoint placed, and each KPI trend with its target', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const { page, problems } = await open(context, PAGES.long);
    const drawn = (await page.evaluate(`(() => {
      const quadrant = document.querySelector('#quadrant svg');
      const trends = [...document.querySelectorAll('.small-multiples svg')];
      return {
        role: quadrant.getAttribute('aria-roledescription'),
        text: quadrant.textContent,
        points: quadrant.querySelectorAll('circle').length,
        trends: trends.map((svg) => [svg.getAttribute('aria-roledescription'), svg.querySelectorAll('path').length, svg.textContent.includes('Target 0.4')]),
        history: document.querySelector('#score-history svg').getAttribute('aria-roledescription'),
      };
    })()`)) as { role: string; text: string; points: number; trends: [string, number, boolean][]; history: string };
    expect(drawn.role).toBe('quadrantChart');
    for (const quadrant of QUADRANTS) expect(drawn.text).toContain(quadrant.name);
    expect(drawn.points).toBe(7);
    expect(drawn.trends).toHaveLength(6);
    expect(drawn.trends.map(([role]) => role)).toEqual(Array(6).fill('xychart'));
    // The target line and its legend on the five KPIs with a target; none on the journey's own series.
    expect(drawn.trends.map(([, , target]) => target)).toEqual([true, true, true, true, true, false]);
    expect(drawn.history).toBe('xychart');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('fits a phone: no page scrolls sideways, wide tables and diagrams scroll inside', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    for (const [kind, path] of Object.entries(PAGES)) {
      const { page, problems } = await open(context, path);
      const widths = (await page.evaluate('({ page: document.documentElement.scrollWidth, view: window.innerWidth })')) as { page: number; view: number };
      expect(widths.page, kind).toBeLessThanOrEqual(widths.view);
      expect(problems, kind).toEqual([]);
      await page.close();
    }
    await context.close();
  }, 120_000);

  // Only when asked for: not a test, a way to look at the site.
  if (process.env.SITE_SCREENSHOTS) it('saves screenshots of each page kind', async () => {
    const folder = process.env.SITE_SCREENSHOTS!;
    mkdirSync(folder, { recursive: true });
    for (const device of ['desktop', 'phone'] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const context = await browser.newContext(
          device === 'phone' ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, colorScheme } : { viewport: { width: 1366, height: 900 }, colorScheme },
        );
        for (const [kind, path] of Object.entries(PAGES)) {
          const { page } = await open(context, kind === 'search' ? `${path}?q=welcome` : path);
          if (kind === 'search') await page.locator('.pagefind-ui__result').first().waitFor();
          await page.screenshot({ path: join(folder, `${kind}-${device}-${colorScheme}.png`), fullPage: true });
          await page.close();
        }
        await context.close();
      }
    }
  }, 300_000);
});
