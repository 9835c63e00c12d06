/**
 * quiet-hours and unchecked-policy through the real CLI on real repositories: several quiet
 * windows (hours across midnight, hours on some days, whole quiet days and public holidays,
 * for some channels and categories), the touchpoint whose `at` is inside a window of every day
 * without any scenario, and the info that says a policy went unchecked.
 */
import { describe, expect, it } from 'vitest';
import { runJourneys } from './helpers/cli.ts';
import { OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

interface JsonFinding {
  readonly rule: string;
  readonly severity: string;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly scenario?: string;
  readonly related?: readonly { readonly file: string; readonly line: number }[];
}

/** A journey of one touchpoint, with its fields as written. */
function journey(id: string, touchpoint: string, fields: Readonly<Record<string, string>>): string {
  return [
    `journey: ${id}`,
    'version: 1',
    `title: ${id}`,
    'owner: team-crm',
    'reviewed: 2026-10-01',
    'stages:',
    '  - id: main',
    'touchpoints:',
    `  - id: ${touchpoint}`,
    '    stage: main',
    '    owner: team-crm',
    ...Object.entries(fields).map(([key, value]) => `    ${key}: ${value}`),
    '',
  ].join('\n');
}

const scenario = (id: string, start: string | undefined, ...events: string[]): string =>
  [`scenario: ${id}`, ...(start ? [`start: ${start}`] : []), 'events:', ...events.map((event) => `  - ${event}`), ''].join('\n');

/** French telemarketing hours, as docs/format.md writes them. */
const TELEMARKETING = [
  'policy:',
  '  holidays: FR',
  '  quiet-hours:',
  '    - { from: "20:00", to: "10:00", channels: [phone], categories: [marketing] }',
  '    - { from: "13:00", to: "14:00", channels: [phone], categories: [marketing] }',
  '    - { days: [saturday, sunday, holiday], channels: [phone], categories: [marketing] }',
  '',
].join('\n');
const EVENING = 'policy:\n  quiet-hours: { from: "21:00", to: "08:00" }\n';

const RULES = new Set(['quiet-hours', 'unchecked-policy']);

async function lint(files: Readonly<Record<string, string>>): Promise<JsonFinding[]> {
  const root = writeRepo({ 'journeys/owners.yaml': OWNERS, ...files });
  const result = await runJourneys(['lint', '--format', 'json', '--today', TODAY], root);
  expect(result.stderr).toBe('');
  return (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings.filter((f) => RULES.has(f.rule));
}

describe('quiet-hours without scenarios', () => {
  const lateSms = journey('order', 'order-sms', { channel: 'sms', trigger: 'order.placed', at: '"23:30"' });

  it('reports an SMS at 23:30 with quiet hours 21:00 to 08:00 and no scenario, and says the rest of the policy went unchecked', async () => {
    const findings = await lint({ 'journeys/order.journey.yaml': lateSms, 'journeys.config.yaml': EVENING });
    expect(findings.map((f) => [f.rule, f.severity, f.file, f.line, f.column])).toEqual([
      ['unchecked-policy', 'info', 'journeys.config.yaml', 1, 1],
      ['quiet-hours', 'warning', 'journeys/order.journey.yaml', 14, 9],
    ]);
    expect(findings[1]!.message).toBe(
      '"order-sms" (sms, service) is sent at 23:30, inside quiet hours (21:00 to 08:00), whatever the scenario: every time "order.placed" happens.',
    );
    expect(findings[1]!.related).toEqual([expect.objectContaining({ file: 'journeys.config.yaml', line: 2 })]);
    expect(findings[0]!.message).toBe(
      'The contact policy is not checked: quiet-hours (1 window) need a scenario, and there is none. Write scenarios in journeys/scenarios/, or set policy.implicit-scenarios: true to simulate every trigger once.',
    );
  });

  it('reports it once when a scenario sends it too, and a quiet day of that scenario still', async () => {
    const files = {
      // Repeats keep the send hour: every send is at 23:30, already reported.
      'journeys/order.journey.yaml': journey('order', 'order-sms', { channel: 'sms', trigger: 'order.placed', at: '"23:30"', repeat: '{ every: 18h, times: 2 }' }),
      'journeys/scenarios/late-order.scenario.yaml': scenario('late-order', undefined, '{ at: 0d 20h, event: order.placed }'),
      'journeys.config.yaml': EVENING,
    };
    const findings = await lint(files);
    expect(findings.map((f) => [f.rule, f.line, f.scenario])).toEqual([['quiet-hours', 14, undefined]]);
    // A quiet Sunday is another window: the scenario that sends it on a Sunday says so.
    const sunday = await lint({
      ...files,
      'journeys/scenarios/late-order.scenario.yaml': scenario('late-order', '2026-03-01', '{ at: 0d 20h, event: order.placed }'),
      'journeys.config.yaml': 'policy:\n  quiet-hours:\n    - { from: "21:00", to: "08:00" }\n    - { days: [sunday] }\n',
    });
    expect(sunday.map((f) => [f.rule, f.scenario])).toEqual([
      ['quiet-hours', undefined],
      ['quiet-hours', 'late-order'],
    ]);
    expect(sunday[1]!.message).toBe(
      'In scenario "late-order", "order-sms" (sms) is sent at Sun 1 Mar 2026 23:30, on a quiet day (Sunday), after "order.placed" at Sun 1 Mar 2026 20:00.',
    );
  });

  it('checks implicit scenarios, without saying the static finding again', async () => {
    const config = `${EVENING}  implicit-scenarios: true\n`;
    const atNight = await lint({ 'journeys/order.journey.yaml': lateSms, 'journeys.config.yaml': config });
    expect(atNight.map((f) => [f.rule, f.scenario])).toEqual([['quiet-hours', undefined]]);
    // 13 hours after the implicit event at 10:00: only a scenario shows it.
    const delayed = await lint({
      'journeys/order.journey.yaml': journey('order', 'order-sms', { channel: 'sms', trigger: 'order.placed', after: '13h' }),
      'journeys.config.yaml': config,
    });
    expect(delayed.map((f) => [f.rule, f.scenario, f.line])).toEqual([['quiet-hours', 'implicit/order.placed', 14]]);
    expect(delayed[0]!.message).toContain('is sent at day 0 23:00, inside quiet hours (21:00 to 08:00), after "order.placed" at day 0 10:00');
  });

  it('leaves out a touchpoint at 23:30 on a channel or category the window is not for, and inbound channels', async () => {
    const config = 'policy:\n  quiet-hours: { from: "21:00", to: "08:00", channels: [sms, phone], categories: [marketing] }\n  implicit-scenarios: true\n';
    const findings = await lint({
      'journeys/order.journey.yaml': journey('order', 'order-sms', { channel: 'sms', trigger: 'order.placed', at: '"23:30"' }),
      'journeys/offer.journey.yaml': journey('offer', 'offer-email', { channel: 'email', role: 'acquisition', trigger: 'order.placed', at: '"23:30"' }),
      'journeys/shop.journey.yaml': journey('shop', 'late-visit', { channel: 'web', role: 'acquisition', trigger: 'order.placed', at: '"23:30"' }),
      'journeys/winback.journey.yaml': journey('winback', 'winback-sms', { channel: 'sms', role: 'retention', trigger: 'order.placed', at: '"23:30"' }),
      'journeys.config.yaml': config,
    });
    expect(findings.map((f) => [f.rule, f.file])).toEqual([['quiet-hours', 'journeys/winback.journey.yaml']]);
    expect(findings[0]!.message).toContain('"winback-sms" (sms, marketing) is sent at 23:30, inside quiet hours (21:00 to 08:00, sms, phone, marketing)');
  });

  it('says nothing when implicit scenarios are on or a scenario exists, and nothing without a policy', async () => {
    const onTime = journey('order', 'order-sms', { channel: 'sms', trigger: 'order.placed', at: '"09:00"' });
    expect(await lint({ 'journeys/order.journey.yaml': onTime, 'journeys.config.yaml': `${EVENING}  implicit-scenarios: true\n` })).toEqual([]);
    expect(
      await lint({
        'journeys/order.journey.yaml': onTime,
        'journeys/scenarios/late-order.scenario.yaml': scenario('late-order', undefined, '{ at: 0d 20h, event: order.placed }'),
        'journeys.config.yaml': EVENING,
      }),
    ).toEqual([]);
    expect(await lint({ 'journeys/order.journey.yaml': lateSms })).toEqual([]);
    const caps = await lint({ 'journeys/order.journey.yaml': onTime, 'journeys.config.yaml': 'policy:\n  max-messages:\n    - { per: 1d, max: 2 }\n    - { per: 7d, max: 5 }\n' });
    expect(caps.map((f) => f.rule)).toEqual(['unchecked-policy']);
    expect(caps[0]!.message).toContain('max-messages (2 limits) need a scenario');
  });
});

describe('quiet-hours with several windows', () => {
  const call = (role: string, at: string): string => journey('renewal', 'renewal-call', { channel: 'phone', role, trigger: 'contract.ending', at: `"${at}"` });
  /** 2026-03-01 is a Sunday, 2026-04-06 Easter Monday. */
  const ending = (start: string | undefined, at = '0d 9h'): Record<string, string> => ({
    'journeys/scenarios/contract-ending.scenario.yaml': scenario('contract-ending', start, `{ at: ${at}, event: contract.ending }`),
    'journeys.config.yaml': TELEMARKETING,
  });

  it('reports a marketing call at 13:30 in the lunch break, whatever the scenario', async () => {
    const findings = await lint({ 'journeys/renewal.journey.yaml': call('retention', '13:30'), ...ending('2026-03-02') });
    expect(findings.map((f) => [f.rule, f.line, f.column, f.scenario])).toEqual([['quiet-hours', 15, 9, undefined]]);
    expect(findings[0]!.message).toContain('"renewal-call" (phone, marketing) is sent at 13:30, inside quiet hours (13:00 to 14:00, phone, marketing)');
    // The related place is the window in the configuration: the second one.
    expect(findings[0]!.related).toEqual([expect.objectContaining({ file: 'journeys.config.yaml', line: 5 })]);
  });

  it('reports a marketing call on a Sunday in a scenario with a start date, and not without one', async () => {
    const findings = await lint({ 'journeys/renewal.journey.yaml': call('retention', '11:00'), ...ending('2026-03-01') });
    expect(findings.map((f) => [f.rule, f.line, f.scenario])).toEqual([['quiet-hours', 15, 'contract-ending']]);
    expect(findings[0]!.message).toBe(
      'In scenario "contract-ending", "renewal-call" (phone) is sent at Sun 1 Mar 2026 11:00, on a quiet day (Sunday, phone, marketing), after "contract.ending" at Sun 1 Mar 2026 09:00.',
    );
    expect(findings[0]!.related).toEqual([
      expect.objectContaining({ file: 'journeys/scenarios/contract-ending.scenario.yaml', line: 4 }),
      expect.objectContaining({ file: 'journeys.config.yaml', line: 6 }),
    ]);
    // On Monday, and in a scenario with no calendar, the call is fine.
    expect(await lint({ 'journeys/renewal.journey.yaml': call('retention', '11:00'), ...ending('2026-03-02') })).toEqual([]);
    expect(await lint({ 'journeys/renewal.journey.yaml': call('retention', '11:00'), ...ending(undefined) })).toEqual([]);
  });

  it('reports a marketing call on Easter Monday as a public holiday', async () => {
    const findings = await lint({ 'journeys/renewal.journey.yaml': call('acquisition', '11:00'), ...ending('2026-04-06') });
    expect(findings.map((f) => f.message)).toEqual([
      'In scenario "contract-ending", "renewal-call" (phone) is sent at Mon 6 Apr 2026 11:00, on a public holiday (phone, marketing), after "contract.ending" at Mon 6 Apr 2026 09:00.',
    ]);
  });

  it('says nothing of a service call at 13:30 on a Sunday', async () => {
    expect(await lint({ 'journeys/renewal.journey.yaml': call('support', '13:30'), ...ending('2026-03-01') })).toEqual([]);
  });

  it('checks hours on some days only on those days, the day of the send deciding', async () => {
    const config = 'policy:\n  quiet-hours:\n    - { from: "12:00", to: "00:00", days: [saturday], channels: [sms] }\n    - { from: "22:00", to: "07:00", channels: [sms] }\n';
    const sms = journey('order', 'order-sms', { channel: 'sms', trigger: 'order.placed', after: '6h' });
    // 2026-03-06 is a Friday: 09:00 + 6h is Friday 15:00 (fine), then Saturday 15:00 (quiet).
    const friday = await lint({
      'journeys/order.journey.yaml': sms,
      'journeys/scenarios/weekend.scenario.yaml': scenario('weekend', '2026-03-06', '{ at: 0d 9h, event: order.placed }', '{ at: 1d 9h, event: order.placed }'),
      'journeys.config.yaml': config,
    });
    expect(friday.map((f) => f.message)).toEqual([
      'In scenario "weekend", "order-sms" (sms) is sent at Sat 7 Mar 2026 15:00, inside quiet hours (12:00 to 00:00 on Saturdays, sms), after "order.placed" at Sat 7 Mar 2026 09:00.',
    ]);
    expect(friday[0]!.line).toBe(14);
  });
});
