/**
 * `journeys build` on a fixture repository with a git history, under a base path
 * (as on GitHub Pages): a page for everything, the content each page must show,
 * user text escaped, findings linked to the repository, history from git, and no
 * broken internal link or anchor. The site is built once, in a process of its own.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeHTML } from 'entities';
import { builtInRules, CHANNEL_ICONS, GRADING } from '../src/index.ts';
import { indexedPages } from './helpers/pagefind.ts';
import { copyAcme, expectContains, gitHistory, runJourneys, tempDir, TODAY, type Run } from './fixtures/site/helpers.ts';

const BASE = '/acme/';
const REPO_URL = 'https://git.example/acme/journeys';

let dir: { path: string; remove: () => void };
let out: string;
let commits: string[];
let build: Run;

beforeAll(async () => {
  dir = tempDir('journeys-site-build-');
  const repo = copyAcme(dir.path);
  commits = gitHistory(repo);
  out = join(dir.path, 'site');
  build = await runJourneys(['build', 'repo', '--out', 'site', '--base', BASE, '--today', TODAY], dir.path);
}, 240_000);

afterAll(() => dir?.remove());

const page = (path: string): string => readFileSync(join(out, path, 'index.html'), 'utf8');
/** Text of the page's HTML with tags removed and character references decoded, spaces collapsed. */
const text = (html: string): string =>
  decodeHTML(
    html
      .replace(/<script[\s\S]*?<\/script>/g, ' ')
      .replace(/<details class="diagram-source"[\s\S]*?<\/details>/g, ' ')
      .replace(/<[^>]+>/g, ' '),
  ).replace(/\s+/g, ' ');

/** The Mermaid texts of a page, as the diagrams' script reads them. */
const mermaidSources = (html: string, kind: string): string[] =>
  [...html.matchAll(/<pre data-mermaid-source>([\s\S]*?)<\/pre>/g)]
    .map((match) => decodeHTML(match[1]!))
    .filter((source) => source.startsWith(`${kind}\n`));

function htmlFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html') && !entry.parentPath.includes(`${root}/pagefind`))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('journeys build', () => {
  it('builds the site and its search index, and says so', () => {
    expect(build.stderr).not.toMatch(/error/i);
    expect(build.status).toBe(0);
    expect(build.stdout).toMatch(/^Built \d+ pages into .*site\/ in \d+\.\ds \(Astro \d+\.\ds, search index of \d+ pages \d+\.\ds\)\.\n$/);
    expect(existsSync(join(out, 'pagefind', 'pagefind.js'))).toBe(true);
    expect(existsSync(join(out, 'pagefind', 'pagefind-ui.js'))).toBe(true);
    expect(existsSync(join(out, '404.html'))).toBe(true);
  });

  it('gives the search index every page that marks its body for it, and only those', () => {
    const marked = htmlFiles(out).filter((file) => readFileSync(file, 'utf8').includes('data-pagefind-body'));
    expect(marked.length).toBeGreaterThan(20);
    expect(htmlFiles(out).length).toBeGreaterThan(marked.length);
    expect(build.stdout).toContain(`search index of ${marked.length} pages`);
  });

  it("writes no comment of the site's own code into its pages", () => {
    // An HTML comment in a component's markup is written into every page that uses it, once per use.
    const commented = htmlFiles(out).filter((file) => readFileSync(file, 'utf8').includes('<!--'));
    expect(commented).toEqual([]);
  });

  it('writes a page for every journey, channel in use, team, scenario and rule, and the index pages', () => {
    for (const path of ['', 'journeys', 'channels', 'teams', 'scenarios', 'rules', 'findings', 'search']) expect(existsSync(join(out, path, 'index.html')), path).toBe(true);
    for (const slug of ['flawed', 'hostile', 'long-haul']) expect(existsSync(join(out, 'journeys', slug, 'index.html')), slug).toBe(true);
    for (const slug of ['email', 'sms', 'push', 'in-app', 'web', 'app', 'phone', 'chat', 'branch', 'mail', 'fax']) expect(existsSync(join(out, 'channels', slug, 'index.html')), slug).toBe(true);
    for (const slug of ['team-growth', 'team-service', 'team-evil', 'team-ghost']) expect(existsSync(join(out, 'teams', slug, 'index.html')), slug).toBe(true);
    expect(existsSync(join(out, 'scenarios', 'busy-week', 'index.html'))).toBe(true);
    for (const rule of builtInRules) expect(existsSync(join(out, 'rules', rule.meta.id, 'index.html')), rule.meta.id).toBe(true);
    expect(existsSync(join(out, 'channels', 'ads', 'index.html'))).toBe(false);
  });

  it('shows the company-wide figures and every journey with its health on the home page', () => {
    const home = text(page(''));
    expect(home).toMatch(/3 Journeys 47 Touchpoints 11 Channels in use 4 Teams 4 Moments of truth 6 Open findings 2 errors 3 warnings 1 info E \(score 51\.5 of 100\) Company scorecard : 51\.5 of 100/);
    expectContains(home, 'Flawed welcome Errors');
    expectContains(home, 'The long haul, from first visit to renewal Notes');
    expectContains(page(''), `<a href="${BASE}scorecard/">Company scorecard</a>`);
    expectContains(page(''), `action="${BASE}search/"`);
  });

  it('shows a journey: figures, every qualifying field of its touchpoints, its diagrams and findings', () => {
    const html = page('journeys/flawed');
    const body = text(html);
    expectContains(body, 'Flawed welcome');
    expect(body).toMatch(/Owner Growth &amp; lifecycle|Owner Growth & lifecycle/);
    expectContains(body, '4 Touchpoints 2 Stages 3 Channels');
    expectContains(body, 'Stage: Forgotten stage (no touchpoint)');
    // The touchpoint table: trigger and timing, message, KPIs.
    expectContains(body, 'Welcome sms welcome-sms Welcome to Acme! Open the app to finish. SMS outbound none');
    expectContains(body, 'signup.completed after 1h');
    expectContains(body, 'Welcome aboard Thanks for joining. Set up your profile in two minutes. https://app.acme.example/profile');
    expectContains(body, 'open-rate → 0.5');
    // Diagrams, their Mermaid text in the page: the whole journey in one, the KPI with two periods, and the score over the last commits.
    expect(html.match(/data-mermaid[\s>]/g)).toHaveLength(3);
    expect(mermaidSources(html, 'journey')).toHaveLength(1);
    expect(html).not.toContain('flowchart');
    expect(mermaidSources(html, 'xychart')).toHaveLength(2);
    // Findings, linked to the file and line.
    expectContains(html, `href="${REPO_URL}/blob/main/journeys/flawed.journey.yaml#L23"`);
    expectContains(body, 'Touchpoint "welcome-sms" has no owner');
    expectContains(html, `href="${BASE}rules/missing-owner/"`);
  });

  it('opens a journey page on its board, then what to act on first and the findings, then the touchpoints, then the scorecard', () => {
    const html = page('journeys/long-haul');
    const order = ['id="board"', 'id="act-first"', 'id="findings"', 'id="touchpoints"', 'id="scorecard"'].map((id) => html.indexOf(`<section ${id}`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // The board is static HTML and SVG: a card per touchpoint, one curve, nothing to run.
    const board = html.slice(html.indexOf('<section id="board"'), html.indexOf('<section id="act-first"'));
    expect(board.match(/<li class="board-card[ "]/g)).toHaveLength(40);
    expect(board.match(/class="board-curve-path"/g)).toHaveLength(1);
    expect(board).not.toContain('<script');
    const body = text(board);
    expectContains(body, 'Stage → Discover 6 touchpoints Sign up 8 touchpoints Onboard 12 touchpoints Use 9 touchpoints Renew 5 touchpoints Emotion');
    expectContains(body, 'Step 1, Discover step 1: emotion 3 of 5 (neutral)');
    expectContains(body, 'Step 1 Discover step 1 Step 1 of discover Growth & lifecycle 1h after discover.step-1');
    expectContains(text(page('journeys/flawed')), 'Step 2 Welcome sms Welcome to Acme! Open the app to finish. no owner 1h after signup.completed 2 findings , the worst an error');
    expect(page('journeys/flawed')).toMatch(/<a class="board-findings badge error[^"]*" href="#(finding-\d+)"[\s\S]*<li class="finding error[^"]*" id="\1"/);
    expectContains(text(html), 'Act first Touchpoints that matter to customers (importance) and fall short of their KPI target. Discover step 4 : open-rate 0.31 against a target of 0.4 (2026-Q3), importance 5');
  });

  it("shows a journey's history from git, with its version at each commit, following a rename", () => {
    const html = page('journeys/flawed');
    const rows = [...html.matchAll(/<tr>\s*<td class="nowrap">\s*<a href="([^"]+)"><code>([0-9a-f]{7})<\/code><\/a>[\s\S]*?<\/tr>/g)].map((match) => ({
      url: match[1],
      short: match[2],
      row: text(match[0]),
    }));
    expect(rows.map((row) => row.short)).toEqual([...commits].reverse().map((hash) => hash.slice(0, 7)));
    expect(rows[0]!.url).toBe(`${REPO_URL}/commit/${commits[2]}`);
    expect(rows[0]!.row).toMatch(/Ada Lovelace Welcome: second version, with a push 2 $/);
    expect(rows[1]!.row).toMatch(/Rename the welcome journey 1 $/);
    expect(rows[2]!.row).toMatch(/First map of the welcome journey as journeys\/welcome.journey.yaml 1 $/);
  });

  it("shows a journey's scorecard: every figure, the grade and its formula beside it, which a keyboard opens", () => {
    const html = page('journeys/long-haul');
    const body = text(html);
    expectContains(html, '<section id="scorecard" aria-labelledby="scorecard-heading"');
    // On a journey page the formula is folded: the board comes first.
    expectContains(body, 'Grade D , score 67.0 of 100 How the grade is computed = 100 × ( 0.2 × 100% owner coverage + 0.2 × 100% KPI coverage + 0.2 × 10% KPIs on target + 0.2 × 25% moments of truth measured + 0.2 × 100% findings)');
    // The whole formula in a disclosure: <details> opens with the keyboard.
    expect(html).toMatch(/<details class="grade-formula"[^>]*>\s*<summary[^>]*>How the grade is computed<\/summary>/);
    expectContains(body, `100% findings) ${GRADING.formula}`);
    expectContains(body, 'Part Value Weight Points Owner coverage 100% 0.2 20.0 KPI coverage 100% 0.2 20.0 KPIs on target 10% 0.2 2.0 Moments of truth measured 25% 0.2 5.0 Findings 100% 0.2 20.0');
    expectContains(body, 'Letters: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, E ≥ 50, F below.');
    for (const figure of [
      'Touchpoints 40',
      'Outbound messages per customer n/a no scenario customer gets one',
      'Owner coverage 100% 40 of 40 touchpoints have an owner',
      'KPI coverage 100% 40 of 40 touchpoints have a KPI',
      'Moments of truth measured 25% 1 of 4 have a measured KPI',
      'Peak contact pressure n/a no scenario sends an outbound message here',
      'Findings 0 errors 0 warnings 1 info',
      'Mean emotion 3.0 of 5, over 40 touchpoints with a score',
      'Cost per customer n/a no scenario reaches it',
      'KPIs measured vs target 4/40 on target; 7 of 40 KPIs with a target measured',
    ]) expectContains(body, figure);
    // A peak with its window, linked to its scenario.
    const flawed = text(page('journeys/flawed'));
    expectContains(flawed, 'Grade C , score 70.3 of 100');
    expectContains(flawed, 'Peak contact pressure 4 outbound messages within 1d in busy-week , from Mon 2 Mar 2026 09:00 to Mon 2 Mar 2026 22:00');
    expectContains(flawed, 'Cost per customer 0.00 cost × sends, over 1 scenario');
    expectContains(page('journeys/flawed'), `<a href="${BASE}scenarios/busy-week/">busy-week</a>`);
  });

  it("places a journey's measured touchpoints on the importance/performance matrix, with a table that says the same", () => {
    const html = page('journeys/long-haul');
    const quadrant = mermaidSources(html, 'quadrantChart');
    expect(quadrant).toHaveLength(1);
    for (const line of ['  quadrant-1 Keep it up', '  quadrant-2 Act first', '  quadrant-3 Low priority', '  quadrant-4 Possible overkill', '  x-axis Below target --> Beyond target']) expectContains(quadrant[0]!, line);
    // Seven points, numbered (their names would overlap), the one to act first in red.
    expect(quadrant[0]!.match(/^ {2}"\d+":::q[1-4]: \[/gm)).toHaveLength(7);
    expectContains(quadrant[0]!, '  "1":::q2: [0.383, 0.823]');
    const body = text(html);
    expectContains(body, 'Act first 1 · Matters to customers and falls short of its target: the priority.');
    expectContains(body, '# Touchpoint Quadrant Importance Weakest KPI Of target 1 discover-step-4 Act first 5 open-rate 0.31 in 2026-Q3, target 0.4 77% 2 use-step-4 Low priority 1');
    expectContains(body, '7 onboard-step-1 Possible overkill 1 open-rate 0.72 in 2026-Q3, target 0.4 180%');
    expectContains(html, `<a href="${BASE}journeys/long-haul/#tp-discover-step-4">discover-step-4</a>`);
    // No touchpoint to place: it says why.
    expectContains(text(page('journeys/hostile')), 'No touchpoint placed: it takes an importance and a measured KPI with a target.');
  });

  it('draws the trend of each KPI with two periods or more, the target as a second line, and a table of every measured KPI', () => {
    const html = page('journeys/long-haul');
    const trends = mermaidSources(html, 'xychart').filter((source) => !source.includes('"Score"'));
    expect(trends).toHaveLength(6);
    expectContains(trends[1]!, '  x-axis ["2026-Q1", "2026-Q2", "2026-Q3"]\n');
    expectContains(trends[1]!, '  line "Measured" [0.46, 0.41, 0.31]\n  line "Target 0.4" [0.4, 0.4, 0.4]\n');
    expect(trends[5]).not.toContain('Target');
    const body = text(html);
    expectContains(body, 'discover-step-4: open-rate ↘ worsening');
    expectContains(body, 'Touchpoint Metric By period Target Latest vs target Trend discover-step-3 open-rate 2026-Q1 0.38 2026-Q2 0.44 2026-Q3 0.52 0.4 met ↗ improving');
    expectContains(body, 'use-step-4 open-rate 2026-Q3 0.1 0.4 missed one period');
    expectContains(body, 'whole journey open-rate 2026-Q1 0.41 2026-Q2 0.43 2026-Q3 0.44 none — ↗ improving');
    expectContains(body, '33 more KPIs of this journey have no measured value yet.');
    // Each value links to its line of the CSV.
    expectContains(html, `href="${REPO_URL}/blob/main/journeys/metrics/2026.csv#L7"`);
  });

  it("shows the score over the last commits, from git, so that one sees whether a journey is getting better", () => {
    const html = page('journeys/long-haul');
    const body = text(html);
    expectContains(body, 'Score over the last commits Getting better: up 7.0 points over the last 3 commits.');
    const short = commits.map((hash) => hash.slice(0, 7));
    expectContains(body, `${short[2]} Welcome: second version, with a push`);
    expect(body).toMatch(new RegExp(`${short[2]} Welcome: second version, with a push \\d+ \\w+ \\d{4} 67\\.0 D .*${short[1]} Rename the welcome journey \\d+ \\w+ \\d{4} 60\\.0 D .*${short[0]} First map`));
    const history = mermaidSources(html, 'xychart').find((source) => source.includes('"Score"'));
    expectContains(history!, `  x-axis ["${short[0]}", "${short[1]}", "${short[2]}"]\n  y-axis "Score" 0 --> 100\n  line [60, 60, 67]\n`);
    expectContains(html, `<a href="${REPO_URL}/commit/${commits[2]}"><code>${short[2]}</code></a>`);
  });

  it('shows a scorecard on every channel and team page', () => {
    const email = text(page('channels/email'));
    expectContains(email, 'Scorecard B (score 84.0 of 100) Grade B , score 84.0 of 100');
    expectContains(email, 'How the grade is computed');
    expectContains(email, 'Touchpoints 6');
    expectContains(email, 'Peak contact pressure 1 outbound message within 1d in busy-week , at Mon 2 Mar 2026 09:00');
    const growth = text(page('teams/team-growth'));
    expectContains(growth, 'Grade D , score 68.0 of 100');
    expectContains(growth, 'Findings 1 error 3 warnings 1 info');
    expectContains(text(page('teams/team-ghost')), 'Grade E , score 50.0 of 100');
  });

  it('has a company scorecard page, linked from every page: the company, its history, every journey, channel and team, and the matrix', () => {
    for (const file of htmlFiles(out)) expectContains(readFileSync(file, 'utf8'), `<a href="${BASE}scorecard/"`, file);
    const html = page('scorecard');
    const body = text(html);
    expectContains(body, 'The company E (score 51.5 of 100) Grade E , score 51.5 of 100 = 100 × ( 0.2 × 98% owner coverage');
    expectContains(body, 'Peak contact pressure 5 outbound messages within 1d in busy-week , from Mon 2 Mar 2026 09:00 to Mon 2 Mar 2026 22:00');
    expectContains(body, 'Over the last commits Getting better: up 7.4 points over the last 3 commits.');
    // Journeys, channels and teams, lowest score first, each linked to its scorecard.
    expect(body).toMatch(/Journeys Lowest score first\. Journey Grade Score .* The long haul, from first visit to renewal long-haul D \(score 67\.0 of 100\) 67\.0 40 .* Flawed welcome flawed C \(score 70\.3 of 100\) 70\.3 4 /);
    expectContains(body, 'SMS sms F (score 40.9 of 100) 40.9 5 1.0 80% 80% 0% 1 1 / 1 / 0 5.0 0.00 0/4 · 0/4');
    expectContains(body, 'team-ghost E (score 50.0 of 100) 50.0 1 1.0 100% 0% n/a 1 1 / 0 / 0 n/a 0.00 0/0 · 0/0');
    expectContains(html, `<a href="${BASE}journeys/long-haul/#scorecard">`);
    expectContains(html, `<a href="${BASE}channels/sms/#scorecard">`);
    expectContains(html, `<a href="${BASE}teams/team-ghost/#scorecard">`);
    // The company's matrix: points of every journey, numbered, the journey beside each in the table.
    const quadrant = mermaidSources(html, 'quadrantChart');
    expect(quadrant).toHaveLength(1);
    expectContains(quadrant[0]!, '  quadrant-2 Act first\n');
    expectContains(body, '1 discover-step-4 The long haul, from first visit to renewal Act first 5');
  });

  it('says on every page which commit it was built from', () => {
    const short = commits[2]!.slice(0, 7);
    for (const file of htmlFiles(out)) {
      expectContains(readFileSync(file, 'utf8'), `Built from commit <a href="${REPO_URL}/commit/${commits[2]}"><code>${short}</code></a>`, file);
    }
  });

  it('escapes user text everywhere, and renders narratives sanitized', () => {
    for (const file of htmlFiles(out)) {
      const html = readFileSync(file, 'utf8');
      // Markup outside attribute values (inside quotes, "<" starts no tag and Astro escapes quotes).
      const markup = html.replace(/="[^"]*"/g, '=""');
      const bad = [/<script[^>]*>[^<]*__pwned/, /<(img|iframe)\b/, /<[a-z][^<>]*\son\w+=/i].map((re) => re.exec(markup)?.[0]).filter(Boolean);
      expect(bad, file).toEqual([]);
      expect(/href="javascript:/i.test(html), file).toBe(false);
    }
    const hostile = page('journeys/hostile');
    expectContains(hostile, '&lt;script&gt;window.__pwned = &quot;title&quot;&lt;/script&gt; Hostile: &quot;quotes&quot;; end %% {braces} [brackets] #hash `tick` &lt;b&gt;bold&lt;/b&gt;');
    expectContains(hostile, '<h3>The hostile journey</h3>');
    expectContains(hostile, '<a href="https://acme.example/help" rel="noopener noreferrer">good link</a>');
    expectContains(text(hostile), 'Notes on the first touchpoint, with an iframe.');
    // In the diagrams' Mermaid text, user text is encoded.
    // (A journey's actors, its owners, are plain text that Mermaid draws as text: left out here, drawn in the browser test.)
    const templates = [...hostile.matchAll(/<pre data-mermaid-source>([\s\S]*?)<\/pre>/g)].map((match) => text(match[1]!.replace(/(: [1-5]: ).*$/gm, '$1')));
    expect(templates.length).toBeGreaterThan(0);
    for (const source of templates) expect(source).not.toMatch(/<|%%|__pwned = "/);
  });

  it('writes every character above U+00FF as a character reference, which reads as the same text', () => {
    // V8 copies a page with any such character into twice the memory (pagesInOneByte in astro.config.mjs).
    for (const file of htmlFiles(out)) expect(/[^\0-\xff]/u.exec(readFileSync(file, 'utf8'))?.[0], file).toBeUndefined();
    const hostile = page('journeys/hostile');
    // The user's text: in an element, in an attribute, in Markdown; the site's own words and marks.
    expectContains(text(hostile), '</template><script>window.__pwned = "desc"</script> — in “Łódź” 🎉');
    expect(decodeHTML(/<meta name="description" content="([^"]*)"/.exec(hostile)?.[1] ?? '')).toContain('— in “Łódź” 🎉');
    expectContains(text(hostile), 'Wide characters — “Łódź”, ≥ 3 🎉 — read as written.');
    expectContains(hostile, 'Wide characters &#8212; &#8220;&#321;ód&#378;&#8221;');
    expectContains(text(page('journeys/long-haul')), 'Stage → Discover');
    // The search index reads the references as the characters: a search for Łódź finds the journey.
    expect(indexedPages(join(out, 'pagefind')).get('/journeys/hostile/')).toContain('Wide characters — “Łódź”, ≥ 3 🎉 — read as written.');
  });

  it("draws the channels' icons from the site's style sheet, each mark an empty element", () => {
    const sheets = readdirSync(join(out, '_astro')).filter((name) => name.endsWith('.css'));
    const css = sheets.map((name) => readFileSync(join(out, '_astro', name), 'utf8')).join('\n');
    for (const name of Object.keys(CHANNEL_ICONS)) expect(css).toMatch(new RegExp(`\\.channel-mark\\[data-icon=["]?${name}["]?\\]\\s*\\{\\s*--icon:\\s*url\\(["]?data:image/svg\\+xml,`));
    const journey = page('journeys/flawed');
    // The same style sheet as the page's own styles: no request of its own.
    expect(sheets.some((name) => journey.includes(`href="${BASE}_astro/${name}"`))).toBe(true);
    expect(journey).toMatch(/<span class="channel-mark" style="--ch: light-dark\(#[0-9a-f]{6}, #[0-9a-f]{6}\)" data-channel="email" data-icon="envelope"><\/span>/);
  });

  it('shows the channel x stage matrix, each count linking to its touchpoints', () => {
    const html = page('channels');
    expect(html).toMatch(new RegExp(`<a href="${BASE}channels/push/" title="\\d+ touchpoints? on Push notification, stage 1 of their journeys"`));
    expectContains(text(html), 'Channel × stage matrix');
    const push = page('channels/push');
    expectContains(push, 'id="stage-welcome"');
    expectContains(text(push), 'welcome-push Flawed welcome team-ghost');
  });

  it("shows a team's journeys, touchpoints and open findings", () => {
    const growth = text(page('teams/team-growth'));
    expectContains(growth, 'Owns 2 journeys, runs');
    expectContains(growth, 'quiet-hours');
    expectContains(growth, 'Stage "forgotten" has no touchpoint');
    expectContains(text(page('teams/team-ghost')), 'This team is named by journeys but not declared in journeys/owners.yaml');
  });

  it('lists the scenarios on the home page, and with their events and touchpoints reached on the scenarios page', () => {
    const table = (html: string): string => text(html.match(/<table>[\s\S]*?<\/table>/g)!.find((one) => one.includes('>Scenario</th>'))!);
    expect(table(page(''))).toBe(' Scenario Persona Outbound messages Days Contact policy busy-week Busy parent, phone only 7 3 2 breaches ');
    expect(table(page('scenarios'))).toBe(' Scenario Persona Events Touchpoints reached Outbound messages Days Breaches busy-week Busy parent, phone only 2 7 7 3 2 breaches ');
  });

  it("shows a scenario's timeline day by day, breaches highlighted", () => {
    const html = page('scenarios/busy-week');
    expectContains(text(html), 'Mon 2 Mar 2026 (day 0) 5 outbound messages');
    const breaches = [...html.matchAll(/<li class="breach"[\s\S]*?<\/ul>\s*<\/li>/g)].map((match) => text(match[0]));
    expect(breaches).toHaveLength(2);
    expect(breaches[0]).toMatch(/^ 10:00 ⚠ Breach: SMS welcome-sms .* contact-pressure In scenario "busy-week", the customer gets 5 outbound messages/);
    expect(breaches[1]).toMatch(/^ 22:00 ⚠ Breach: Push notification night-push .* quiet-hours/);
    // Above the list, the same day by day as a Mermaid timeline, each breach marked.
    const [timeline] = mermaidSources(html, 'timeline TD');
    expectContains(timeline!, '\n  Mon 2 Mar 2026 (day 0) : ');
    expect(timeline!.split('\n').slice(3).join('\n').match(/ ⚠/g)).toHaveLength(2);
  });

  it("shows each rule's documentation from its metadata", () => {
    for (const { meta } of builtInRules) {
      const body = text(page(`rules/${meta.id}`));
      const squash = (value: string): string => value.replace(/\s+/g, ' ');
      expectContains(body, squash(meta.description), meta.id);
      expectContains(body, squash(meta.rationale), meta.id);
      expectContains(body, squash(meta.fix), meta.id);
      expect(body.match(/Fails \(\d\)/g)?.length ?? 0, meta.id).toBe(meta.examples.fail.length);
      expect(body.match(/Passes \(\d\)/g)?.length ?? 0, meta.id).toBe(meta.examples.pass.length);
    }
    const stale = builtInRules.find((rule) => rule.meta.id === 'stale-journey')!.meta;
    const body = text(page('rules/stale-journey'));
    expectContains(body, `max-age string ${String(stale.defaults?.['max-age'])}`);
    const [example] = stale.examples.fail;
    const [expected] = example!.findings!;
    expectContains(body, `${expected!.file ?? Object.keys(example!.files)[0]}:${expected!.line}:${expected!.column} — “${expected!.message}”`);
  });

  it('serves Mermaid from the site itself, under the base path, as its package ships it', () => {
    const { version } = JSON.parse(readFileSync(join('node_modules', 'mermaid', 'package.json'), 'utf8')) as { version: string };
    const module = `${BASE}_mermaid/${version}/mermaid.esm.min.mjs`;
    const scripts = readdirSync(join(out, '_astro')).filter((name) => name.endsWith('.js'));
    expect(scripts.filter((name) => readFileSync(join(out, '_astro', name), 'utf8').includes(module))).toHaveLength(1);
    expect(readFileSync(join(out, module.slice(BASE.length)), 'utf8')).toBe(readFileSync(join('node_modules', 'mermaid', 'dist', 'mermaid.esm.min.mjs'), 'utf8'));
  });

  it('has no broken internal link or anchor, and every link stays under the base path', () => {
    const ids = new Map<string, Set<string>>();
    const idsOf = (file: string): Set<string> => {
      let set = ids.get(file);
      if (!set) ids.set(file, (set = new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!))));
      return set;
    };
    const broken: string[] = [];
    for (const file of htmlFiles(out)) {
      for (const [, link] of readFileSync(file, 'utf8').matchAll(/\s(?:href|src|action)="([^"]*)"/g)) {
        if (/^(https?:|mailto:)/.test(link!)) continue;
        if (link!.startsWith('#')) {
          if (!idsOf(file).has(decodeURIComponent(link!.slice(1)))) broken.push(`${file}: ${link}`);
          continue;
        }
        if (!link!.startsWith(BASE)) {
          broken.push(`${file}: ${link} is outside ${BASE}`);
          continue;
        }
        const [path = '', fragment] = link!.slice(BASE.length).split('#');
        const target = path === '' || path.endsWith('/') ? join(out, path, 'index.html') : join(out, path);
        if (!existsSync(target)) broken.push(`${file}: ${link}`);
        else if (fragment && !idsOf(target).has(decodeURIComponent(fragment))) broken.push(`${file}: ${link} (no such anchor)`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('journeys build, when it cannot build', () => {
  it('says why, with exit status 2', async () => {
    const missing = await runJourneys(['build', 'no-such-folder'], dir.path);
    expect(missing.status).toBe(2);
    expectContains(missing.stderr, 'journeys build: No such folder: no-such-folder');
    const bad = await runJourneys(['build', '--today', 'yesterday'], dir.path);
    expect(bad.status).toBe(2);
    expectContains(bad.stderr, '--today takes a date written YYYY-MM-DD');
    const help = await runJourneys(['build', '--help'], dir.path);
    expect(help.status).toBe(0);
    expectContains(help.stdout, 'Usage: journeys build [path] [options]');
  });
});
