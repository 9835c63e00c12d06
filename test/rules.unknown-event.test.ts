/**
 * unknown-event through the real CLI on real repositories: a misspelt trigger is a
 * warning with a did-you-mean when no events.yaml exists, an error once one does, a
 * scenario event is checked like a trigger, and this repository's own journeys stay clean.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runJourneys } from './helpers/cli.ts';
import { OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface JsonFinding {
  readonly rule: string;
  readonly severity: string;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A journey whose touchpoints start on the given events, one touchpoint each. */
function journey(id: string, triggers: readonly string[], until?: string): string {
  const lines = [`journey: ${id}`, 'version: 1', `title: ${id}`, 'owner: team-crm', 'reviewed: 2026-10-01', 'stages:', '  - id: start', 'touchpoints:'];
  triggers.forEach((trigger, index) => {
    lines.push(`  - id: step-${index + 1}`, '    stage: start', '    channel: email', '    owner: team-crm', `    trigger: ${trigger}`);
    if (until !== undefined) lines.push(`    until: ${until}`);
  });
  return `${lines.join('\n')}\n`;
}

const SCENARIO = 'scenario: new-customer\nevents:\n  - { at: 0d 9h, event: account.opened }\n  - { at: 1d 9h, event: card.activatd }\n';
const EVENTS = 'events:\n  - id: account.opened\n    name: Account opened\n  - id: card.activated\n    name: Card activated\n    description: The customer used the card once.\n';

async function lint(files: Readonly<Record<string, string>>): Promise<{ code: number; findings: JsonFinding[] }> {
  const root = writeRepo({ 'journeys/owners.yaml': OWNERS, ...files });
  const result = await runJourneys(['lint', '--format', 'json', '--today', TODAY], root);
  const parsed = JSON.parse(result.stdout) as { findings: JsonFinding[] };
  return { code: result.status ?? -1, findings: parsed.findings.filter((finding) => finding.rule === 'unknown-event') };
}

describe('unknown-event', () => {
  it('without events.yaml, warns of a trigger named once and close to an event named elsewhere, and suggests it', async () => {
    const { code, findings } = await lint({
      'journeys/welcome.journey.yaml': journey('welcome', ['account.opened', 'acount.opened']),
      // policy.cancelled is named once too, but like no other event, and step-1 and step-2 are a series: all taken as meant.
      'journeys/cards.journey.yaml': journey('cards', ['account.opened', 'policy.cancelled', 'reminder.step-1', 'reminder.step-2']),
    });
    expect(findings).toEqual([
      expect.objectContaining({ severity: 'warning', file: 'journeys/welcome.journey.yaml', line: 18, column: 14 }),
    ]);
    expect(findings[0]!.message).toContain('Event "acount.opened" of "trigger" is named nowhere else');
    expect(findings[0]!.message).toContain('(did you mean "account.opened"?)');
    expect(code).toBe(0);
  });

  it('without events.yaml, takes real events one or two letters apart as meant, and still a typo of one of them', async () => {
    const { findings } = await lint({
      // Each named once, each a real event: two letters apart (placed/packed, opened/reopened), or one word for another (health/wealth).
      'journeys/orders.journey.yaml': journey('orders', ['order.placed', 'order.packed', 'ticket.opened', 'ticket.reopened', 'health.claim.declared', 'wealth.claim.declared', 'wealth.claim.paid']),
      'journeys/more.journey.yaml': journey('more', ['health.claim.paid', 'order.placed']),
      'journeys/typo.journey.yaml': journey('typo', ['order.palced']),
    });
    expect(findings.map((finding) => finding.message)).toEqual([expect.stringContaining('Event "order.palced" of "trigger" is named nowhere else (did you mean "order.placed"?)')]);
  });

  it('without events.yaml, an event a scenario and a journey both name is known, and one only a scenario names is not', async () => {
    const { findings } = await lint({
      'journeys/welcome.journey.yaml': journey('welcome', ['account.opened'], 'card.activated'),
      'journeys/scenarios/new-customer.scenario.yaml': SCENARIO,
    });
    // card.activated (until) and card.activatd (scenario) are each named once: both are said, each pointing at the other.
    expect(findings.map((f) => [f.file, f.line, f.column, f.severity])).toEqual([
      ['journeys/scenarios/new-customer.scenario.yaml', 4, 25, 'warning'],
      ['journeys/welcome.journey.yaml', 14, 12, 'warning'],
    ]);
    expect(findings[0]!.message).toContain('(did you mean "card.activated"?)');
  });

  it('with events.yaml, every event it does not declare is an error, even one named many times', async () => {
    const { code, findings } = await lint({
      'journeys/events.yaml': EVENTS,
      'journeys/welcome.journey.yaml': journey('welcome', ['acount.opened', 'acount.opened', 'card.shipped'], 'card.activated'),
      'journeys/scenarios/new-customer.scenario.yaml': SCENARIO,
    });
    expect(findings.map((f) => [f.file, f.line, f.severity])).toEqual([
      ['journeys/scenarios/new-customer.scenario.yaml', 4, 'error'],
      ['journeys/welcome.journey.yaml', 13, 'error'],
      ['journeys/welcome.journey.yaml', 19, 'error'],
      ['journeys/welcome.journey.yaml', 25, 'error'],
    ]);
    expect(findings[1]!.message).toBe('Event "acount.opened" of "trigger" is not declared in journeys/events.yaml (did you mean "account.opened"?).');
    expect(findings[3]!.message).toBe('Event "card.shipped" of "trigger" is not declared in journeys/events.yaml.');
    expect(findings[0]!.message).toContain('(did you mean "card.activated"?)');
    expect(code).toBe(1);
  });

  it('with events.yaml declaring every event, says nothing', async () => {
    const { code, findings } = await lint({
      'journeys/events.yaml': EVENTS,
      'journeys/welcome.journey.yaml': journey('welcome', ['account.opened'], 'card.activated'),
    });
    expect(findings).toEqual([]);
    expect(code).toBe(0);
  });

  it('checks events.yaml against its schema, at the line of the mistake', async () => {
    const root = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/events.yaml': 'events:\n  - id: Account.Opened\n  - name: No id\n',
      'journeys/welcome.journey.yaml': journey('welcome', ['account.opened', 'account.opened']),
    });
    const result = await runJourneys(['lint', '--format', 'json', '--today', TODAY], root);
    const schema = (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings.filter((f) => f.rule === 'schema');
    expect(schema.map((f) => [f.file, f.line])).toEqual([
      ['journeys/events.yaml', 2],
      ['journeys/events.yaml', 3],
    ]);
    expect(result.status).toBe(1);
  });

  it('leaves the example journeys of this repository clean', async () => {
    const result = await runJourneys(['lint', '--today', TODAY], ROOT);
    expect(result.stdout).not.toContain('unknown-event');
    expect(result.status).toBe(0);
  });
});
