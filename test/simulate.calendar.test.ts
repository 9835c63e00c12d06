/**
 * The customer's calendar in the simulation (docs/format.md, "Delays: months and business
 * days", "timezone and holidays", "Audiences"): the calendar functions on their edges, and
 * the stories people tell about them, through the real CLI on repositories on disk.
 */
import { describe, expect, it } from 'vitest';
import { addMonths, addWeekdays, civilFromDays, daysFromCivil, daysInMonth, formatCivil, isLeapYear, weekdayIndex } from '../src/simulate/civil.ts';
import { customerCalendar, customerSettings, NO_CALENDAR } from '../src/simulate/calendar.ts';
import { isHolidayCalendar, publicHolidays } from '../src/simulate/holidays.ts';
import { implicitScenarios } from '../src/simulate/implicit.ts';
import { isTimeZone, utcOf } from '../src/simulate/zone.ts';
import { NO_DELAY, type Delay } from '../src/model/duration.ts';
import type { Repository } from '../src/model/types.ts';
import { check, simulate } from '../src/index.ts';
import { runJourneys } from './helpers/cli.ts';
import { OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

const DAY = 24 * 60;
const delay = (parts: Partial<Delay>): Delay => ({ ...NO_DELAY, ...parts });
const date = (text: string): number => {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return daysFromCivil(year, month, day);
};
const dayText = (days: number): string => formatCivil(civilFromDays(days));

describe('civil dates', () => {
  it('counts days from 1970-01-01 both ways, across leap days and centuries', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2000, 3, 1) - daysFromCivil(2000, 2, 28)).toBe(2);
    expect(daysFromCivil(2100, 3, 1) - daysFromCivil(2100, 2, 28)).toBe(1);
    expect(daysFromCivil(1900, 3, 1) - daysFromCivil(1900, 2, 28)).toBe(1);
    for (const text of ['1969-12-31', '2024-02-29', '2026-03-29', '2400-02-29', '0001-01-01', '9999-12-31']) expect(dayText(date(text))).toBe(text);
    expect([2024, 2000, 2400].every(isLeapYear)).toBe(true);
    expect([2026, 2100, 1900].some(isLeapYear)).toBe(false);
    expect(weekdayIndex(date('2026-03-29'))).toBe(6);
    expect(weekdayIndex(date('1970-01-01'))).toBe(3);
  });

  it('adds months on the same day, or the last day of a shorter month', () => {
    expect(dayText(addMonths(date('2026-01-31'), 1))).toBe('2026-02-28');
    expect(dayText(addMonths(date('2028-01-31'), 1))).toBe('2028-02-29');
    expect(dayText(addMonths(date('2100-01-31'), 1))).toBe('2100-02-28');
    expect(dayText(addMonths(date('2026-03-31'), 1))).toBe('2026-04-30');
    expect(dayText(addMonths(date('2026-10-31'), 4))).toBe('2027-02-28');
    expect(dayText(addMonths(date('2026-12-15'), 2))).toBe('2027-02-15');
    expect(dayText(addMonths(date('2024-02-29'), 12))).toBe('2025-02-28');
    expect(dayText(addMonths(date('2024-02-29'), 48))).toBe('2028-02-29');
    expect(daysInMonth(2026, 2)).toBe(28);
  });

  it('adds weekdays, from a weekend as from the Friday before', () => {
    expect(dayText(addWeekdays(date('2026-03-27'), 1))).toBe('2026-03-30'); // Friday + 1: Monday
    expect(dayText(addWeekdays(date('2026-03-28'), 1))).toBe('2026-03-30'); // Saturday + 1: Monday
    expect(dayText(addWeekdays(date('2026-03-23'), 5))).toBe('2026-03-30');
    expect(dayText(addWeekdays(date('2026-03-23'), 0))).toBe('2026-03-23');
  });
});

describe('time zones', () => {
  const paris = (text: string, hours: number, minutes = 0): number => date(text) * DAY + hours * 60 + minutes;

  it('moves a time of the spring-forward gap forward, and takes the earlier of the fall-back overlap', () => {
    // Paris, 29 March 2026: 02:00 becomes 03:00 (01:00 UTC).
    expect(utcOf('Europe/Paris', paris('2026-03-29', 2, 30))).toBe(paris('2026-03-29', 1, 30));
    expect(utcOf('Europe/Paris', paris('2026-03-29', 1, 59))).toBe(paris('2026-03-29', 0, 59));
    expect(utcOf('Europe/Paris', paris('2026-03-29', 3, 0))).toBe(paris('2026-03-29', 1, 0));
    // 25 October 2026: 03:00 becomes 02:00 again; 02:30 happens at 00:30 and 01:30 UTC.
    expect(utcOf('Europe/Paris', paris('2026-10-25', 2, 30))).toBe(paris('2026-10-25', 0, 30));
    expect(utcOf('Europe/Paris', paris('2026-10-25', 3, 0))).toBe(paris('2026-10-25', 2, 0));
    // New York springs forward at 02:00 local (07:00 UTC) on 8 March 2026.
    expect(utcOf('America/New_York', paris('2026-03-08', 2, 15))).toBe(paris('2026-03-08', 7, 15));
    // Sydney falls back at 03:00 local on 5 April 2026 (16:00 UTC the day before): 02:30 twice, the first at 15:30 UTC.
    expect(utcOf('Australia/Sydney', paris('2026-04-05', 2, 30))).toBe(paris('2026-04-04', 15, 30));
    expect(utcOf('UTC', paris('2026-03-29', 2, 30))).toBe(paris('2026-03-29', 2, 30));
  });

  it('knows IANA names and holiday calendars, and no others', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Europe/Pariss')).toBe(false);
    expect(['FR', 'DE-BY', 'us-ca', 'GB-SCT'].every(isHolidayCalendar)).toBe(true);
    expect(['XX', 'FR-ZZ', 'France', '', 'DE-BY-NOPE'].some(isHolidayCalendar)).toBe(false);
    expect(publicHolidays('FR', 2026).map(dayText)).toContain('2026-07-14');
    expect(publicHolidays('FR', 1200)).toEqual([]);
  });
});

describe('a customer calendar', () => {
  it('keeps the time of day across a change for days, and counts hours as elapsed time', () => {
    // Day 0 is Saturday 28 March 2026; the clocks go forward on day 1.
    const calendar = customerCalendar('2026-03-28', { timeZone: 'Europe/Paris' })!;
    const tenAm = 10 * 60;
    expect(calendar.after(tenAm, delay({ days: 1 }))).toBe(DAY + tenAm);
    expect(calendar.instant(DAY + tenAm)).toBe(DAY + tenAm - 60);
    expect(calendar.after(tenAm, delay({ minutes: DAY }))).toBe(DAY + tenAm + 60);
    // 02:30 on day 1 does not exist: it is 03:30.
    expect(calendar.time(calendar.instant(DAY + 150))).toBe(DAY + 210);
    expect(calendar.date(DAY)).toBe('2026-03-29');
    expect(calendar.weekday(DAY)).toBe('sunday');
    expect(calendar.timeZone).toBe('Europe/Paris');
  });

  it('counts business days past weekends and public holidays, from the next business day', () => {
    // Thursday 30 April 2026: 1 May, 8 May and Ascension (14 May) are French holidays.
    const french = customerCalendar('2026-04-30', { holidays: 'FR' })!;
    expect(french.date(french.after(15 * 60, delay({ businessDays: 10 })))).toBe('2026-05-19');
    expect(french.after(15 * 60, delay({ businessDays: 10 })) % DAY).toBe(15 * 60);
    expect(french.isHoliday(DAY)).toBe(true);
    expect(french.isBusinessDay(DAY)).toBe(false);
    const anywhere = customerCalendar('2026-04-30', {})!;
    expect(anywhere.date(anywhere.after(0, delay({ businessDays: 10 })))).toBe('2026-05-14');
    expect(anywhere.isHoliday(DAY)).toBe(false);
    // A complaint on Saturday 2 May is answered within ten business days from Monday 4 May.
    const saturday = customerCalendar('2026-05-02', {})!;
    expect(saturday.date(saturday.after(0, delay({ businessDays: 1 })))).toBe('2026-05-05');
    // Months, then days, then business days: 31 January + 1 month is 28 February, + 1 day is Sunday 1 March, + 1 business day is Tuesday 3 March.
    const january = customerCalendar('2026-01-31', {})!;
    expect(january.date(january.after(0, delay({ months: 1, days: 1, businessDays: 1 })))).toBe('2026-03-03');
  });

  it('counts a million business days in bounded time', () => {
    const french = customerCalendar('2026-01-01', { holidays: 'FR' })!;
    const started = performance.now();
    const far = french.after(0, delay({ businessDays: 1_000_000 }));
    expect(Number.isSafeInteger(far)).toBe(true);
    expect(french.isBusinessDay(far)).toBe(true);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('has no calendar without a start date: a month is 30 days and a business day a day', () => {
    expect(customerCalendar(undefined, { timeZone: 'Europe/Paris' })).toBeUndefined();
    expect(NO_CALENDAR.after(600, delay({ months: 2, businessDays: 10, minutes: 5 }))).toBe(600 + 70 * DAY + 5);
  });

  it('takes the scenario zone over the persona zone over the policy zone, and passes over unknown names', () => {
    const policy = { timeZone: 'Europe/Paris', holidays: 'FR' };
    expect(customerSettings({ timeZone: 'Asia/Tokyo' }, { timeZone: 'America/Montreal', holidays: 'CA-QC' }, policy)).toEqual({ timeZone: 'Asia/Tokyo', holidays: 'CA-QC' });
    expect(customerSettings({}, { timeZone: 'America/Montreal' }, policy)).toEqual({ timeZone: 'America/Montreal', holidays: 'FR' });
    expect(customerSettings({ timeZone: 'Mars/Olympus' }, { holidays: 'XX' }, policy)).toEqual(policy);
    expect(customerSettings({}, undefined, {})).toEqual({});
  });
});

describe('implicit scenarios', () => {
  const model = (personas: number, triggers: number): Repository =>
    ({
      journeys: [{ id: 'j', personas: [], touchpoints: Array.from({ length: triggers }, (_, t) => ({ id: `t${t}`, trigger: `event.${t % Math.max(1, triggers)}` })) }],
      personas: Array.from({ length: personas }, (_, p) => ({ id: `p${p}` })),
      config: { file: 'journeys.config.yaml', policy: {} },
    }) as unknown as Repository;

  it('makes one scenario per trigger and persona, at most as many as the limit', () => {
    const { scenarios, wanted } = implicitScenarios(model(3, 4), 5);
    expect(wanted).toBe(12);
    expect(scenarios.map((s) => s.id)).toEqual(['implicit/event.0/p0', 'implicit/event.0/p1', 'implicit/event.0/p2', 'implicit/event.1/p0', 'implicit/event.1/p1']);
    expect(scenarios[0]).toMatchObject({ persona: 'p0', implicit: true, file: 'journeys.config.yaml', ref: { path: ['policy', 'implicit-scenarios'] }, events: [{ at: 600, event: 'event.0' }] });
    expect(scenarios[0]!.start).toBeUndefined();
    expect(implicitScenarios(model(0, 2)).scenarios.map((s) => s.id)).toEqual(['implicit/event.0', 'implicit/event.1']);
  });
});

// ---------------------------------------------------------------- stories, through the CLI

const CONFIG = (policy: string): string => `policy:\n${policy}`;

function journey(id: string, touchpoints: string, personas = ''): string {
  return [
    `journey: ${id}`,
    'version: 1',
    `title: ${id}`,
    'owner: team-crm',
    'reviewed: 2026-10-01',
    ...(personas ? [`personas: [${personas}]`] : []),
    'stages:',
    '  - id: start',
    'touchpoints:',
    touchpoints,
    '',
  ].join('\n');
}

const touchpoint = (id: string, fields: Record<string, string>): string =>
  [`  - id: ${id}`, '    stage: start', '    owner: team-crm', ...Object.entries(fields).map(([key, value]) => `    ${key}: ${value}`)].join('\n');

const scenario = (id: string, head: Record<string, string>, events: readonly string[]): string =>
  [`scenario: ${id}`, ...Object.entries(head).map(([key, value]) => `${key}: ${value}`), 'events:', ...events.map((event) => `  - ${event}`), ''].join('\n');

interface JsonSend {
  time: number;
  instant: number;
  date?: string;
  clock: string;
  journey: string;
  touchpoint: string;
  category: string;
  repeat: number;
}
interface JsonScenario {
  scenario: string;
  persona?: string;
  timezone?: string;
  holidays?: string;
  implicit?: boolean;
  note?: string;
  sends: JsonSend[];
  findings: { rule: string; message: string }[];
}

async function simulateJson(dir: string, ...args: string[]): Promise<JsonScenario[]> {
  const result = await runJourneys(['simulate', ...args, '--format', 'json', '--today', TODAY], dir);
  expect(result.stderr).toBe('');
  return (JSON.parse(result.stdout) as { scenarios: JsonScenario[] }).scenarios;
}

describe('journeys simulate on the customer calendar', () => {
  it('sends a fee-change notice two months ahead on the last day of a shorter month', async () => {
    const dir = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/fees.journey.yaml': journey('fees', touchpoint('fee-notice', { channel: 'email', trigger: 'fee.change.decided', after: '2mo', at: '"09:00"', role: 'information', category: 'regulatory' })),
      'journeys/scenarios/new-fees.scenario.yaml': scenario('new-fees', { start: '2026-12-31' }, ['{ at: 0d 8h, event: fee.change.decided }']),
      'journeys.config.yaml': CONFIG('  timezone: Europe/Paris\n'),
    });
    const [timeline] = await simulateJson(dir);
    expect(timeline!.sends).toMatchObject([{ touchpoint: 'fee-notice', date: '2027-02-28', clock: '09:00', category: 'regulatory' }]);
    expect(timeline!.timezone).toBe('Europe/Paris');
    const text = await runJourneys(['simulate', '--today', TODAY], dir);
    expect(text.stdout).toContain('Sun 28 Feb 2027 (day 59)');
    expect(text.stdout).toContain('Europe/Paris time');
  });

  it('answers a complaint ten business days later, past a French public holiday and a weekend', async () => {
    const files = (holidays: string) => ({
      'journeys/owners.yaml': OWNERS,
      'journeys/complaints.journey.yaml': journey('complaints', touchpoint('complaint-answer', { channel: 'email', trigger: 'complaint.received', after: '10bd' })),
      // Thursday 9 July 2026: 14 July (a Tuesday) is the French national day.
      'journeys/scenarios/complaint.scenario.yaml': scenario('complaint', { start: '2026-07-09' }, ['{ at: 0d 11h, event: complaint.received }']),
      'journeys.config.yaml': CONFIG(holidays),
    });
    const [french] = await simulateJson(writeRepo(files('  holidays: FR\n')));
    expect(french!.sends).toMatchObject([{ date: '2026-07-24', clock: '11:00' }]);
    expect(french!.holidays).toBe('FR');
    const [british] = await simulateJson(writeRepo(files('  holidays: GB\n')));
    expect(british!.sends).toMatchObject([{ date: '2026-07-23', clock: '11:00' }]);
  });

  it('keeps a daily SMS at 09:00 across the last Sundays of March and October in Paris', async () => {
    const dir = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/reminders.journey.yaml': journey('reminders', touchpoint('daily-sms', { channel: 'sms', trigger: 'loan.signed', at: '"09:00"', repeat: '{ every: 1d, times: 4 }' })),
      'journeys/scenarios/spring.scenario.yaml': scenario('spring', { start: '2026-03-27', timezone: 'Europe/Paris' }, ['{ at: 0d 8h, event: loan.signed }']),
      'journeys/scenarios/autumn.scenario.yaml': scenario('autumn', { start: '2026-10-23', timezone: 'Europe/Paris' }, ['{ at: 0d 8h, event: loan.signed }']),
    });
    const timelines = await simulateJson(dir);
    const [spring, autumn] = ['spring', 'autumn'].map((id) => timelines.find((timeline) => timeline.scenario === id));
    expect(spring!.sends.map((send) => `${send.date} ${send.clock}`)).toEqual(['2026-03-27 09:00', '2026-03-28 09:00', '2026-03-29 09:00', '2026-03-30 09:00', '2026-03-31 09:00']);
    // The night of the change is an hour shorter in March and an hour longer in October.
    expect(spring!.sends.map((send) => send.instant - send.time)).toEqual([0, 0, -60, -60, -60]);
    expect(autumn!.sends.map((send) => `${send.date} ${send.clock}`)).toEqual(['2026-10-23 09:00', '2026-10-24 09:00', '2026-10-25 09:00', '2026-10-26 09:00', '2026-10-27 09:00']);
    expect(autumn!.sends.map((send) => send.instant - send.time)).toEqual([0, 0, 60, 60, 60]);
  });

  it('sends a private-banking customer the private fee notice and not the retail one', async () => {
    const notice = (id: string) => touchpoint(id, { channel: 'email', trigger: 'fee.change.decided', after: '2mo', category: 'regulatory' });
    const dir = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/personas.yaml': 'personas:\n  - id: retail\n    name: Retail\n  - id: private\n    name: Private banking\n',
      'journeys/retail-fees.journey.yaml': journey('retail-fees', notice('retail-fee-notice'), 'retail'),
      'journeys/private-fees.journey.yaml': journey('private-fees', notice('private-fee-notice'), 'private'),
      'journeys/everyone.journey.yaml': journey('everyone', touchpoint('fee-faq', { channel: 'web', trigger: 'fee.change.decided' })),
      'journeys/scenarios/private.scenario.yaml': scenario('private', { persona: 'private' }, ['{ at: 0d 10h, event: fee.change.decided }']),
      'journeys/scenarios/anyone.scenario.yaml': scenario('anyone', {}, ['{ at: 0d 10h, event: fee.change.decided }']),
    });
    const timelines = await simulateJson(dir);
    const journeysOf = (id: string) => timelines.find((t) => t.scenario === id)!.sends.map((send) => send.journey).sort();
    expect(journeysOf('private')).toEqual(['everyone', 'private-fees']);
    expect(journeysOf('anyone')).toEqual(['everyone', 'private-fees', 'retail-fees']);
    // Without a start date, a month counts 30 days, and the timeline says what it could not check.
    expect(timelines[0]!.note).toContain('No start date');
    const text = await runJourneys(['simulate', 'private', '--today', TODAY], dir);
    expect(text.stdout).toContain('No start date: weekdays and public holidays are not checked, and a month counts 30 days');
    expect(text.stdout).toContain('day 60');
  });

  it('simulates every trigger once per persona with policy.implicit-scenarios', async () => {
    const dir = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/personas.yaml': 'personas:\n  - id: retail\n    name: Retail\n  - id: private\n    name: Private banking\n',
      'journeys/retail-fees.journey.yaml': journey('retail-fees', touchpoint('retail-fee-notice', { channel: 'email', trigger: 'fee.change.decided' }), 'retail'),
      'journeys.config.yaml': CONFIG('  implicit-scenarios: true\n'),
    });
    const timelines = await simulateJson(dir);
    expect(timelines.map((t) => [t.scenario, t.implicit, t.sends.length])).toEqual([
      ['implicit/fee.change.decided/retail', true, 1],
      ['implicit/fee.change.decided/private', true, 0],
    ]);
    expect(timelines[0]!.sends[0]).toMatchObject({ time: 600, clock: '10:00' });
    const one = await simulateJson(dir, 'implicit/fee.change.decided/retail');
    expect(one).toHaveLength(1);
  });

  it('simulates at most 10,000 implicit scenarios, and says which triggers went unchecked', () => {
    const personas = Array.from({ length: 101 }, (_, p) => `  - id: p${p}\n    name: Persona ${p}\n`).join('');
    const touchpoints = Array.from({ length: 100 }, (_, t) => touchpoint(`notice-${t}`, { channel: 'email', trigger: `event.${t}` })).join('\n');
    const dir = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/personas.yaml': `personas:\n${personas}`,
      'journeys/notices.journey.yaml': journey('notices', touchpoints),
      'journeys.config.yaml': CONFIG('  implicit-scenarios: true\n'),
    });
    const result = check(dir, { today: TODAY });
    const timelines = simulate(result.repo);
    expect(timelines).toHaveLength(10_000);
    expect(timelines.every((timeline) => timeline.scenario.implicit === true)).toBe(true);
    const cut = result.findings.filter((finding) => finding.messageId === 'too-many-implicit-scenarios');
    expect(cut).toHaveLength(1);
    expect(cut[0]).toMatchObject({ rule: 'limit-exceeded', file: 'journeys.config.yaml', line: 2 });
    expect(cut[0]!.message).toContain('10,100 scenarios');
  }, 60_000);

  it('stops on an unknown policy time zone or holiday calendar, and reports a persona or scenario one', async () => {
    const base = {
      'journeys/owners.yaml': OWNERS,
      'journeys/fees.journey.yaml': journey('fees', touchpoint('fee-notice', { channel: 'email', trigger: 'fee.change.decided' })),
    };
    const badPolicy = await runJourneys(['lint', '--today', TODAY], writeRepo({ ...base, 'journeys.config.yaml': CONFIG('  timezone: Europe/Pariss\n  holidays: FRA\n') }));
    expect(badPolicy.status).toBe(2);
    expect(badPolicy.stderr).toContain('Unknown time zone "Europe/Pariss" in policy.timezone');
    expect(badPolicy.stderr).toContain('Unknown holiday calendar "FRA" in policy.holidays');
    expect(badPolicy.stderr).not.toMatch(/^\s+at /m);

    const badPersona = await runJourneys(
      ['lint', '--format', 'json', '--today', TODAY],
      writeRepo({
        ...base,
        'journeys/personas.yaml': 'personas:\n  - id: expatriate\n    name: Abroad\n    timezone: America/Montreall\n    holidays: CA-QQ\n',
        'journeys/scenarios/abroad.scenario.yaml': scenario('abroad', { persona: 'expatriate', timezone: 'Asia/Tokio' }, ['{ at: 0d 10h, event: fee.change.decided }']),
        'journeys.config.yaml': CONFIG('  timezone: Europe/Paris\n'),
      }),
    );
    const findings = (JSON.parse(badPersona.stdout) as { findings: { rule: string; messageId: string; file: string; line: number; message: string }[] }).findings.filter((f) => f.rule === 'unknown-reference');
    expect(findings.map((f) => [f.messageId, f.file, f.line])).toEqual(
      expect.arrayContaining([
        ['unknown-time-zone', 'journeys/personas.yaml', 4],
        ['unknown-holidays', 'journeys/personas.yaml', 5],
        ['unknown-time-zone', 'journeys/scenarios/abroad.scenario.yaml', 3],
      ]),
    );
    expect(findings.find((f) => f.file === 'journeys/personas.yaml' && f.messageId === 'unknown-time-zone')!.message).toContain('policy.timezone (Europe/Paris)');
  });
});
