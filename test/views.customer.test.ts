/**
 * What one customer lives and the channel dashboard, from a real repository: the
 * persona's written scenario over 90 days by channel, else the implicit scenarios, else
 * what to write; each channel's sends, measured satisfaction, conversion, volume and cost.
 */
import { describe, expect, it } from 'vitest';
import { buildModel, channelDashboard, check, customerViews, dashboardKind, simulate } from '../src/index.ts';
import { OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

const JOURNEY = [
  'journey: welcome',
  'title: Welcome',
  'owner: team-onboarding',
  'personas: [saver, student]',
  'stages: [{ id: start }]',
  'touchpoints:',
  '  - id: welcome-email',
  '    stage: start',
  '    channel: email',
  '    owner: team-crm',
  '    trigger: account.opened',
  '    cost: 0.02',
  '    repeat: { every: 30d, times: 3 }',
  '    kpis: [{ metric: csat }, { metric: conversion-rate }]',
  '  - id: welcome-sms',
  '    stage: start',
  '    channel: sms',
  '    owner: team-crm',
  '    trigger: account.opened',
  '    after: 1d',
  '    at: "10:00"',
  '    cost: 0.08',
  '    kpis: [{ metric: sms-volume }, { metric: conversion-rate }]',
  '  - id: card-sms',
  '    stage: start',
  '    channel: sms',
  '    owner: team-crm',
  '    trigger: card.shipped',
  '    kpis: [{ metric: conversion-rate }]',
  '',
].join('\n');
const PERSONAS = 'personas:\n  - id: saver\n    name: Careful saver\n  - id: student\n    name: Student\n';
const SCENARIO = 'scenario: saver-opens\ntitle: A saver opens an account\npersona: saver\nstart: 2026-03-02T00:00\nevents:\n  - { at: 0d 9h, event: account.opened }\n  - { at: 5d 9h, event: card.shipped }\n';
const METRICS = [
  'journey,touchpoint,metric,period,value',
  'welcome,welcome-email,csat,2026-Q2,4.0',
  'welcome,welcome-email,csat,2026-Q3,4.4',
  'welcome,welcome-email,conversion-rate,2026-Q3,0.2',
  'welcome,welcome-sms,conversion-rate,2026-Q2,0.5',
  'welcome,welcome-sms,conversion-rate,2026-Q3,0.3',
  'welcome,card-sms,conversion-rate,2026-Q3,0.1',
  'welcome,welcome-sms,sms-volume,2026-Q2,1000',
  'welcome,welcome-sms,sms-volume,2026-Q3,1200',
  '',
].join('\n');

function setUp(config = 'timezone: UTC\n', scenario: string | undefined = SCENARIO) {
  const root = writeRepo({
    'journeys/owners.yaml': OWNERS,
    'journeys/personas.yaml': PERSONAS,
    'journeys/welcome.journey.yaml': JOURNEY,
    'journeys/metrics/m.csv': METRICS,
    'journeys.config.yaml': config,
    ...(scenario ? { 'journeys/scenarios/saver.scenario.yaml': scenario } : {}),
  });
  const result = check(root, { today: TODAY });
  const timelines = simulate(result.repo);
  const model = buildModel({ result, timelines, markdown: (text) => text, tool: 'test' });
  return { repo: result.repo, timelines, model };
}

describe('customerViews', () => {
  it("lays out a persona's written scenario over 90 days by channel, the later sends counted apart", () => {
    const { repo, timelines, model } = setUp();
    const [saver, student] = customerViews({ repo, timelines, journeys: model.journeys, channels: model.channels, scenarios: model.scenarios });
    expect(saver).toMatchObject({ slug: 'saver', title: 'Careful saver', source: 'scenario', scenario: { id: 'saver-opens', title: 'A saver opens an account', slug: 'saver-opens' }, start: '2026-03-02T00:00' });
    // The welcome email on days 0, 30, 60 and 90 (the last one past the view), the SMS on day 1 and day 5.
    const counts = Object.fromEntries(saver!.channels.map((row) => [row.channel.id, row.counts.flatMap((count, day) => (count > 0 ? [`${day}:${count}`] : []))]));
    expect(counts).toEqual({ email: ['0:1', '30:1', '60:1'], sms: ['1:1', '5:1'] });
    expect(saver!.channels.map((row) => row.counts.length)).toEqual([90, 90]);
    expect(saver!.channels[0]!.style.light).toBe('#1f5fbf');
    expect(saver).toMatchObject({ sends: 5, later: 1, activeDays: 5, max: 1 });
    expect(saver!.days[1]).toEqual({
      day: 1,
      label: 'Tue 3 Mar 2026 (day 1)',
      sends: [{ clock: '10:00', channel: 'sms', outbound: true, journeySlug: 'welcome', journeyTitle: 'Welcome', touchpoint: 'welcome-sms', touchpointName: 'Welcome sms', anchor: 'tp-welcome-sms' }],
    });
    expect(student).toMatchObject({ slug: 'student', source: 'none', sends: 0, channels: [] });
    expect(student!.advice).toContain('journeys/scenarios/student-first-90-days.scenario.yaml with "persona: student"');
    expect(student!.advice).toContain('policy.implicit-scenarios: true');
  });

  it('falls back on the implicit scenarios of a persona with no written one: every trigger on day 0', () => {
    const { repo, timelines, model } = setUp('policy:\n  implicit-scenarios: true\n');
    const student = customerViews({ repo, timelines, journeys: model.journeys, channels: model.channels, scenarios: model.scenarios })[1]!;
    expect(student).toMatchObject({ source: 'implicit', implicitScenarios: 2, otherScenarios: 0 });
    expect(student.days[0]!.label).toBe('day 0');
    expect(Object.fromEntries(student.channels.map((row) => [row.channel.id, row.total]))).toEqual({ email: 3, sms: 2 });
  });
});

describe('channelDashboard', () => {
  it("puts each channel's sends, satisfaction, cost and conversion side by side, with trends", () => {
    const { timelines, model } = setUp();
    const dashboard = channelDashboard({ journeys: model.journeys, channels: model.channels, timelines });
    expect(dashboard.rows.map((row) => row.channel.id)).toEqual(['email', 'sms']);
    const [email, sms] = dashboard.rows;
    expect(email!.volume).toEqual({ sends: 4, scenarios: 1 });
    expect(email!.satisfaction).toMatchObject({ metric: 'csat', aggregate: 'mean', touchpoints: 1, latest: { period: '2026-Q3', text: '4.4' }, trend: 'improving' });
    expect(email!.satisfaction!.chart!.axis.fromZero).toBe(true);
    expect(email!.cost).toEqual({ touchpoints: 1, mean: 0.02, meanText: '0.02', scenarios: 0.08, scenariosText: '0.08' });
    expect(email!.conversion).toMatchObject({ latest: { text: '0.2' }, periods: [{ period: '2026-Q3', value: 0.2 }] });
    // Conversion over the two SMS touchpoints: the mean of each period.
    expect(sms!.conversion!.periods.map((period) => [period.period, period.text])).toEqual([
      ['2026-Q2', '0.5'],
      ['2026-Q3', '0.2'],
    ]);
    expect(sms!.conversion).toMatchObject({ touchpoints: 2, trend: 'worsening' });
    expect(sms!.volume).toMatchObject({ sends: 2, scenarios: 1, measured: { metric: 'sms-volume', aggregate: 'sum', latest: { text: '1200' }, trend: 'improving' } });
    expect(sms!.satisfaction).toBeUndefined();
    expect(sms!.cost).toMatchObject({ touchpoints: 1, meanText: '0.08', scenariosText: '0.08' });
    expect(dashboard).toMatchObject({ scenarios: 1, measured: true });
  });

  it('reads what a metric measures from its words', () => {
    expect(['csat', 'nps', 'branch-satisfaction', 'conversion-rate', 'call-volume', 'calls', 'open-rate', 'npsx'].map(dashboardKind)).toEqual([
      'satisfaction',
      'satisfaction',
      'satisfaction',
      'conversion',
      'volume',
      'volume',
      undefined,
      undefined,
    ]);
  });
});
