/**
 * `journeys build` of the acme fixture (metrics over three quarters, a git history, a
 * review tag): the review's pages and CSV per quarter, the customer pages, the channel
 * dashboard and the edit links, as static files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeHTML } from 'entities';
import { copyAcme, expectContains, gitHistory, runJourneys, tempDir, TODAY, type Run } from './fixtures/site/helpers.ts';

let dir: { path: string; remove: () => void };
let out: string;
let build: Run;

beforeAll(async () => {
  dir = tempDir('journeys-review-build-');
  const repo = copyAcme(dir.path);
  // A forge whose editor form is configured, so that every touchpoint has an edit link.
  const config = join(repo, 'journeys.config.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace('  branch: main\n', '  branch: main\n  edit-url: "{url}/-/edit/{branch}/{path}#L{line}"\n'));
  gitHistory(repo);
  out = join(dir.path, 'site');
  build = await runJourneys(['build', 'repo', '--out', 'site', '--today', TODAY], dir.path);
}, 240_000);

afterAll(() => dir?.remove());

const page = (path: string): string => readFileSync(join(out, path, 'index.html'), 'utf8');
const text = (html: string): string =>
  decodeHTML(html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

describe('the review, customer and channel pages of a build', () => {
  it('builds', () => {
    expect(build.stderr).not.toMatch(/error/i);
    expect(build.status).toBe(0);
  });

  it('writes the review of the latest quarter and a page and a CSV for each quarter, linked from the menu', () => {
    for (const path of ['review', 'review/2026-q1', 'review/2026-q2', 'review/2026-q3']) expect(existsSync(join(out, path, 'index.html')), path).toBe(true);
    for (const path of ['review.csv', 'review/2026-q1.csv', 'review/2026-q2.csv', 'review/2026-q3.csv']) expect(existsSync(join(out, path)), path).toBe(true);
    expect(page('')).toContain('href="/review/"');
    const review = text(page('review'));
    expectContains(review, 'Quarterly review: 2026-Q3');
    expectContains(review, '46 KPIs, 12 measured, 5 met , 3 missed ; 7 improving, 1 worsening.');
    expectContains(review, 'Discover step 4 edit Discover step 4 Growth & lifecycle open-rate 0.4 2026-Q2 0.41 2026-Q3 0.31 −0.1 missed');
    expect(page('review')).toContain('aria-label="open-rate from 0.46 in 2026-Q1 to 0.31 in 2026-Q3, target 0.4; axis from 0"');
    expectContains(text(page('review/2026-q2')), 'Discover step 4 edit Discover step 4 Growth & lifecycle open-rate 0.4 2026-Q1 0.46 2026-Q2 0.41 −0.05 met');
  });

  it('writes the CSV with RFC 4180 quoting, CRLF line ends and the same figures', () => {
    const csv = readFileSync(join(out, 'review.csv'), 'utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('journey,journey title,touchpoint,touchpoint name,team,metric,direction,target,previous period,previous,latest period,latest,change,status,trend');
    expect(lines).toHaveLength(48);
    expect(lines).toContain('long-haul,"The long haul, from first visit to renewal",discover-step-4,Discover step 4,Growth & lifecycle,open-rate,higher,0.4,2026-Q2,0.41,2026-Q3,0.31,-0.1,missed,worsening');
    expect(lines.find((line) => line.startsWith('hostile,'))).toMatch(/^hostile,"<script>window.__pwned = ""title""<\/script> Hostile: ""quotes""; end/);
    expect(readFileSync(join(out, 'review/2026-q1.csv'), 'utf8').split('\r\n')).toContain('long-haul,"The long haul, from first visit to renewal",discover-step-4,Discover step 4,Growth & lifecycle,open-rate,higher,0.4,,,2026-Q1,0.46,,met,');
  });

  it('says which journeys changed since the quarter began, then since the review tag once there is one', async () => {
    expectContains(text(page('review')), 'Changed since the quarter began');
    expectContains(text(page('review')), 'Flawed welcome : 3 commits');
    const repo = join(dir.path, 'repo');
    execFileSync('git', ['tag', 'review-2026-q3'], { cwd: repo });
    const again = await runJourneys(['build', 'repo', '--out', 'site2', '--today', TODAY], dir.path);
    expect(again.status).toBe(0);
    const tagged = text(readFileSync(join(dir.path, 'site2', 'review', 'index.html'), 'utf8'));
    expectContains(tagged, 'Changed since the last review (review-2026-q3)');
    expectContains(tagged, 'No journey file changed since');
  }, 240_000);

  it("shows each persona's first 90 days as a table of days by channel", () => {
    const customer = page('customers/busy-parent');
    expectContains(text(customer), 'Busy parent, phone only: the first 90 days');
    expectContains(text(customer), '7 messages (7 outbound) on 3 days of 90; the busiest day is Mon 2 Mar 2026 (day 0), with 5.');
    expect(customer).toMatch(/<caption[^>]*>What Busy parent, phone only receives each day of the first 90, by channel<\/caption>/);
    expect((customer.match(/<th scope="col" class="heat-day/g) ?? []).length).toBe(90);
    expect(text(customer)).toMatch(/Push notification 2( \d*)* 2 /);
    expectContains(text(page('customers')), 'Busy parent, phone only');
  });

  it('shows the channel dashboard on the channels page and each channel its own figures', () => {
    const channels = text(page('channels'));
    expectContains(channels, 'Dashboard');
    expectContains(channels, 'E-mail 6 touchpoints, 3 journeys 2 sends in 1 scenario 4.2 csat 2026-Q3 mean over 1 touchpoint');
    const email = text(page('channels/email'));
    expectContains(email, 'Volume, satisfaction, cost and conversion');
    expectContains(email, '4.2 csat');
  });

  it('links each touchpoint to its line in the configured editor', () => {
    const journey = page('journeys/flawed');
    const links = [...journey.matchAll(/<a class="small edit-link" href="([^"]+)"/g)].map((match) => match[1]);
    expect(links.length).toBeGreaterThan(2);
    for (const link of links) expect(link).toMatch(/^https:\/\/git\.example\/acme\/journeys\/-\/edit\/main\/journeys\/flawed\.journey\.yaml#L\d+$/);
    expect(page('review')).toMatch(/href="https:\/\/git\.example\/acme\/journeys\/-\/edit\/main\/journeys\/long-haul\.journey\.yaml#L\d+"/);
  });
});
