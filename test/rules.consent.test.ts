/**
 * marketing-without-consent through the real CLI on real repositories: a marketing send on a
 * channel after the customer withdrew consent there is an error at the touchpoint, whatever
 * journey sends it; other channels, other categories and consent given back are not; and
 * unknown-event knows the consent events without a declaration.
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
  readonly related?: readonly { readonly file: string; readonly line: number }[];
}

/** A journey of one touchpoint, sent a day after its trigger at 10:00. */
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
    '    after: 1d',
    '    at: "10:00"',
    '',
  ].join('\n');
}

/** The onboarding journey that gets the customer's STOP, and a win-back from another team. */
const ONBOARDING = journey('onboarding', 'welcome-sms', { channel: 'sms', role: 'onboarding', trigger: 'account.opened' });
const winBack = (fields: Readonly<Record<string, string>> = {}): string =>
  journey('win-back', 'winback-offer', { channel: 'sms', role: 'retention', trigger: 'card.unused', ...fields });

/** A customer who opens an account, says something about consent, and lets the card sleep. */
function scenario(...consent: string[]): string {
  return [
    'scenario: quiet-customer',
    'start: 2026-03-02',
    'events:',
    '  - { at: 0d 9h, event: account.opened }',
    ...consent,
    '  - { at: 30d 9h, event: card.unused }',
    '',
  ].join('\n');
}
const STOP_SMS = '  - { at: 3d 18h, event: consent.withdrawn, channel: sms }';

async function lint(files: Readonly<Record<string, string>>): Promise<{ code: number; findings: JsonFinding[] }> {
  const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/onboarding.journey.yaml': ONBOARDING, ...files });
  const result = await runJourneys(['lint', '--format', 'json', '--today', TODAY], root);
  expect(result.stderr).toBe('');
  const parsed = JSON.parse(result.stdout) as { findings: JsonFinding[] };
  return { code: result.status ?? -1, findings: parsed.findings.filter((f) => f.rule === 'marketing-without-consent' || f.rule === 'unknown-event') };
}

describe('marketing-without-consent', () => {
  it('reports a marketing SMS that another journey sends after the customer withdrew consent to SMS, at the touchpoint', async () => {
    const { code, findings } = await lint({
      'journeys/win-back.journey.yaml': winBack(),
      'journeys/scenarios/quiet-customer.scenario.yaml': scenario(STOP_SMS),
    });
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'marketing-without-consent', severity: 'error', file: 'journeys/win-back.journey.yaml', line: 9, column: 5 }),
    ]);
    expect(findings[0]!.message).toBe(
      'In scenario "quiet-customer", marketing touchpoint "winback-offer" is sent on sms at Thu 2 Apr 2026 10:00, after the customer withdrew consent on sms at Thu 5 Mar 2026 18:00.',
    );
    // The related location is the withdrawal, in the scenario.
    expect(findings[0]!.related).toEqual([expect.objectContaining({ file: 'journeys/scenarios/quiet-customer.scenario.yaml', line: 5 })]);
    expect(code).toBe(1);
  });

  it('says nothing of a marketing e-mail after a withdrawal on SMS only', async () => {
    const { code, findings } = await lint({
      'journeys/win-back.journey.yaml': winBack({ channel: 'email' }),
      'journeys/scenarios/quiet-customer.scenario.yaml': scenario(STOP_SMS),
    });
    expect(findings).toEqual([]);
    expect(code).toBe(0);
  });

  it('says nothing of a billing SMS after the withdrawal, nor of a marketing one written as regulatory', async () => {
    const billing = journey('payments', 'payment-failed-sms', { channel: 'sms', role: 'billing', trigger: 'card.unused' });
    const { findings } = await lint({
      'journeys/payments.journey.yaml': billing,
      'journeys/win-back.journey.yaml': winBack({ category: 'regulatory' }),
      'journeys/scenarios/quiet-customer.scenario.yaml': scenario(STOP_SMS),
    });
    expect(findings).toEqual([]);
  });

  it('counts a touchpoint with no role but category marketing, once per scenario however often it is sent', async () => {
    const { findings } = await lint({
      'journeys/win-back.journey.yaml': journey('win-back', 'winback-offer', {
        channel: 'sms',
        category: 'marketing',
        trigger: 'card.unused',
        repeat: '{ every: 7d, times: 2 }',
      }),
      'journeys/scenarios/quiet-customer.scenario.yaml': scenario(STOP_SMS),
    });
    expect(findings.map((f) => [f.rule, f.line])).toEqual([['marketing-without-consent', 9]]);
    expect(findings[0]!.message).toContain('is sent on sms at Thu 2 Apr 2026 10:00 (and 2 more times), after');
  });

  it('lets consent.given on the channel give consent back, for the sends after it', async () => {
    const { findings } = await lint({
      'journeys/win-back.journey.yaml': winBack(),
      'journeys/scenarios/quiet-customer.scenario.yaml': scenario(STOP_SMS, '  - { at: 20d 9h, event: consent.given, channel: sms }'),
    });
    expect(findings).toEqual([]);
    // Consent given back on e-mail leaves SMS withdrawn.
    const other = await lint({
      'journeys/win-back.journey.yaml': winBack(),
      'journeys/scenarios/quiet-customer.scenario.yaml': scenario(STOP_SMS, '  - { at: 20d 9h, event: consent.given, channel: email }'),
    });
    expect(other.findings.map((f) => f.rule)).toEqual(['marketing-without-consent']);
  });

  it('takes a withdrawal without channel for every channel, until consent is given back on one', async () => {
    const email = journey('newsletter', 'offer-email', { channel: 'email', role: 'acquisition', trigger: 'card.unused' });
    const everywhere = '  - { at: 3d 18h, event: consent.withdrawn }';
    const { findings } = await lint({
      'journeys/newsletter.journey.yaml': email,
      'journeys/win-back.journey.yaml': winBack(),
      'journeys/scenarios/quiet-customer.scenario.yaml': scenario(everywhere),
    });
    expect(findings.map((f) => [f.file, f.line])).toEqual([
      ['journeys/newsletter.journey.yaml', 9],
      ['journeys/win-back.journey.yaml', 9],
    ]);
    expect(findings[0]!.message).toContain('after the customer withdrew consent on every channel at Thu 5 Mar 2026 18:00');
    const given = await lint({
      'journeys/newsletter.journey.yaml': email,
      'journeys/win-back.journey.yaml': winBack(),
      'journeys/scenarios/quiet-customer.scenario.yaml': scenario(everywhere, '  - { at: 20d 9h, event: consent.given, channel: email }'),
    });
    expect(given.findings.map((f) => f.file)).toEqual(['journeys/win-back.journey.yaml']);
  });
});

describe('unknown-event and the consent events', () => {
  it('never reports consent.withdrawn or consent.given, with or without events.yaml', async () => {
    const files = {
      'journeys/win-back.journey.yaml': winBack({ channel: 'email' }),
      'journeys/scenarios/quiet-customer.scenario.yaml': scenario(STOP_SMS, '  - { at: 20d 9h, event: consent.given, channel: sms }'),
    };
    expect((await lint(files)).findings).toEqual([]);
    const events = 'events:\n  - id: account.opened\n    name: Account opened\n  - id: card.unused\n    name: Card unused for a month\n';
    expect((await lint({ ...files, 'journeys/events.yaml': events })).findings).toEqual([]);
  });

  it('suggests consent.withdrawn for a misspelt one, with or without events.yaml', async () => {
    const files = {
      'journeys/win-back.journey.yaml': winBack(),
      'journeys/scenarios/quiet-customer.scenario.yaml': scenario('  - { at: 3d 18h, event: consent.withdrawen, channel: sms }'),
    };
    const without = await lint(files);
    // The misspelt withdrawal withdraws nothing: only unknown-event speaks.
    expect(without.findings.map((f) => [f.rule, f.severity, f.line])).toEqual([['unknown-event', 'warning', 5]]);
    expect(without.findings[0]!.message).toContain('(did you mean "consent.withdrawn"?)');
    const events = 'events:\n  - id: account.opened\n    name: Account opened\n  - id: card.unused\n    name: Card unused for a month\n';
    const withCatalogue = await lint({ ...files, 'journeys/events.yaml': events });
    expect(withCatalogue.findings.map((f) => [f.rule, f.severity, f.line])).toEqual([['unknown-event', 'error', 5]]);
    expect(withCatalogue.findings[0]!.message).toContain('did you mean "consent.withdrawn"?');
  });
});
