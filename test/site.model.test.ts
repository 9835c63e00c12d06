/**
 * The site's data, made from the engine's results without Astro: slugs, links to
 * the repository, findings by journey, team and scenario, breaches on the
 * timeline, a channel's touchpoints by stage, narratives, and git's answers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, builtInRules, catFileContents, check, fileCommits, GRADING, QUADRANTS, safeHref, scorecards, simulate, slugFor, type HistoryPoint, type SiteModel } from '../src/index.ts';
import { renderMarkdown } from '../site/lib/markdown.ts';
import { ACME, TODAY } from './fixtures/site/helpers.ts';
import { cleanJourney, OWNERS, TODAY as REPO_TODAY, writeRepo } from './helpers/repo.ts';

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
    // Its journey's touchpoints with no owner are its too (missing-owner, contact-pressure), as its scorecard counts them.
    expect(growth.findings.map((finding) => finding.rule).sort()).toEqual(['contact-pressure', 'empty-stage', 'missing-owner', 'priority-gap', 'quiet-hours']);
    for (const team of model.teams) {
      expect({ team: team.id, ...team.counts }).toEqual({ team: team.id, ...team.scorecard!.findings });
    }
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

  it("groups a channel's touchpoints by their stage's name, across journeys", () => {
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

describe("the site model's scorecards", () => {
  it('carries the engine scorecard of the company, each journey, channel in use and team, with page links', () => {
    const result = check(ACME, { today: TODAY });
    const cards = scorecards(result.repo, result.findings, simulate(result.repo));
    const { scorecard } = model.site;
    expect(scorecard.grade).toMatchObject({ score: cards.company.grade!.score, letter: cards.company.grade!.letter });
    expect(scorecard).toMatchObject({ kind: 'company', name: 'Company', touchpoints: 47, kpiTargets: cards.company.kpiTargets, findings: { errors: 2, warnings: 3, infos: 1 } });
    for (const card of cards.journeys) {
      const view = journey(card.id).scorecard;
      expect(view.slug).toBe(journey(card.id).slug);
      expect(view.grade?.score).toBe(card.grade?.score);
      expect(view.ownerCoverage).toEqual(card.ownerCoverage);
      expect(view.grade?.parts.map((part) => part.label)).toEqual(GRADING.parts.map((part) => part.label));
    }
    expect(journey('flawed').scorecard.grade).toMatchObject({ score: 70.3, letter: 'C' });
    expect(journey('long-haul').scorecard.grade).toMatchObject({ score: 67, letter: 'D' });
    // The peak window as the timeline writes it, with the scenario's page.
    expect(journey('flawed').scorecard.peakPressure).toEqual({ messages: 4, scenario: 'busy-week', scenarioSlug: 'busy-week', from: 'Mon 2 Mar 2026 09:00', to: 'Mon 2 Mar 2026 22:00' });
    const email = model.channels.find((channel) => channel.id === 'email')!;
    expect(email.scorecard).toMatchObject({ kind: 'channel', slug: email.slug, name: email.name });
    expect(model.channels.filter((channel) => channel.touchpoints.length === 0).every((channel) => channel.scorecard === undefined)).toBe(true);
    const ghost = model.teams.find((team) => team.id === 'team-ghost')!;
    expect(ghost.scorecard).toMatchObject({ kind: 'team', touchpoints: 1, grade: { score: 50, letter: 'E' } });
    expect(model.site.grading).toMatchObject({ formula: GRADING.formula, window: '1d' });
    expect(model.site.quadrants.map((quadrant) => quadrant.name)).toEqual(QUADRANTS.map((quadrant) => quadrant.name));
  });

  it('places measured touchpoints on the quadrant, linked to their rows, "Act first" where the method says', () => {
    const points = journey('long-haul').scorecard.quadrant;
    expect(points.map((point) => [point.touchpoint, point.quadrantName])).toEqual([
      ['discover-step-3', 'Keep it up'],
      ['discover-step-4', 'Act first'],
      ['sign-up-step-3', 'Keep it up'],
      ['onboard-step-1', 'Possible overkill'],
      ['onboard-step-2', 'Low priority'],
      ['use-step-4', 'Low priority'],
      ['renew-step-4', 'Keep it up'],
    ]);
    const act = points[1]!;
    expect(act).toMatchObject({ journeySlug: 'long-haul', anchor: 'tp-discover-step-4', importance: 5, metric: 'open-rate', value: '0.31', target: '0.4', period: '2026-Q3', y: 1 });
    expect(model.site.scorecard.quadrant).toHaveLength(7);
  });

  it("gives each journey its KPIs' series by period, trend and target, the journey's own series last", () => {
    const kpis = journey('long-haul').kpis;
    expect(kpis).toHaveLength(41);
    const measured = kpis.filter((kpi) => kpi.series.length > 0);
    expect(measured.map((kpi) => kpi.touchpoint ?? 'journey')).toEqual(['discover-step-3', 'discover-step-4', 'sign-up-step-3', 'onboard-step-1', 'onboard-step-2', 'use-step-4', 'renew-step-4', 'journey']);
    expect(measured[1]).toMatchObject({ anchor: 'tp-discover-step-4', metric: 'open-rate', target: 0.4, targetText: '0.4', trend: 'worsening', onTarget: false });
    expect(measured[1]!.series.map((measure) => [measure.period, measure.text])).toEqual([
      ['2026-Q1', '0.46'],
      ['2026-Q2', '0.41'],
      ['2026-Q3', '0.31'],
    ]);
    expect(measured[2]!.series.map((measure) => measure.text)).toEqual(['0.5', '0.55', '0.58']);
    expect(measured[1]!.series[2]!.url).toBe('https://git.example/acme/journeys/blob/main/journeys/metrics/2026.csv#L7');
    expect(measured.at(-1)).toMatchObject({ touchpoint: undefined, anchor: undefined, target: undefined, trend: 'improving' });
  });

  it("maps the score history to the company's and each journey's entries, skipping commits without the journey", () => {
    const grade = (id: string, score?: number) => ({ id, touchpoints: score === undefined ? 0 : 3, ...(score === undefined ? {} : { score, letter: 'C' as const }) });
    const points: HistoryPoint[] = [
      { commit: 'a'.repeat(40), date: '2026-03-01T10:00:00+01:00', subject: 'First', company: grade('company', 60), journeys: [grade('flawed', 61)] },
      { commit: 'b'.repeat(40), date: '2026-03-02T10:00:00+01:00', subject: 'Second', company: grade('company', 70), journeys: [grade('flawed', 71), grade('hostile')] },
    ];
    const result = check(ACME, { today: TODAY });
    const withHistory = buildModel({ result, timelines: simulate(result.repo), markdown: renderMarkdown, tool: 'test', scoreHistory: points });
    expect(withHistory.site.scoreHistory.map((entry) => [entry.short, entry.score, entry.url])).toEqual([
      ['aaaaaaa', 60, `https://git.example/acme/journeys/commit/${'a'.repeat(40)}`],
      ['bbbbbbb', 70, `https://git.example/acme/journeys/commit/${'b'.repeat(40)}`],
    ]);
    const of = (id: string) => withHistory.journeys.find((candidate) => candidate.id === id)!.scoreHistory;
    expect(of('flawed').map((entry) => entry.score)).toEqual([61, 71]);
    expect(of('hostile')).toEqual([expect.objectContaining({ subject: 'Second', score: undefined, touchpoints: 0 })]);
    expect(of('long-haul')).toEqual([]);
    expect(model.site.scoreHistory).toEqual([]);
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
  // As `git log -z --raw --no-abbrev` writes it: a header ended by NUL, then each change's line and its paths, NUL-separated.
  const change = (status: string, oid: string, ...paths: string[]): string => `:100644 100644 ${'0'.repeat(40)} ${oid} ${status}\0${paths.join('\0')}\0`;
  const log = [
    '\x1ec3\x1fAda\x1f2026-03-03T10:00:00+01:00\x1fRaise to version 2\0\n',
    change('M', 'b3', 'journeys/b.journey.yaml'),
    '\x1ec2\x1fBob\x1f2026-03-02T10:00:00+01:00\x1fRename a to b\0\n',
    change('R100', 'b2', 'journeys/a.journey.yaml', 'journeys/b.journey.yaml'),
    change('M', 'o2', 'journeys/other.journey.yaml'),
    '\x1ec1\x1fAda\x1f2026-03-01T10:00:00+01:00\x1fFirst map\0\n',
    change('A', 'a1', 'journeys/a.journey.yaml'),
    change('A', 'o1', 'journeys/other.journey.yaml'),
    '\x1ec0\x1fEve\x1f2026-02-01T10:00:00+01:00\x1fAn older file of the same name, deleted\0\n',
    change('A', 'a0', 'journeys/a.journey.yaml'),
  ].join('');

  it('follows renames, newest first, and stops at the commit that added the file', () => {
    const histories = fileCommits(log, ['journeys/b.journey.yaml', 'journeys/other.journey.yaml']);
    expect(histories.get('journeys/b.journey.yaml')!.map(({ commit, path, oid }) => [commit.hash, commit.author, path, oid])).toEqual([
      ['c3', 'Ada', 'journeys/b.journey.yaml', 'b3'],
      ['c2', 'Bob', 'journeys/b.journey.yaml', 'b2'],
      ['c1', 'Ada', 'journeys/a.journey.yaml', 'a1'],
    ]);
    expect(histories.get('journeys/other.journey.yaml')!.map(({ commit }) => commit.hash)).toEqual(['c2', 'c1']);
  });

  it('reads the contents that git cat-file --batch gives, and a missing object as nothing', () => {
    const output = Buffer.from('aaaa blob 5\nhello\nc2:x missing\nbbbb blob 3\nfoo\n');
    expect(catFileContents(output, 3)).toEqual(['hello', undefined, 'foo']);
  });
});

describe('the team pages and the scorecards', () => {
  it("give a finding on a touchpoint with no owner to the journey's owner, on both", () => {
    // Before, the team page gave it to nobody: 0 findings listed while the scorecard counted them.
    // The clean journey, its touchpoint's owner taken out.
    const journey = cleanJourney().replace('    owner: team-crm\n', '');
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': journey });
    const result = check(root, { today: REPO_TODAY });
    const unowned = result.findings.filter((finding) => finding.touchpoint === 'welcome-email');
    expect(unowned.map((finding) => finding.rule)).toContain('missing-owner');
    const built = buildModel({ result, timelines: simulate(result.repo), markdown: renderMarkdown, tool: 'test' });
    const team = built.teams.find((candidate) => candidate.id === 'team-onboarding')!;
    const card = scorecards(result.repo, result.findings, simulate(result.repo)).teams.find((candidate) => candidate.id === 'team-onboarding')!;
    expect(team.findings.map((finding) => `${finding.rule} ${finding.touchpoint}`)).toEqual(expect.arrayContaining(unowned.map((finding) => `${finding.rule} ${finding.touchpoint}`)));
    expect(team.counts.errors).toBeGreaterThan(0);
    expect(team.counts).toEqual({ errors: card.findings.error, warnings: card.findings.warning, infos: card.findings.info });
    expect(team.scorecard!.findings).toEqual(team.counts);
  });
});

describe('implicit scenarios on the site', () => {
  it('give no page of their own, while their findings reach the journey they are about', () => {
    const root = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/welcome.journey.yaml': cleanJourney('welcome', '    trigger: account.opened\n    after: 12h\n'),
      'journeys.config.yaml': 'policy:\n  implicit-scenarios: true\n  quiet-hours: { from: "21:00", to: "08:00" }\n',
    });
    const result = check(root, { today: REPO_TODAY });
    const timelines = simulate(result.repo);
    expect(timelines.some((timeline) => timeline.scenario.implicit)).toBe(true);
    const site = buildModel({ result, timelines, markdown: renderMarkdown, tool: 'test' });
    expect(site.scenarios).toEqual([]);
    const quiet = site.journeys.find((candidate) => candidate.id === 'welcome')!.findings.filter((finding) => finding.rule === 'quiet-hours');
    expect(quiet.length).toBeGreaterThan(0);
  });
});
