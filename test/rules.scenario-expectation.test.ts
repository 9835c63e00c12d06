/**
 * Journey tests: a scenario's `expect:` checked on its simulated timeline by the rule
 * scenario-expectation, through the real CLI on real repositories.
 */
import { describe, expect, it } from 'vitest';
import { findingIdentity } from '../src/engine/identity.ts';
import type { Finding } from '../src/model/types.ts';
import { runJourneys } from './helpers/cli.ts';
import { OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

/** A finding as `--format json` prints it. */
type JsonFinding = Pick<Finding, 'rule' | 'message' | 'file' | 'line' | 'column' | 'scenario' | 'related' | 'messageId' | 'data'>;

const WELCOME = [
  'journey: welcome',
  'version: 1',
  'title: Welcome',
  'owner: team-onboarding',
  'stages:',
  '  - id: start',
  'touchpoints:',
  '  - { id: welcome-email, stage: start, channel: email, trigger: account.opened }',
  '  - { id: welcome-sms, stage: start, channel: sms, trigger: account.opened, after: 1h }',
  '  - { id: reminder-sms, stage: start, channel: sms, trigger: account.opened, after: 1d, repeat: { every: 1d, times: 3 } }',
  '  - { id: card-letter, stage: start, channel: mail, trigger: card.shipped }',
  '  - { id: prospect-email, stage: start, channel: email, trigger: lead.created }',
  '',
].join('\n');

const SCENARIO_FILE = 'journeys/scenarios/new-customer.scenario.yaml';

/** A scenario whose `expect:` items start on line 6. */
function scenario(...expectations: string[]): string {
  return [
    'scenario: new-customer',
    'events:',
    '  - { at: 0d 9h, event: account.opened }',
    '  - { at: 2d 9h, event: card.shipped }',
    'expect:',
    ...expectations.map((item) => `  - ${item}`),
    '',
  ].join('\n');
}

async function lint(files: Record<string, string>): Promise<{ status: number | null; findings: JsonFinding[]; all: JsonFinding[] }> {
  const root = writeRepo({ 'journeys/owners.yaml': OWNERS, ...files });
  const result = await runJourneys(['lint', '--today', TODAY, '--format', 'json'], root);
  expect(result.stderr).toBe('');
  const all = (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
  return { status: result.status, all, findings: all.filter((finding) => finding.rule === 'scenario-expectation') };
}

const withWelcome = (...expectations: string[]): Record<string, string> => ({
  'journeys/welcome.journey.yaml': WELCOME,
  [SCENARIO_FILE]: scenario(...expectations),
});

describe('scenario expectations', () => {
  it('accept the expectations that hold, with no schema finding', async () => {
    const { findings, all } = await lint(
      withWelcome(
        '{ at-most: 2, channel: sms, within: 1d }',
        '{ at-most: 1, channel: mail }',
        '{ at-most: 7, note: the whole story }',
        '{ before: [welcome-email, welcome-sms, welcome/card-letter] }',
        '{ never: prospect-email }',
        '{ never: [prospect-email, welcome/prospect-email] }',
      ),
    );
    expect(all.filter((finding) => finding.file === SCENARIO_FILE)).toEqual([]);
    expect(findings).toEqual([]);
  });

  it('report too many messages in a window, at the line of the expectation, with the fullest window and its touchpoints', async () => {
    const { status, findings } = await lint(withWelcome('{ at-most: 1, channel: mail }', '{ at-most: 2, channel: sms, within: 2d }'));
    expect(status).toBe(1);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: SCENARIO_FILE, line: 7, column: 5, scenario: 'new-customer', messageId: 'too-many' });
    // welcome-sms at day 0 10:00, reminders at day 1, 2, 3 and 4 09:00: 2 days from day 0 10:00 hold 3 of them.
    expect(findings[0]!.message).toBe(
      'In scenario "new-customer", the customer gets 3 SMS messages within 2d, from day 0 10:00 to day 2 09:00, where at most 2 are expected: welcome-sms, reminder-sms ×2.',
    );
  });

  it('count every outbound message of the whole scenario when no channel and no window are given', async () => {
    const { findings } = await lint(withWelcome('{ at-most: 5 }'));
    expect(findings.map((finding) => [finding.line, finding.message])).toEqual([
      [
        6,
        'In scenario "new-customer", the customer gets 7 messages in the scenario, from day 0 09:00 to day 4 09:00, where at most 5 are expected: welcome-email, welcome-sms, reminder-sms ×4, card-letter.',
      ],
    ]);
  });

  it('report a touchpoint that comes after the one it should precede, with both times', async () => {
    const { findings } = await lint(withWelcome('{ before: [welcome-email, welcome-sms] }', '{ before: [card-letter, reminder-sms] }'));
    expect(findings.map((finding) => [finding.line, finding.column, finding.messageId, finding.message])).toEqual([
      [7, 5, 'not-before', 'In scenario "new-customer", "card-letter" is expected before "reminder-sms", but "reminder-sms" is first sent at day 1 09:00 and "card-letter" at day 2 09:00.'],
    ]);
  });

  it('report a touchpoint of a before that the customer never receives, at its name', async () => {
    const { findings } = await lint(withWelcome('{ before: [welcome-email, prospect-email] }'));
    expect(findings.map((finding) => [finding.line, finding.column, finding.message])).toEqual([
      [6, 31, 'In scenario "new-customer", "welcome-email" is expected before "prospect-email", but the customer never receives "prospect-email".'],
    ]);
  });

  it('report a touchpoint the customer should never get, with how often and when', async () => {
    const { findings } = await lint(withWelcome('{ never: [prospect-email, reminder-sms] }'));
    expect(findings.map((finding) => [finding.line, finding.column, finding.message])).toEqual([
      [6, 31, 'In scenario "new-customer", the customer is expected never to receive "reminder-sms", but gets it 4 times, first at day 1 09:00 after "account.opened".'],
    ]);
  });

  it('show real dates when the scenario has a start date', async () => {
    const files = withWelcome('{ never: welcome/welcome-sms }');
    const { findings } = await lint({ ...files, [SCENARIO_FILE]: files[SCENARIO_FILE]!.replace('events:', 'start: 2026-03-02\nevents:') });
    expect(findings.map((finding) => [finding.line, finding.message])).toEqual([
      [7, 'In scenario "new-customer", the customer is expected never to receive "welcome/welcome-sms", but gets it once, first at Mon 2 Mar 2026 10:00 after "account.opened".'],
    ]);
  });

  it('report a name that is no touchpoint with a suggestion, and a name that several journeys have', async () => {
    const cards = WELCOME.replace('journey: welcome', 'journey: cards').replace('title: Welcome', 'title: Cards');
    const { findings } = await lint({
      'journeys/welcome.journey.yaml': WELCOME,
      'journeys/cards.journey.yaml': cards,
      [SCENARIO_FILE]: scenario('{ never: [welcome/prospect-emial, cards/prospect-email] }', '{ before: [welcome-email, welcome/card-leter] }', '{ never: nothing-like-it }'),
    });
    expect(findings.map((finding) => [finding.line, finding.column, finding.messageId, finding.message])).toEqual([
      [6, 15, 'unknown-touchpoint', 'In scenario "new-customer", the expectation names "welcome/prospect-emial", which is no touchpoint of any journey (did you mean "welcome/prospect-email"?).'],
      [7, 16, 'ambiguous-touchpoint', 'In scenario "new-customer", the expectation names "welcome-email", a touchpoint of several journeys (cards/welcome-email, welcome/welcome-email): write it as journey/touchpoint.'],
      [7, 31, 'unknown-touchpoint', 'In scenario "new-customer", the expectation names "welcome/card-leter", which is no touchpoint of any journey (did you mean "welcome/card-letter"?).'],
      [8, 14, 'unknown-touchpoint', 'In scenario "new-customer", the expectation names "nothing-like-it", which is no touchpoint of any journey.'],
    ]);
  });

  it('report a window of no time, and refuse an item that mixes kinds through the schema', async () => {
    const { findings, all } = await lint(withWelcome('{ at-most: 1, within: 0d }', '{ at-most: 1, never: welcome-sms }'));
    expect(findings.map((finding) => [finding.line, finding.column, finding.messageId])).toEqual([[6, 27, 'empty-window']]);
    expect(all.filter((finding) => finding.rule === 'schema').map((finding) => [finding.file, finding.line])).toContainEqual([SCENARIO_FILE, 7]);
  });

  it('know a finding by the scenario and the expectation, not by the counts', async () => {
    const few = await lint(withWelcome('{ at-most: 2, channel: sms, within: 3d }'));
    const more = await lint(withWelcome('{ at-most: 1, channel: sms, within: 3d, note: stricter }'));
    const other = await lint(withWelcome('{ at-most: 2, within: 3d }'));
    expect(few.findings[0]!.message).toContain('gets 4 SMS messages within 3d');
    expect(few.findings[0]!.data).toMatchObject({ scenario: 'new-customer', expectation: 'at-most sms within 3d' });
    expect(findingIdentity(more.findings[0]!)).toBe(findingIdentity(few.findings[0]!));
    expect(findingIdentity(other.findings[0]!)).not.toBe(findingIdentity(few.findings[0]!));
  });
});
