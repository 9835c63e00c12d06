/**
 * The site's data, made from the engine's results without Astro: slugs, links to
 * the repository, findings by journey, team and scenario, breaches on the
 * timeline, the channel x stage matrix, narratives, and git's answers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInRules, check, simulate } from '../src/index.ts';
import { catFileContents, fileCommits } from '../site/lib/git.ts';
import { renderMarkdown } from '../site/lib/markdown.ts';
import { buildModel, safeHref, slugFor, type SiteModel } from '../site/lib/model.ts';
import { ACME, TODAY } from './fixtures/site/helpers.ts';

let model: SiteModel;

beforeAll(() => {
  const result = check(ACME, { today: TODAY });
  model = buildModel({ result, timelines: simulate(result.repo), markdown: renderMarkdown, tool: 'test' });
});

const journey = (id: string) => model.journeys.find((candidate) => candidate.id === id)!;

describe('the site model of the acme fixture', () => {
  it('has every journey, used or declared channel, team (declared or not), scenario and rule', () => {
    expect(model.journeys.map((j) => j.slug).sort()).toEqual(['flawed', 'hostile', 'long-haul']);
    expect(model.teams.map((team) => team.id).sort()).toEqual(['team-evil', 'team-ghost', 'team-growth', 'team-service']);
    expect(model.teams.find((team) => team.id === 'team-ghost')!.declared).toBe(false);
    expect(model.channels.map((channel) => channel.id)).toContain('fax');
    expect(model.channels.every((channel) => channel.touchpoints.length > 0 || !channel.builtIn)).toBe(true);
    expect(model.scenarios.map((scenario) => scenario.id)).toEqual(['busy-week']);
    expect(model.rules.map((rule) => rule.id)).toEqual(builtInRules.map((rule) => rule.meta.id));
    expect(model.site.figures).toMatchObject({ journeys: 3, touchpoints: 47, teams: 4, scenarios: 1 });
  });

  it('links each finding to its file and line in the repository', () => {
    const flawed = journey('flawed');
    expect(flawed.health).toBe('errors');
    expect(flawed.counts).toEqual({ errors: 2, warnings: 3, infos: 0 });
    const owner = flawed.findings.find((finding) => finding.rule === 'missing-owner')!;
    expect(owner.url).toBe(`https://git.example/acme/journeys/blob/main/journeys/flawed.journey.yaml#L${owner.line}`);
    expect(flawed.fileUrl).toBe('https://git.example/acme/journeys/blob/main/journeys/flawed.journey.yaml');
    expect(flawed.touchpoints.find((tp) => tp.id === 'welcome-sms')!.counts.errors).toBe(1);
  });

  it("gives a team the findings of what it runs, and of the journeys it owns when no touchpoint is named", () => {
    const growth = model.teams.find((team) => team.id === 'team-growth')!;
    expect(growth.findings.map((finding) => finding.rule).sort()).toEqual(['empty-stage', 'quiet-hours']);
    const ghost = model.teams.find((team) => team.id === 'team-ghost')!;
    expect(ghost.findings.map((finding) => finding.rule)).toEqual(['unknown-reference']);
  });

  it('marks the breaches on the timeline, matched by journey, touchpoint and time', () => {
    const [scenario] = model.scenarios;
    expect(scenario!.breached).toBe(2);
    const sends = scenario!.days.flatMap((day) => day.rows).filter((row) => row.kind === 'send');
    const breached = sends.filter((row) => row.breaches.length > 0).map((row) => [row.touchpoint, row.clock, row.breaches.map((breach) => breach.rule)]);
    expect(breached).toEqual([
      ['welcome-sms', '10:00', ['contact-pressure']],
      ['night-push', '22:00', ['quiet-hours']],
    ]);
    expect(scenario!.days.map((day) => day.label)).toEqual(['Mon 2 Mar 2026 (day 0)', 'Tue 3 Mar 2026 (day 1)', 'Wed 4 Mar 2026 (day 2)']);
    expect(scenario!.findings[0]!.moment).toMatch(/^Mon 2 Mar 2026 \d\d:\d\d$/);
  });

  it('counts touchpoints per channel and stage name, stages in the order they usually come, linking each cell to them', () => {
    const { matrix } = model.site;
    expect(matrix.columns.map((column) => column.name)).toEqual(['Welcome', 'end', 'Discover', 'Sign up', 'Onboard', 'Use', 'Forgotten stage', 'title x: y; section z %%{init: {"theme": "forest"}}%% click n0 call alert(1)', 'Renew']);
    const welcome = matrix.columns.findIndex((column) => column.name === 'Welcome');
    expect(matrix.columns[welcome]).toEqual({ name: 'Welcome', anchor: 'stage-welcome', journeys: 1 });
    expect(matrix.rows.find((row) => row.channel.id === 'email')!.cells[welcome]).toBe(1);
    expect(matrix.rows.find((row) => row.channel.id === 'push')!.cells[welcome]).toBe(2);
    expect(matrix.rows.every((row) => row.total === row.cells.reduce((a, b) => a + b, 0))).toBe(true);
    const push = model.channels.find((channel) => channel.id === 'push')!;
    expect(push.touchpoints.filter((row) => row.stageColumn.anchor === 'stage-welcome').map((row) => row.touchpoint)).toEqual(['welcome-push', 'night-push']);
  });

  it("keeps the journey's narrative apart from its touchpoints' notes, both sanitized", () => {
    const hostile = journey('hostile');
    expect(hostile.narrativeHtml).toContain('<h3>The hostile journey</h3>');
    expect(hostile.narrativeHtml).toContain('<a href="https://acme.example/help" rel="noopener noreferrer">good link</a>');
    expect(hostile.narrativeHtml).not.toMatch(/<script|<img|onerror|javascript:|Notes on the first touchpoint/);
    const notes = hostile.touchpoints.find((tp) => tp.id === 'journey-start')!.narrativeHtml!;
    expect(notes).toContain('Notes on the first touchpoint');
    expect(notes).not.toContain('<iframe');
  });

  it('links a call to action only when it is a web address', () => {
    expect(safeHref('https://acme.example/?q=<script>')).toBe('https://acme.example/?q=%3Cscript%3E');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('/relative')).toBeUndefined();
  });
});

describe('slugs', () => {
  it('keeps ids as they are, and makes any other text safe and unique', () => {
    const taken = new Set<string>();
    expect(slugFor('welcome-email', taken)).toBe('welcome-email');
    expect(slugFor('welcome-email', taken)).toBe('welcome-email-2');
    expect(slugFor('<script>Évian "x"', taken)).toBe('script-evian-x');
    expect(slugFor('../../etc', taken)).toBe('etc');
    expect(slugFor('!!!', taken)).toBe('item');
  });
});

describe('git history', () => {
  const log = [
    '\x1ec3\x1fAda\x1f2026-03-03T10:00:00+01:00\x1fRaise to version 2',
    '',
    'M\tjourneys/b.journey.yaml',
    '\x1ec2\x1fBob\x1f2026-03-02T10:00:00+01:00\x1fRename a to b',
    '',
    'R100\tjourneys/a.journey.yaml\tjourneys/b.journey.yaml',
    'M\tjourneys/other.journey.yaml',
    '\x1ec1\x1fAda\x1f2026-03-01T10:00:00+01:00\x1fFirst map',
    '',
    'A\tjourneys/a.journey.yaml',
    'A\tjourneys/other.journey.yaml',
    '\x1ec0\x1fEve\x1f2026-02-01T10:00:00+01:00\x1fAn older file of the same name, deleted',
    '',
    'A\tjourneys/a.journey.yaml',
  ].join('\n');

  it('follows renames, newest first, and stops at the commit that added the file', () => {
    const histories = fileCommits(log, ['journeys/b.journey.yaml', 'journeys/other.journey.yaml']);
    expect(histories.get('journeys/b.journey.yaml')!.map(({ commit, path }) => [commit.hash, commit.author, path])).toEqual([
      ['c3', 'Ada', 'journeys/b.journey.yaml'],
      ['c2', 'Bob', 'journeys/b.journey.yaml'],
      ['c1', 'Ada', 'journeys/a.journey.yaml'],
    ]);
    expect(histories.get('journeys/other.journey.yaml')!.map(({ commit }) => commit.hash)).toEqual(['c2', 'c1']);
  });

  it('reads the contents that git cat-file --batch gives, and a missing object as nothing', () => {
    const output = Buffer.from('aaaa blob 5\nhello\nc2:x missing\nbbbb blob 3\nfoo\n');
    expect(catFileContents(output, 3)).toEqual(['hello', undefined, 'foo']);
  });
});
