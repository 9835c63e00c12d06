/**
 * `journeys build` on a fixture repository with a git history, under a base path
 * (as on GitHub Pages): a page for everything, the content each page must show,
 * user text escaped, findings linked to the repository, history from git, and no
 * broken internal link or anchor. The site is built once, in a process of its own.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRules } from '../src/index.ts';
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
/** Text of the page's HTML with tags removed and the usual entities decoded, spaces collapsed. */
const text = (html: string): string =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<template>[\s\S]*?<\/template>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

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
    expect(home).toMatch(/3 Journeys 47 Touchpoints 11 Channels in use 4 Teams 4 Moments of truth 5 Open findings 2 errors 3 warnings 0 infos/);
    expectContains(home, 'Flawed welcome Errors');
    expectContains(home, 'The long haul, from first visit to renewal Healthy');
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
    expectContains(body, 'welcome-sms SMS outbound none');
    expectContains(body, 'signup.completed after 1h');
    expectContains(body, 'Welcome aboard Thanks for joining. Set up your profile in two minutes. https://app.acme.example/profile');
    expectContains(body, 'open-rate → 0.5');
    // Diagrams: one journey per stage with a touchpoint, and the timeline flowchart.
    expect(html.match(/data-mermaid/g)).toHaveLength(2);
    expectContains(html, '<template>journey\n');
    expectContains(html, '<template>flowchart LR\n');
    // Findings, linked to the file and line.
    expectContains(html, `href="${REPO_URL}/blob/main/journeys/flawed.journey.yaml#L23"`);
    expectContains(body, 'Touchpoint "welcome-sms" has no owner');
    expectContains(html, `href="${BASE}rules/missing-owner/"`);
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
    const templates = [...hostile.matchAll(/<template>([\s\S]*?)<\/template>/g)].map((match) => text(match[1]!.replace(/&lt;(\/?small|br\/)&gt;/g, '')));
    expect(templates).toHaveLength(3);
    for (const source of templates) expect(source).not.toMatch(/<|%%|__pwned = "/);
  });

  it('shows the channel x stage matrix, each count linking to its touchpoints', () => {
    const html = page('channels');
    expectContains(html, `<a href="${BASE}channels/push/#stage-welcome"`);
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

  it("shows a scenario's timeline day by day, breaches highlighted", () => {
    const html = page('scenarios/busy-week');
    expectContains(text(html), 'Mon 2 Mar 2026 (day 0) 5 outbound messages');
    const breaches = [...html.matchAll(/<li class="breach"[\s\S]*?<\/ul>\s*<\/li>/g)].map((match) => text(match[0]));
    expect(breaches).toHaveLength(2);
    expect(breaches[0]).toMatch(/^ 10:00 ⚠ Breach: SMS welcome-sms .* contact-pressure In scenario "busy-week", the customer gets 5 outbound messages/);
    expect(breaches[1]).toMatch(/^ 22:00 ⚠ Breach: Push notification night-push .* quiet-hours/);
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
