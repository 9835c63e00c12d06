/**
 * Scorecards of a small repository (test/fixtures/score/small) whose every figure is
 * worked out by hand below, and the grade's boundaries.
 *
 * The fixture: policy windows 1d and 2d (so the peak window is 2d = 2880 minutes).
 *   alpha (owner team-a; stages start and "later", which is empty)
 *     a-email  email  team-a  trigger started         MoT  importance 5  emotion 4  cost 0.25   open-rate ≥ 0.5: 0.4 (Q2) → 0.45 (Q3)
 *     a-sms    sms    team-b  trigger started +1h           importance 2  emotion 2  cost 0.5    resolution-time ≤ 24: 20 (Q2) → 30 (Q3)
 *     a-web    web    (none)  trigger started          MoT                emotion 3  cost 1      no KPI
 *   beta (owner team-b)
 *     b-email  email  team-b  trigger started +1d, repeated once 1d later   importance 4  emotion 5  cost 0.125
 *                                                    csat ≥ 4: 4.5 (Q3); nps (no target): 30 (Q3)
 *     b-push   push   team-a  trigger other-event      importance 3  no emotion, no cost   click-rate ≥ 0.1: not measured
 *   beta,,nps,2026-Q3,28: a journey-level value.
 *   team-c is declared and owns nothing.
 * Scenarios (times in minutes after day 0 00:00):
 *   s1 started at 0d 9h: a-email 540, a-web 540 (not outbound), a-sms 600, b-email 1980 and 3420
 *   s2 other-event at 0d 12h: b-push 720
 *   s3 an event nothing listens to: no send
 * Findings (lint as of 2026-11-01):
 *   missing-owner a-web (error), unmeasured-moment-of-truth a-web (warning), missing-kpi a-web (info),
 *   empty-stage "later" of alpha (warning, journey-level), priority-gap a-email (info).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check, GRADING, gradeOf, letterOf, scorecards, simulate, type QuadrantPoint, type Scorecard, type Scorecards } from '../src/index.ts';
import { OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

const SMALL = fileURLToPath(new URL('./fixtures/score/small', import.meta.url));

function scoreOf(root: string): Scorecards {
  const result = check(root, { today: TODAY });
  expect(result.configErrors).toEqual([]);
  return scorecards(result.repo, result.findings, simulate(result.repo));
}

const parts = (owner: number, kpi: number, onTarget: number, moments: number, findings: number) => [
  { id: 'owner-coverage', weight: 0.2, value: owner },
  { id: 'kpi-coverage', weight: 0.2, value: kpi },
  { id: 'kpis-on-target', weight: 0.2, value: onTarget },
  { id: 'moments-of-truth-measured', weight: 0.2, value: moments },
  { id: 'findings', weight: 0.2, value: findings },
];

// The quadrant: x = performance / 2, y = (importance - 1) / 4.
// a-email: 0.45 / 0.5 = 0.9 (below target), importance 5: x 0.45, y 1, act first.
const A_EMAIL: QuadrantPoint = {
  journey: 'alpha', touchpoint: 'a-email', importance: 5, metric: 'open-rate', value: 0.45, period: '2026-Q3', target: 0.5,
  direction: 'higher', performance: 0.9, x: 0.45, y: 1, quadrant: 'act-first',
};
// a-sms: lower is better, 24 / 30 = 0.8, importance 2: x 0.4, y 0.25, low priority.
const A_SMS: QuadrantPoint = {
  journey: 'alpha', touchpoint: 'a-sms', importance: 2, metric: 'resolution-time', value: 30, period: '2026-Q3', target: 24,
  direction: 'lower', performance: 0.8, x: 0.4, y: 0.25, quadrant: 'low-priority',
};
// b-email: csat 4.5 / 4 = 1.125 (nps has no target), importance 4: x 0.5625, y 0.75, keep it up.
const B_EMAIL: QuadrantPoint = {
  journey: 'beta', touchpoint: 'b-email', importance: 4, metric: 'csat', value: 4.5, period: '2026-Q3', target: 4,
  direction: 'higher', performance: 1.125, x: 0.5625, y: 0.75, quadrant: 'keep-it-up',
};

/** Every figure of a scorecard in one line, for the scopes checked more briefly. */
function figures(card: Scorecard) {
  return {
    touchpoints: card.touchpoints,
    outbound: [card.outboundPerCustomer.mean, card.outboundPerCustomer.messages, card.outboundPerCustomer.scenarios],
    owners: [card.ownerCoverage.count, card.ownerCoverage.of],
    kpis: [card.kpiCoverage.count, card.kpiCoverage.of],
    moments: [card.momentsOfTruthMeasured.count, card.momentsOfTruthMeasured.of],
    peak: card.peakPressure && [card.peakPressure.messages, card.peakPressure.scenario, card.peakPressure.from, card.peakPressure.to],
    findings: [card.findings.error, card.findings.warning, card.findings.info],
    emotion: [card.emotion.mean, card.emotion.touchpoints],
    cost: [card.costPerCustomer.mean, card.costPerCustomer.total, card.costPerCustomer.scenarios],
    targets: [card.kpiTargets.withTarget, card.kpiTargets.measured, card.kpiTargets.onTarget],
    quadrant: card.quadrant.map((point) => `${point.touchpoint}:${point.quadrant}`),
    grade: card.grade && [card.grade.score, card.grade.letter],
  };
}

describe('the scorecards of a small repository, checked by hand', () => {
  const cards = scoreOf(SMALL);

  it('finds the findings the figures below assume', () => {
    const result = check(SMALL, { today: TODAY });
    expect(result.findings.map((f) => `${f.rule} ${f.severity} ${f.touchpoint ?? f.journey}`).sort()).toEqual([
      'empty-stage warning alpha',
      'missing-kpi info a-web',
      'missing-owner error a-web',
      'priority-gap info a-email',
      'unmeasured-moment-of-truth warning a-web',
    ]);
  });

  it('slides the longest policy window, and carries the grading method', () => {
    expect(cards.window).toBe(2 * 24 * 60);
    expect(cards.grading).toBe(GRADING);
    expect(cards.grading.formula).toContain('1 / (1 + errors + 0.25 × warnings)');
  });

  it('scores the company', () => {
    expect(cards.company).toEqual({
      kind: 'company',
      id: 'company',
      touchpoints: 5,
      // s1 gets a-email, a-sms and b-email twice (4), s2 b-push (1), s3 nothing: (4 + 1) / 2.
      outboundPerCustomer: { mean: 2.5, messages: 5, scenarios: 2 },
      // a-web has no owner and no KPI.
      ownerCoverage: { count: 4, of: 5, share: 0.8 },
      kpiCoverage: { count: 4, of: 5, share: 0.8 },
      // Moments of truth: a-email (measured), a-web (no KPI).
      momentsOfTruthMeasured: { count: 1, of: 2, share: 0.5 },
      // s1 within 2d: 540, 600, 1980 (3420 - 540 = 2880 is not within); s2 has one message.
      peakPressure: { messages: 3, scenario: 's1', from: 540, to: 1980 },
      findings: { error: 1, warning: 2, info: 2 },
      // (4 + 2 + 3 + 5) / 4; b-push has no emotion.
      emotion: { mean: 3.5, touchpoints: 4 },
      // s1: 0.25 + 0.5 + 1 + 2 × 0.125 = 2; s2: b-push has no cost, 0; s3 reaches nothing: 2 / 2.
      costPerCustomer: { mean: 1, total: 2, scenarios: 2 },
      // Targets: open-rate, resolution-time, csat, click-rate; click-rate unmeasured; only csat on target.
      kpiTargets: { withTarget: 4, measured: 3, onTarget: 1 },
      quadrant: [A_EMAIL, A_SMS, B_EMAIL],
      // 20 × (0.8 + 0.8 + 1/4 + 1/2 + 1 / (1 + 1 + 0.25 × 2)) = 20 × 2.75 = 55: E.
      grade: { score: 55, letter: 'E', parts: parts(0.8, 0.8, 0.25, 0.5, 0.4) },
    });
  });

  it('scores each journey', () => {
    expect(cards.journeys.map((card) => card.id)).toEqual(['alpha', 'beta']);
    const [alpha, beta] = cards.journeys;
    expect(alpha).toEqual({
      kind: 'journey',
      id: 'alpha',
      name: 'Alpha',
      touchpoints: 3,
      // Only s1 gets alpha's outbound messages: a-email, a-sms.
      outboundPerCustomer: { mean: 2, messages: 2, scenarios: 1 },
      ownerCoverage: { count: 2, of: 3, share: 2 / 3 },
      kpiCoverage: { count: 2, of: 3, share: 2 / 3 },
      momentsOfTruthMeasured: { count: 1, of: 2, share: 0.5 },
      peakPressure: { messages: 2, scenario: 's1', from: 540, to: 600 },
      // Every finding is on alpha.
      findings: { error: 1, warning: 2, info: 2 },
      emotion: { mean: 3, touchpoints: 3 },
      // s1: 0.25 + 0.5 + 1.
      costPerCustomer: { mean: 1.75, total: 1.75, scenarios: 1 },
      kpiTargets: { withTarget: 2, measured: 2, onTarget: 0 },
      quadrant: [A_EMAIL, A_SMS],
      // 20 × (2/3 + 2/3 + 0 + 0.5 + 0.4) = 44.666…: 44.7, F.
      grade: { score: 44.7, letter: 'F', parts: parts(2 / 3, 2 / 3, 0, 0.5, 0.4) },
    });
    expect(beta).toEqual({
      kind: 'journey',
      id: 'beta',
      name: 'Beta',
      touchpoints: 2,
      // s1: b-email twice; s2: b-push once: (2 + 1) / 2.
      outboundPerCustomer: { mean: 1.5, messages: 3, scenarios: 2 },
      ownerCoverage: { count: 2, of: 2, share: 1 },
      kpiCoverage: { count: 2, of: 2, share: 1 },
      // No moment of truth: no share, and 1 in the grade.
      momentsOfTruthMeasured: { count: 0, of: 0 },
      // b-email at 1980 and 3420: 1440 apart, within 2d.
      peakPressure: { messages: 2, scenario: 's1', from: 1980, to: 3420 },
      findings: { error: 0, warning: 0, info: 0 },
      emotion: { mean: 5, touchpoints: 1 },
      // s1: 2 × 0.125; s2: 0: 0.25 / 2.
      costPerCustomer: { mean: 0.125, total: 0.25, scenarios: 2 },
      // csat measured and on target; click-rate not measured; nps has no target.
      kpiTargets: { withTarget: 2, measured: 1, onTarget: 1 },
      quadrant: [B_EMAIL],
      // 20 × (1 + 1 + 0.5 + 1 + 1) = 90: A.
      grade: { score: 90, letter: 'A', parts: parts(1, 1, 0.5, 1, 1) },
    });
  });

  it('scores each channel in use, built-in order', () => {
    expect(cards.channels.map((card) => [card.id, card.name, figures(card)])).toEqual([
      [
        'email',
        'E-mail',
        {
          touchpoints: 2, // a-email, b-email
          outbound: [3, 3, 1], // s1: 540, 1980, 3420
          owners: [2, 2],
          kpis: [2, 2],
          moments: [1, 1],
          peak: [2, 's1', 540, 1980], // 540..3420 is 2880, not within 2d
          findings: [0, 0, 1], // priority-gap on a-email
          emotion: [4.5, 2],
          cost: [0.5, 0.5, 1], // 0.25 + 2 × 0.125
          targets: [2, 2, 1],
          quadrant: ['a-email:act-first', 'b-email:keep-it-up'],
          grade: [90, 'A'], // 20 × (1 + 1 + 0.5 + 1 + 1)
        },
      ],
      [
        'sms',
        'SMS',
        {
          touchpoints: 1,
          outbound: [1, 1, 1],
          owners: [1, 1],
          kpis: [1, 1],
          moments: [0, 0],
          peak: [1, 's1', 600, 600],
          findings: [0, 0, 0],
          emotion: [2, 1],
          cost: [0.5, 0.5, 1],
          targets: [1, 1, 0],
          quadrant: ['a-sms:low-priority'],
          grade: [80, 'B'], // 20 × (1 + 1 + 0 + 1 + 1)
        },
      ],
      [
        'push',
        'Push notification',
        {
          touchpoints: 1,
          outbound: [1, 1, 1],
          owners: [1, 1],
          kpis: [1, 1],
          moments: [0, 0],
          peak: [1, 's2', 720, 720],
          findings: [0, 0, 0],
          emotion: [undefined, 0],
          cost: [0, 0, 1], // s2 reaches b-push, which has no cost
          targets: [1, 0, 0],
          quadrant: [],
          grade: [80, 'B'],
        },
      ],
      [
        'web',
        'Website',
        {
          touchpoints: 1,
          outbound: [undefined, 0, 0], // web is not outbound
          owners: [0, 1],
          kpis: [0, 1],
          moments: [0, 1],
          peak: undefined,
          findings: [1, 1, 1], // missing-owner, unmeasured-moment-of-truth, missing-kpi
          emotion: [3, 1],
          cost: [1, 1, 1],
          targets: [0, 0, 0],
          quadrant: [],
          grade: [8.9, 'F'], // 20 × (0 + 0 + 0 (no target) + 0 + 1 / 2.25) = 8.888…
        },
      ],
    ]);
  });

  it('scores each team: touchpoint findings go to the touchpoint owner, else the journey owner', () => {
    expect(cards.teams.map((card) => [card.id, card.name, figures(card)])).toEqual([
      [
        'team-a',
        'Team A',
        {
          touchpoints: 2, // a-email, b-push
          outbound: [1, 2, 2], // s1: a-email; s2: b-push
          owners: [2, 2],
          kpis: [2, 2],
          moments: [1, 1],
          peak: [1, 's1', 540, 540], // the first scenario wins a tie
          findings: [1, 2, 2], // a-web has no owner: alpha's owner, team-a; empty-stage of alpha; priority-gap on a-email
          emotion: [4, 1],
          cost: [0.125, 0.25, 2], // s1: 0.25; s2: 0
          targets: [2, 1, 0],
          quadrant: ['a-email:act-first'],
          grade: [68, 'D'], // 20 × (1 + 1 + 0 + 1 + 1 / 2.5)
        },
      ],
      [
        'team-b',
        'Team B',
        {
          touchpoints: 2, // a-sms, b-email
          outbound: [3, 3, 1],
          owners: [2, 2],
          kpis: [2, 2],
          moments: [0, 0],
          peak: [3, 's1', 600, 3420], // 3420 - 600 = 2820 < 2880
          findings: [0, 0, 0],
          emotion: [3.5, 2],
          cost: [0.75, 0.75, 1], // 0.5 + 2 × 0.125
          targets: [2, 2, 1],
          quadrant: ['a-sms:low-priority', 'b-email:keep-it-up'],
          grade: [90, 'A'],
        },
      ],
      [
        'team-c',
        'Team C',
        {
          touchpoints: 0,
          outbound: [undefined, 0, 0],
          owners: [0, 0],
          kpis: [0, 0],
          moments: [0, 0],
          peak: undefined,
          findings: [0, 0, 0],
          emotion: [undefined, 0],
          cost: [undefined, 0, 0],
          targets: [0, 0, 0],
          quadrant: [],
          grade: undefined, // no touchpoint, no grade
        },
      ],
    ]);
  });

  it('lists every KPI with its series, latest value, trend and target', () => {
    const day = (year: number, month: number): number => Date.UTC(year, month - 1, 1) / 86_400_000;
    const q2 = { period: '2026-Q2', periodStart: day(2026, 4), file: 'journeys/metrics/2026-q2.csv' };
    const q3 = { period: '2026-Q3', periodStart: day(2026, 7), file: 'journeys/metrics/2026-q3.csv' };
    expect(cards.kpis.map(({ ref, ...kpi }) => ({ ...kpi, at: ref && `${ref.file}:${ref.path.join('.')}` }))).toEqual([
      {
        journey: 'alpha', touchpoint: 'a-email', metric: 'open-rate', target: 0.5, direction: 'higher',
        at: 'journeys/alpha.journey.yaml:touchpoints.0.kpis.0',
        series: [{ ...q2, value: 0.4, line: 2 }, { ...q3, value: 0.45, line: 2 }],
        previous: { ...q2, value: 0.4, line: 2 }, latest: { ...q3, value: 0.45, line: 2 },
        trend: 'improving', onTarget: false,
      },
      {
        journey: 'alpha', touchpoint: 'a-sms', metric: 'resolution-time', target: 24, direction: 'lower',
        at: 'journeys/alpha.journey.yaml:touchpoints.1.kpis.0',
        series: [{ ...q2, value: 20, line: 3 }, { ...q3, value: 30, line: 3 }],
        previous: { ...q2, value: 20, line: 3 }, latest: { ...q3, value: 30, line: 3 },
        trend: 'worsening', onTarget: false,
      },
      {
        journey: 'beta', touchpoint: 'b-email', metric: 'csat', target: 4, direction: 'higher',
        at: 'journeys/beta.journey.yaml:touchpoints.0.kpis.0',
        series: [{ ...q3, value: 4.5, line: 4 }], latest: { ...q3, value: 4.5, line: 4 }, onTarget: true,
      },
      {
        journey: 'beta', touchpoint: 'b-email', metric: 'nps', direction: 'higher',
        at: 'journeys/beta.journey.yaml:touchpoints.0.kpis.1',
        series: [{ ...q3, value: 30, line: 5 }], latest: { ...q3, value: 30, line: 5 },
      },
      {
        journey: 'beta', touchpoint: 'b-push', metric: 'click-rate', target: 0.1, direction: 'higher',
        at: 'journeys/beta.journey.yaml:touchpoints.1.kpis.0',
        series: [],
      },
      // The journey-level row, after the journey's touchpoints.
      { journey: 'beta', metric: 'nps', direction: 'higher', at: undefined, series: [{ ...q3, value: 28, line: 6 }], latest: { ...q3, value: 28, line: 6 } },
    ]);
  });

  it('is a pure function: the same input gives the same scorecards', () => {
    expect(JSON.parse(JSON.stringify(scoreOf(SMALL)))).toEqual(JSON.parse(JSON.stringify(cards)));
  });
});

describe('the grade', () => {
  /** A clean journey with `empty` empty stages: each an empty-stage warning, and nothing else to fault. */
  function repoWithWarnings(empty: number): string {
    const stages = Array.from({ length: empty }, (_, i) => `  - id: empty-${i + 1}`);
    return writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/welcome.journey.yaml': [
        'journey: welcome',
        'version: 1',
        'title: Welcome',
        'owner: team-onboarding',
        'reviewed: 2026-10-01',
        'stages:',
        '  - id: start',
        ...stages,
        'touchpoints:',
        '  - id: welcome-email',
        '    stage: start',
        '    channel: email',
        '    owner: team-crm',
        '    importance: 4',
        '    kpis:',
        '      - { metric: open-rate, target: 0.4 }',
        '',
      ].join('\n'),
      'journeys/metrics/q3.csv': 'journey,touchpoint,metric,period,value\nwelcome,welcome-email,open-rate,2026-Q3,0.42\n',
    });
  }

  it('is A at exactly 90: every share 1 and four warnings (1 / (1 + 0.25 × 4) = 0.5)', () => {
    const card = scoreOf(repoWithWarnings(4)).company;
    expect(card.findings).toEqual({ error: 0, warning: 4, info: 0 });
    expect(card.grade).toMatchObject({ score: 90, letter: 'A' });
  });

  it('is B just below: five warnings give 20 × (4 + 1 / 2.25) = 88.9', () => {
    const card = scoreOf(repoWithWarnings(5)).company;
    expect(card.findings).toEqual({ error: 0, warning: 5, info: 0 });
    expect(card.grade).toMatchObject({ score: 88.9, letter: 'B' });
  });

  it('is read from the score rounded to one decimal', () => {
    const all = (findings: number) => ({ 'owner-coverage': 1, 'kpi-coverage': 1, 'kpis-on-target': 1, 'moments-of-truth-measured': 1, findings });
    expect(gradeOf(all(0.5))).toMatchObject({ score: 90, letter: 'A' });
    expect(gradeOf(all(0.497))).toMatchObject({ score: 89.9, letter: 'B' }); // 89.94
    expect(gradeOf(all(0.4999))).toMatchObject({ score: 90, letter: 'A' }); // 89.998 rounds to 90.0
  });

  it('has the documented letter thresholds', () => {
    expect([100, 90, 89.9, 80, 79.9, 70, 69.9, 60, 59.9, 50, 49.9, 0].map(letterOf)).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D', 'E', 'E', 'F', 'F']);
  });

  it('counts no target as 0 for KPIs on target, and no moment of truth as 1', () => {
    const root = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/welcome.journey.yaml': [
        'journey: welcome',
        'version: 1',
        'title: Welcome',
        'owner: team-onboarding',
        'reviewed: 2026-10-01',
        'stages:',
        '  - id: start',
        'touchpoints:',
        '  - { id: welcome-email, stage: start, channel: email, owner: team-crm, kpis: [{ metric: open-rate }] }',
        '',
      ].join('\n'),
    });
    const { grade } = scoreOf(root).company;
    expect(grade).toEqual({ score: 80, letter: 'B', parts: parts(1, 1, 0, 1, 1) });
  });
});
