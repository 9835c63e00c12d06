/**
 * Measured KPIs: rows of journeys/metrics/*.csv attached to declared KPIs, the
 * direction of each metric, trends and targets; bad rows are findings at their line.
 */
import { describe, expect, it } from 'vitest';
import { check, loadRepository, measureKpis, meetsTarget, metricDirection, scorecards, simulate, trendOf } from '../src/index.ts';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

const HEADER = 'journey,touchpoint,metric,period,value';
const csv = (...rows: string[]): string => [HEADER, ...rows, ''].join('\n');

/** A journey whose touchpoint has two KPIs, one of them lower-is-better, both measured in 2026-Q3. */
function twoMeasuredKpis(): string {
  return writeRepo({
    'journeys/owners.yaml': OWNERS,
    'journeys/welcome.journey.yaml': cleanJourney('welcome').replace(
      '      - { metric: open-rate, target: 0.4 }',
      '      - { metric: no-show-rate, target: 0.05, direction: lower }\n      - { metric: open-rate, target: 0.4 }',
    ),
    'journeys/metrics/q3.csv': csv('welcome,welcome-email,no-show-rate,2026-Q3,0.04', 'welcome,welcome-email,open-rate,2026-Q3,0.41'),
  });
}

describe('metric direction', () => {
  it.each([
    ['resolution-time', 'lower'],
    ['ces', 'lower'],
    ['handling-time', 'lower'],
    ['wait-time', 'lower'],
    ['time-to-first-reply-time', 'lower'],
    ['churn-rate', 'lower'],
    ['complaint-rate', 'lower'],
    ['complaints', 'lower'],
    ['unsubscribe-rate', 'lower'],
    ['bounce-rate', 'lower'],
    ['cart-abandonment', 'lower'],
    ['abandon-rate', 'lower'],
    ['error-rate', 'lower'],
    ['open-rate', 'higher'],
    ['csat', 'higher'],
    ['nps', 'higher'],
    ['fcr', 'higher'],
    ['conversion-rate', 'higher'],
    ['timeliness', 'higher'],
    ['cesium', 'higher'],
  ] as const)('%s: %s is better', (metric, direction) => {
    expect(metricDirection(metric)).toBe(direction);
  });

  it('is the KPI\'s own when it says', () => {
    expect(metricDirection('no-show-rate', 'lower')).toBe('lower');
    expect(metricDirection('resolution-time', 'higher')).toBe('higher');
  });

  it('reads `direction` from the journey file, which the schema accepts', () => {
    const root = twoMeasuredKpis();
    const result = check(root, { today: TODAY });
    expect(result.findings).toEqual([]);
    const [noShow, open] = measureKpis(result.repo).all;
    expect(result.repo.journeys[0]!.touchpoints[0]!.kpis[0]!.direction).toBe('lower');
    expect(noShow).toMatchObject({ metric: 'no-show-rate', direction: 'lower', onTarget: true });
    expect(open).toMatchObject({ metric: 'open-rate', direction: 'higher', onTarget: true });
  });

  it('gives each touchpoint its KPIs by the touchpoint and by its place in the journey alike', () => {
    const root = twoMeasuredKpis();
    const { repo } = check(root, { today: TODAY });
    const index = measureKpis(repo, TODAY);
    const [journey] = repo.journeys;
    const byPlace = index.ofTouchpoints.get(journey!)!;
    expect(byPlace).toHaveLength(journey!.touchpoints.length);
    expect(byPlace[0]!.map((kpi) => [kpi.metric, kpi.latest?.value])).toEqual([
      ['no-show-rate', 0.04],
      ['open-rate', 0.41],
    ]);
    journey!.touchpoints.forEach((touchpoint, at) => expect(index.byTouchpoint.get(touchpoint)).toBe(byPlace[at]));
    expect(index.byTouchpoint.size).toBe(journey!.touchpoints.length);
    expect(index.all).toEqual([...byPlace.flat(), ...index.byJourney.get(journey!)!]);
  });

  it('rejects another direction in the schema', () => {
    const root = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/welcome.journey.yaml': cleanJourney('welcome').replace('target: 0.4 }', 'target: 0.4, direction: down }'),
    });
    const findings = check(root, { today: TODAY }).findings;
    expect(findings.map((f) => [f.rule, f.line])).toEqual([['schema', 14]]);
  });
});

describe('targets and trends', () => {
  it('meets a target at or beyond it, in the metric\'s direction', () => {
    expect(meetsTarget(0.45, 0.45, 'higher')).toBe(true);
    expect(meetsTarget(0.44, 0.45, 'higher')).toBe(false);
    expect(meetsTarget(24, 24, 'lower')).toBe(true);
    expect(meetsTarget(25, 24, 'lower')).toBe(false);
  });

  it('calls a change improving or worsening by direction, and equal values steady', () => {
    expect(trendOf(0.4, 0.45, 'higher')).toBe('improving');
    expect(trendOf(0.45, 0.4, 'higher')).toBe('worsening');
    expect(trendOf(30, 20, 'lower')).toBe('improving');
    expect(trendOf(20, 30, 'lower')).toBe('worsening');
    expect(trendOf(0.3, 0.1 + 0.2, 'higher')).toBe('steady');
  });

  it('sorts periods of any granularity by their first day, across files; the last row of a period wins', () => {
    const root = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/welcome.journey.yaml': cleanJourney('welcome'),
      'journeys/metrics/a.csv': csv('welcome,welcome-email,open-rate,2026-09,0.43', 'welcome,welcome-email,open-rate,2026-q2,0.30'),
      'journeys/metrics/b.csv': csv('welcome,welcome-email,open-rate,2026-Q2,0.35', 'welcome,welcome-email,open-rate,2026-W40,0.39', 'welcome,welcome-email,open-rate,2025,0.2'),
    });
    const { repo } = loadRepository(root);
    const [kpi] = measureKpis(repo).all;
    // 2025 (Jan 1 2025), 2026-Q2 (Apr 1), 2026-09 (Sep 1), 2026-W40 (Sep 28).
    expect(kpi!.series.map((m) => [m.period, m.value, m.file, m.line])).toEqual([
      ['2025', 0.2, 'journeys/metrics/b.csv', 4],
      ['2026-Q2', 0.35, 'journeys/metrics/b.csv', 2],
      ['2026-09', 0.43, 'journeys/metrics/a.csv', 2],
      ['2026-W40', 0.39, 'journeys/metrics/b.csv', 3],
    ]);
    expect(kpi).toMatchObject({ latest: { period: '2026-W40', value: 0.39 }, previous: { period: '2026-09', value: 0.43 }, trend: 'worsening', onTarget: false });
  });

  it('has no trend with one period, and no target verdict with no target', () => {
    const root = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/welcome.journey.yaml': cleanJourney('welcome').replace('{ metric: open-rate, target: 0.4 }', '{ metric: open-rate }'),
      'journeys/metrics/q3.csv': csv('welcome,welcome-email,open-rate,2026-Q3,0.41'),
    });
    const [kpi] = measureKpis(loadRepository(root).repo).all;
    expect(kpi).not.toHaveProperty('trend');
    expect(kpi).not.toHaveProperty('previous');
    expect(kpi).not.toHaveProperty('onTarget');
    expect(kpi).not.toHaveProperty('target');
  });
});

describe('bad rows of a metrics file', () => {
  const FILE = 'journeys/metrics/2026.csv';
  const root = writeRepo({
    'journeys/owners.yaml': OWNERS,
    'journeys/welcome.journey.yaml': cleanJourney('welcome'),
    [FILE]: csv(
      'welcome,welcome-email,open-rate,2026-Q3,0.4x', // 2: not a number (the value starts at column 41)
      'welcome,welcome-email,open-rate,2026-Q5,0.4', // 3: no such quarter (the period starts at column 33)
      'welcom,welcome-email,open-rate,2026-Q3,0.4', // 4: unknown journey
      'welcome,welcome-sms,open-rate,2026-Q3,0.4', // 5: unknown touchpoint
      'welcome,welcome-email,click-rate,2026-Q3,0.4', // 6: a metric the touchpoint does not declare
      'welcome,welcome-email,open-rate,2026-Q3,42%', // 7: good
    ),
  });
  const result = check(root, { today: TODAY });

  it('are findings at the file, line and column of the row', () => {
    expect(result.findings.map((f) => ({ rule: f.rule, severity: f.severity, file: f.file, line: f.line, column: f.column, message: f.message }))).toEqual([
      { rule: 'schema', severity: 'error', file: FILE, line: 2, column: 41, message: '"value" is "0.4x", which is not a number.' },
      { rule: 'schema', severity: 'error', file: FILE, line: 3, column: 33, message: expect.stringContaining('"period" is "2026-Q5": write a year (2026), a quarter (2026-Q3)') },
      { rule: 'unknown-reference', severity: 'error', file: FILE, line: 4, column: 1, message: 'Journey "welcom" of this metrics row does not exist (did you mean "welcome"?).' },
      { rule: 'unknown-reference', severity: 'error', file: FILE, line: 5, column: 1, message: 'Touchpoint "welcome-sms" of this metrics row is not in journey "welcome".' },
      {
        rule: 'unknown-reference',
        severity: 'error',
        file: FILE,
        line: 6,
        column: 1,
        message: 'Metric "click-rate" is not a KPI of touchpoint "welcome-email": declare it under "kpis:" to track it.',
      },
    ]);
  });

  it('measure nothing: only the good row is a value of the KPI', () => {
    const kpis = measureKpis(result.repo).all;
    expect(kpis).toHaveLength(1);
    expect(kpis[0]!.series).toEqual([{ period: '2026-Q3', periodStart: Date.UTC(2026, 6, 1) / 86_400_000, value: 0.42, file: FILE, line: 7 }]);
  });

  it('count in the scorecard: the company has the five errors; the touchpoint\'s scopes the one that names it', () => {
    const cards = scorecards(result.repo, result.findings, simulate(result.repo));
    expect(cards.company.findings).toEqual({ error: 5, warning: 0, info: 0 });
    expect(cards.journeys[0]!.findings).toEqual({ error: 2, warning: 0, info: 0 }); // unknown touchpoint, unknown metric
    expect(cards.channels[0]!.findings).toEqual({ error: 1, warning: 0, info: 0 }); // unknown metric of welcome-email
    expect(cards.company.grade?.parts.at(-1)?.value).toBe(1 / 6);
  });
});
