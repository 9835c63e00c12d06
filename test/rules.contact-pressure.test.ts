/**
 * contact-pressure through the real CLI on real repositories: caps of some categories only
 * (a marketing cap leaves the payment-failure SMS out), caps counted by calendar day against
 * sliding windows, and sliding windows of real elapsed time across a daylight-saving change.
 */
import { describe, expect, it } from 'vitest';
import { runJourneys } from './helpers/cli.ts';
import { OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

interface JsonFinding {
  readonly rule: string;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly related?: readonly { readonly file: string; readonly line: number }[];
}

/** A journey whose touchpoints are given as flow mappings, one a line. */
function journey(id: string, ...touchpoints: string[]): string {
  return [
    `journey: ${id}`,
    'version: 1',
    `title: ${id}`,
    'owner: team-crm',
    'reviewed: 2026-10-01',
    'stages:',
    '  - id: main',
    'touchpoints:',
    ...touchpoints.map((touchpoint) => `  - { stage: main, owner: team-crm, ${touchpoint} }`),
    '',
  ].join('\n');
}

const scenario = (start: string | undefined, ...events: string[]): string =>
  ['scenario: card-customer', ...(start ? [start] : []), 'events:', ...events.map((event) => `  - ${event}`), ''].join('\n');
const limit = (...limits: string[]): string => `policy:\n  max-messages:\n${limits.map((l) => `    - ${l}\n`).join('')}`;

async function lint(files: Readonly<Record<string, string>>): Promise<JsonFinding[]> {
  const root = writeRepo({ 'journeys/owners.yaml': OWNERS, ...files });
  const result = await runJourneys(['lint', '--format', 'json', '--today', TODAY], root);
  expect(result.stderr).toBe('');
  return (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings.filter((f) => f.rule === 'contact-pressure');
}

describe('contact-pressure by category', () => {
  // A bank's offer and its payment-failure SMS, sent the same morning.
  const files = (config: string, ...more: string[]): Record<string, string> => ({
    'journeys/card.journey.yaml': journey(
      'card',
      'id: upgrade-offer, channel: email, role: acquisition, trigger: card.used, at: "09:00"',
      'id: payment-failed, channel: sms, role: billing, trigger: payment.failed',
      ...more,
    ),
    'journeys/scenarios/card-customer.scenario.yaml': scenario(undefined, '{ at: 0d 8h, event: card.used }', '{ at: 0d 10h, event: payment.failed }'),
    'journeys.config.yaml': config,
  });

  it('leaves the payment-failure SMS (role billing) out of a marketing cap', async () => {
    expect(await lint(files(limit('{ per: 1d, max: 1, categories: [marketing] }')))).toEqual([]);
    // Without categories, the cap counts every outbound message, as before.
    const every = await lint(files(limit('{ per: 1d, max: 1 }')));
    expect(every.map((f) => f.message)).toEqual([
      'In scenario "card-customer", the customer gets 2 outbound messages between day 0 09:00 and day 0 10:00 (limit: 1 per 1d on all outbound channels): email ×1, sms ×1; from upgrade-offer (card), payment-failed (card). "payment-failed" at day 0 10:00 is the one that crosses the limit.',
    ]);
  });

  it('counts the marketing messages only, and names the categories in the limit', async () => {
    const findings = await lint(
      files(limit('{ per: 1d, max: 1, categories: [marketing] }'), 'id: travel-offer, channel: push, role: retention, trigger: payment.failed, after: 3h'),
    );
    expect(findings.map((f) => [f.line, f.message])).toEqual([
      [
        11,
        'In scenario "card-customer", the customer gets 2 outbound messages between day 0 09:00 and day 0 13:00 (limit: 1 per 1d on all outbound channels, marketing only): email ×1, push ×1; from upgrade-offer (card), travel-offer (card). "travel-offer" at day 0 13:00 is the one that crosses the limit.',
      ],
    ]);
  });
});

describe('contact-pressure by calendar day', () => {
  /** An offer at 23:00 the day the card is used (day 0, 08:00) and a reminder some time after the card is used. */
  const files = (config: string, reminder: string): Record<string, string> => ({
    'journeys/card.journey.yaml': journey(
      'card',
      'id: upgrade-offer, channel: email, role: acquisition, trigger: card.used, at: "23:00"',
      `id: upgrade-reminder, channel: push, role: acquisition, trigger: card.used, ${reminder}`,
    ),
    'journeys/scenarios/card-customer.scenario.yaml': scenario(undefined, '{ at: 0d 8h, event: card.used }'),
    'journeys.config.yaml': config,
  });
  const NEXT_NIGHT = 'after: 17h'; // day 1 01:00

  it('counts 23:00 and 01:00 in one sliding window, and on two calendar days', async () => {
    const sliding = await lint(files(limit('{ per: 1d, max: 1 }'), NEXT_NIGHT));
    expect(sliding.map((f) => f.message)).toEqual([
      expect.stringContaining('gets 2 outbound messages between day 0 23:00 and day 1 01:00 (limit: 1 per 1d on all outbound channels):'),
    ]);
    // Written out, sliding is the default: the same finding, the same limit.
    expect((await lint(files(limit('{ per: 1d, max: 1, count: sliding }'), NEXT_NIGHT))).map((f) => f.message)).toEqual(sliding.map((f) => f.message));
    expect(await lint(files(limit('{ per: 1d, max: 1, count: calendar-day }'), NEXT_NIGHT))).toEqual([]);
  });

  it('reports two messages on one calendar day, naming the count in the limit', async () => {
    const findings = await lint(files(limit('{ per: 1d, max: 1, count: calendar-day }'), 'at: "09:00", after: 1d'));
    expect(findings).toEqual([]);
    const sameDay = await lint(files(limit('{ per: 1d, max: 1, count: calendar-day }'), 'after: 2h'));
    expect(sameDay.map((f) => [f.line, f.message])).toEqual([
      [
        9,
        'In scenario "card-customer", the customer gets 2 outbound messages between day 0 10:00 and day 0 23:00 (limit: 1 per 1d on all outbound channels, by calendar day): push ×1, email ×1; from upgrade-reminder (card), upgrade-offer (card). "upgrade-offer" at day 0 23:00 is the one that crosses the limit.',
      ],
    ]);
  });

  it('counts weeks of calendar days from day 0', async () => {
    // Day 0 23:00 and day 6 10:00: the same week from day 0; day 7 10:00: the next one.
    const week = limit('{ per: 7d, max: 1, count: calendar-day }');
    expect(await lint(files(week, 'after: 7d 2h'))).toEqual([]);
    const findings = await lint(files(week, 'after: 6d 2h'));
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('between day 0 23:00 and day 6 10:00 (limit: 1 per 1w on all outbound channels, by calendar days from day 0)'),
    ]);
  });
});

describe('contact-pressure across a daylight-saving change', () => {
  // In Paris, clocks go forward on Sunday 29 March 2026: 22:00 to 22:00 the next day is 23 real hours.
  const files = (config: string): Record<string, string> => ({
    'journeys/card.journey.yaml': journey(
      'card',
      'id: upgrade-offer, channel: email, role: acquisition, trigger: card.used, at: "22:00"',
      'id: upgrade-reminder, channel: push, role: acquisition, trigger: card.used, after: 1d, at: "22:00"',
    ),
    'journeys/scenarios/card-customer.scenario.yaml': scenario('start: 2026-03-28', '{ at: 0d 8h, event: card.used }'),
    'journeys.config.yaml': config,
  });

  it('slides over real hours: two sends 23 hours apart are in one window of 24h', async () => {
    expect(await lint(files(limit('{ per: 24h, max: 1 }')))).toEqual([]);
    const findings = await lint(files(`${limit('{ per: 24h, max: 1 }')}  timezone: Europe/Paris\n`));
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('gets 2 outbound messages between Sat 28 Mar 2026 22:00 and Sun 29 Mar 2026 22:00 (limit: 1 per 1d on all outbound channels)'),
    ]);
    // By calendar day, they are two days whatever the clocks do.
    expect(await lint(files(`${limit('{ per: 1d, max: 1, count: calendar-day }')}  timezone: Europe/Paris\n`))).toEqual([]);
  });
});
