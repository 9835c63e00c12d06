/**
 * The importance/performance matrix: a touchpoint lands in the quadrant the method
 * names for its importance and its performance against the target.
 */
import { describe, expect, it } from 'vitest';
import { check, performanceOf, placeTouchpoint, QUADRANTS, quadrantOf, scorecards, simulate, type KpiStatus, type Touchpoint } from '../src/index.ts';
import { OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

function touchpoint(importance: number | undefined): Touchpoint {
  return { id: 'claim-call', journey: 'claims', category: 'service', after: 0, delay: { months: 0, days: 0, businessDays: 0, minutes: 0 }, tools: [], momentOfTruth: false, kpis: [], ref: { file: 'x', path: [] }, ...(importance === undefined ? {} : { importance }) };
}

function kpi(metric: string, target: number | undefined, value: number | undefined, direction: 'higher' | 'lower' = 'higher'): KpiStatus {
  const latest = value === undefined ? undefined : { period: '2026-Q3', periodStart: 0, value, file: 'journeys/metrics/q3.csv', line: 2 };
  return { journey: 'claims', touchpoint: 'claim-call', metric, direction, series: latest ? [latest] : [], ...(target === undefined ? {} : { target }), ...(latest ? { latest } : {}) };
}

describe('the quadrants of the method', () => {
  it('are named and numbered as in a Mermaid quadrantChart (1 top right, 2 top left, 3 bottom left, 4 bottom right)', () => {
    expect(QUADRANTS.map((q) => [q.mermaid, q.name, q.importance, q.performance])).toEqual([
      [1, 'Keep it up', 'high', 'high'],
      [2, 'Act first', 'high', 'low'],
      [3, 'Low priority', 'low', 'low'],
      [4, 'Possible overkill', 'low', 'high'],
    ]);
  });

  it.each([
    [5, false, 'act-first'],
    [4, false, 'act-first'],
    [4, true, 'keep-it-up'],
    [3, false, 'low-priority'],
    [1, true, 'possible-overkill'],
  ] as const)('importance %i, on target %s: %s', (importance, onTarget, quadrant) => {
    expect(quadrantOf(importance, onTarget)).toBe(quadrant);
  });
});

describe('performance', () => {
  it('is value / target when higher is better, target / value when lower is better, capped at 2', () => {
    expect(performanceOf(0.3, 0.6, 'higher')).toBe(0.5);
    expect(performanceOf(0.9, 0.6, 'higher')).toBeCloseTo(1.5, 12);
    expect(performanceOf(3, 1, 'higher')).toBe(2);
    expect(performanceOf(48, 24, 'lower')).toBe(0.5);
    expect(performanceOf(12, 24, 'lower')).toBe(2);
    expect(performanceOf(6, 24, 'lower')).toBe(2);
  });

  it('is 1 or more exactly when the target is met, even with zero or negative figures', () => {
    expect(performanceOf(0.5, 0.5, 'higher')).toBe(1);
    expect(performanceOf(0, 0, 'lower')).toBe(2); // met, nothing to divide by
    expect(performanceOf(1, 0, 'lower')).toBe(0); // missed: 0 / 1
    expect(performanceOf(-20, 10, 'higher')).toBe(0); // an NPS of -20 for a target of 10
    expect(performanceOf(5, -10, 'higher')).toBe(2);
    expect(performanceOf(-15, -10, 'higher')).toBe(0);
  });
});

describe('placing a touchpoint', () => {
  it('puts an important touchpoint short of its target in "Act first" (top left)', () => {
    const point = placeTouchpoint(touchpoint(5), [kpi('csat', 0.85, 0.68)]);
    // 0.68 / 0.85 = 0.8: x = 0.4 (left of 0.5); importance 5: y = 1 (top).
    expect(point).toMatchObject({ quadrant: 'act-first', metric: 'csat', value: 0.68, target: 0.85, importance: 5, y: 1 });
    expect(point!.performance).toBeCloseTo(0.8, 12);
    expect(point!.x).toBeCloseTo(0.4, 12);
  });

  it('puts an important touchpoint on target in "Keep it up" (top right)', () => {
    expect(placeTouchpoint(touchpoint(4), [kpi('csat', 0.8, 0.8)])).toMatchObject({ quadrant: 'keep-it-up', performance: 1, x: 0.5, y: 0.75 });
  });

  it('puts a minor touchpoint short of its target in "Low priority" (bottom left)', () => {
    expect(placeTouchpoint(touchpoint(2), [kpi('resolution-time', 24, 48, 'lower')])).toMatchObject({ quadrant: 'low-priority', performance: 0.5, x: 0.25, y: 0.25 });
  });

  it('puts a minor touchpoint well beyond its target in "Possible overkill" (bottom right)', () => {
    expect(placeTouchpoint(touchpoint(1), [kpi('open-rate', 0.2, 0.5)])).toMatchObject({ quadrant: 'possible-overkill', performance: 2, x: 1, y: 0 });
  });

  it('counts importance 3 as low: it sits on the middle line, below "high" (4 and 5, as for priority-gap)', () => {
    expect(placeTouchpoint(touchpoint(3), [kpi('csat', 0.85, 0.5)])).toMatchObject({ quadrant: 'low-priority', y: 0.5 });
  });

  it('is placed by its worst KPI: one KPI short of its target is enough to act first', () => {
    const point = placeTouchpoint(touchpoint(5), [kpi('open-rate', 0.4, 0.6), kpi('resolution-time', 24, 30, 'lower'), kpi('nps', undefined, 10)]);
    expect(point).toMatchObject({ metric: 'resolution-time', quadrant: 'act-first', performance: 0.8, direction: 'lower' });
  });

  it('is not placed without importance, or without a measured KPI that has a target', () => {
    expect(placeTouchpoint(touchpoint(undefined), [kpi('csat', 0.85, 0.9)])).toBeUndefined();
    expect(placeTouchpoint(touchpoint(5), [kpi('csat', 0.85, undefined), kpi('nps', undefined, 40)])).toBeUndefined();
    expect(placeTouchpoint(touchpoint(5), [])).toBeUndefined();
  });
});

describe('the quadrant of a journey', () => {
  it('places each measured touchpoint of the journey, and the company\'s holds every journey\'s', () => {
    const journey = (id: string, rows: string): string =>
      [
        `journey: ${id}`,
        'version: 1',
        `title: ${id}`,
        'owner: team-crm',
        'reviewed: 2026-10-01',
        'stages:',
        '  - id: start',
        'touchpoints:',
        rows,
        '',
      ].join('\n');
    const root = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/claims.journey.yaml': journey(
        'claims',
        [
          '  - { id: claim-call, stage: start, channel: phone, owner: team-crm, importance: 5, kpis: [{ metric: csat, target: 0.85 }] }',
          '  - { id: claim-letter, stage: start, channel: mail, owner: team-crm, importance: 1, kpis: [{ metric: open-rate, target: 0.2 }] }',
          '  - { id: claim-page, stage: start, channel: web, owner: team-crm, importance: 4, kpis: [{ metric: csat, target: 0.8 }] }',
        ].join('\n'),
      ),
      'journeys/renewal.journey.yaml': journey('renewal', '  - { id: renewal-email, stage: start, channel: email, owner: team-crm, importance: 2, kpis: [{ metric: open-rate, target: 0.5 }] }'),
      'journeys/metrics/q3.csv': [
        'journey,touchpoint,metric,period,value',
        'claims,claim-call,csat,2026-Q3,0.68',
        'claims,claim-letter,open-rate,2026-Q3,0.5',
        'renewal,renewal-email,open-rate,2026-Q3,0.45',
        '',
      ].join('\n'),
    });
    const result = check(root, { today: TODAY });
    const cards = scorecards(result.repo, result.findings, simulate(result.repo));
    const where = (points: readonly { touchpoint: string; quadrant: string }[]) => points.map((p) => [p.touchpoint, p.quadrant]);
    expect(where(cards.journeys[0]!.quadrant)).toEqual([
      ['claim-call', 'act-first'],
      ['claim-letter', 'possible-overkill'],
      // claim-page has no measured value: not placed.
    ]);
    expect(where(cards.journeys[1]!.quadrant)).toEqual([['renewal-email', 'low-priority']]);
    expect(where(cards.company.quadrant)).toEqual([...where(cards.journeys[0]!.quadrant), ...where(cards.journeys[1]!.quadrant)]);
    // The rule agrees with the matrix: only the "act first" touchpoint is a priority gap.
    expect(result.findings.filter((f) => f.rule === 'priority-gap').map((f) => f.touchpoint)).toEqual(['claim-call']);
  });
});
