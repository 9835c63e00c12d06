/**
 * Personas are segments and one customer belongs to one: duplicate-touchpoint and
 * conflicting-messages compare two messages only when their journeys' audiences can
 * meet (either names no persona, or they name a common one). A bank that runs one
 * journey per segment on the same events is not told that its segments disagree,
 * while two messages of one segment still are.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { check, findingIdentity, type Finding } from '../src/index.ts';
import { audienceGroups, audiencesMeet, reaches } from '../src/model/audience.ts';
import { TODAY, writeRepo } from './helpers/repo.ts';

const BANK = fileURLToPath(new URL('./fixtures/segment-bank/', import.meta.url));
const SEGMENTS = ['retail', 'premium', 'private', 'business'];
const RULES = new Set(['conflicting-messages', 'duplicate-touchpoint']);

const copies: string[] = [];
afterAll(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function lint(dir: string): Finding[] {
  const result = check(dir, { today: TODAY });
  expect(result.configErrors).toEqual([]);
  return result.findings.filter((finding) => RULES.has(finding.rule));
}

/** A copy of the bank with one text of one file replaced (the text must be there once). */
function bankWith(file: string, from: string, to: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'journeys-segment-bank-'));
  copies.push(dir);
  cpSync(BANK, dir, { recursive: true });
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  expect(text.split(from)).toHaveLength(2);
  writeFileSync(path, text.replace(from, to));
  return dir;
}

const PERSONAS = 'personas:\n  - { id: retail, name: Retail }\n  - { id: private, name: Private banking }\n';

/** A journey with one touchpoint: on `trigger` (after a delay), for `personas`, saying `text`. */
function journey(id: string, personas: string, touchpoint: { id: string; channel?: string; trigger: string; after?: string; intent?: string; text: string; cta?: string }): string {
  return [
    `journey: ${id}`,
    'version: 1',
    `title: ${id}`,
    `personas: [${personas}]`,
    'stages:',
    '  - id: fees',
    'touchpoints:',
    `  - id: ${touchpoint.id}`,
    '    stage: fees',
    `    channel: ${touchpoint.channel ?? 'email'}`,
    `    trigger: ${touchpoint.trigger}`,
    ...(touchpoint.after ? [`    after: ${touchpoint.after}`] : []),
    '    message:',
    `      intent: ${touchpoint.intent ?? 'announce-account-fees'}`,
    `      text: "${touchpoint.text}"`,
    ...(touchpoint.cta ? [`      cta: ${touchpoint.cta}`] : []),
    '',
  ].join('\n');
}

describe('audiences', () => {
  const of = (...personas: string[]) => ({ personas });

  it('meet when either journey is for everyone or they name a common persona', () => {
    expect(audiencesMeet(of('retail'), of('private'))).toBe(false);
    expect(audiencesMeet(of('retail', 'premium'), of('private', 'business'))).toBe(false);
    expect(audiencesMeet(of('retail', 'premium'), of('premium'))).toBe(true);
    expect(audiencesMeet(of(), of('private'))).toBe(true);
    expect(audiencesMeet(of('retail'), of())).toBe(true);
    expect(audiencesMeet(of(), of())).toBe(true);
  });

  it('reach a customer of their personas, every customer when they name none, and a customer of unknown segment always', () => {
    expect(reaches(of('retail'), 'retail')).toBe(true);
    expect(reaches(of('retail'), 'private')).toBe(false);
    expect(reaches(of(), 'private')).toBe(true);
    expect(reaches(of('retail'), undefined)).toBe(true);
  });

  it('group items so that two items share a group exactly when their audiences meet', () => {
    const items = [of('retail'), of('private'), of(), of('retail', 'private'), of('business')];
    const groups = audienceGroups(items, (item) => item);
    items.forEach((a, i) =>
      items.forEach((b, j) => {
        if (i !== j) expect(groups.some((group) => group.includes(a) && group.includes(b)), `${i} and ${j}`).toBe(audiencesMeet(a, b));
      }),
    );
    expect(audienceGroups([of(), of()], (item) => item)).toHaveLength(1);
  });
});

describe('a bank with one journey per segment on the same events (test/fixtures/segment-bank)', () => {
  it('has four segments, each with its own fee notice, overdraft rate and card SMS on the same triggers, with different figures', () => {
    const { repo } = check(BANK, { today: TODAY });
    expect(repo.personas.map((persona) => persona.id)).toEqual(SEGMENTS);
    const notices = repo.journeys.flatMap((j) => j.touchpoints.filter((t) => t.id.endsWith('-fee-notice-email')).map((t) => ({ personas: j.personas, trigger: t.trigger, text: t.message?.text })));
    expect(notices).toHaveLength(4);
    expect(new Set(notices.map((notice) => notice.trigger))).toEqual(new Set(['fees.yearly-notice']));
    expect(new Set(notices.map((notice) => notice.text)).size).toBe(4);
    expect(notices.map((notice) => notice.personas).sort()).toEqual(SEGMENTS.map((segment) => [segment]).sort());
  });

  it('reports no duplicate and no conflict between segments, statically or in its scenarios', () => {
    expect(lint(BANK)).toEqual([]);
  });

  it('still reports a conflict between two messages of one segment', () => {
    const dir = bankWith('journeys/retail-banking.journey.yaml', 'account fee 2,50 € per month (30,00 € per year)', 'account fee 3,50 € per month (42,00 € per year)');
    const findings = lint(dir);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'conflicting-messages', journey: 'retail-banking', touchpoint: 'retail-fee-schedule-letter' });
    expect(findings[0]!.related.map((place) => place.touchpoint)).toEqual(['retail-fee-notice-email']);
    expect(findings[0]!.message).toContain('the monthly fee is "3,50 €" in one and "2,50 €" in the other');
  });

  it('reports a journey for everyone that states another fee than a segment', () => {
    const dir = bankWith('journeys/business-banking.journey.yaml', 'personas: [business]', 'personas: []');
    const findings = lint(dir);
    // The business notice now reaches every segment, and disagrees with each of them: one finding per pair.
    const pairs = findings.filter((f) => f.rule === 'conflicting-messages').map((f) => JSON.parse(findingIdentity(f))[2].touchpoints as string[]);
    expect(pairs).toContainEqual(['business-banking/business-fee-notice-email', 'retail-banking/retail-fee-notice-email']);
    expect(pairs.flat().every((place) => place.startsWith('business-banking/') || !place.includes('business'))).toBe(true);
    expect(pairs.filter((pair) => pair.some((place) => place.startsWith('retail-banking/')) && pair.some((place) => place.startsWith('private-banking/')))).toEqual([]);
  });
});

describe('conflicting-messages between segments', () => {
  const RETAIL = journey('retail-fees', 'retail', { id: 'retail-fee-email', trigger: 'fees.notice', text: 'Your account fee is 2,50 € per month.' });

  it('compares two segments on one trigger only when their audiences meet', () => {
    const segments = writeRepo({
      'journeys/personas.yaml': PERSONAS,
      'journeys/retail-fees.journey.yaml': RETAIL,
      'journeys/private-fees.journey.yaml': journey('private-fees', 'private', { id: 'private-fee-email', trigger: 'fees.notice', text: 'Your account fee is 0 € per month.' }),
    });
    expect(lint(segments)).toEqual([]);

    const shared = writeRepo({
      'journeys/personas.yaml': PERSONAS,
      'journeys/retail-fees.journey.yaml': RETAIL,
      'journeys/private-fees.journey.yaml': journey('private-fees', 'retail, private', { id: 'private-fee-email', trigger: 'fees.notice', text: 'Your account fee is 0 € per month.' }),
    });
    const findings = lint(shared);
    // The two texts differ only by their numbers: a duplicate as well, once the audiences meet.
    expect(findings.map((f) => [f.rule, f.messageId, f.touchpoint])).toEqual([
      ['conflicting-messages', 'same-trigger', 'retail-fee-email'],
      ['duplicate-touchpoint', 'duplicate', 'retail-fee-email'],
    ]);
    expect(findings[0]!.message).toContain('the monthly fee is "2,50 €" in one and "0 €" in the other');
  });

  it('does not report two segments whose messages a scenario sends close together, and reports a journey for everyone', () => {
    const scenario = 'scenario: fee-notice\nstart: 2026-12-01T00:00\nevents:\n  - { at: 0d 10h, event: fees.notice }\n  - { at: 0d 11h, event: fees.reminder }\n';
    const files = (personas: string) => ({
      'journeys/personas.yaml': PERSONAS,
      'journeys/scenarios/fee-notice.scenario.yaml': scenario,
      'journeys/retail-fees.journey.yaml': RETAIL,
      'journeys/private-fees.journey.yaml': journey('private-fees', personas, { id: 'private-fee-reminder', trigger: 'fees.reminder', text: 'Reminder: your account fee is 0 € per month.' }),
    });
    expect(lint(writeRepo(files('private')))).toEqual([]);
    const findings = lint(writeRepo(files('')));
    expect(findings.map((f) => [f.rule, f.messageId, f.touchpoint, f.scenario])).toEqual([['conflicting-messages', 'close-in-scenario', 'private-fee-reminder', 'fee-notice']]);
  });
});

describe('duplicate-touchpoint between segments', () => {
  const SHIPPED = 'Northbank: your new card has shipped. Track it on our site.';
  const sms = (id: string, personas: string, text = SHIPPED) =>
    journey(id, personas, { id: `${id}-sms`, channel: 'sms', trigger: 'card.shipped', intent: 'track-card-delivery', text, cta: 'https://northbank.example/cards/track' });

  it('does not report the same text sent to two segments, and reports it within one segment or to everyone', () => {
    expect(lint(writeRepo({ 'journeys/personas.yaml': PERSONAS, 'journeys/retail-cards.journey.yaml': sms('retail-cards', 'retail'), 'journeys/private-cards.journey.yaml': sms('private-cards', 'private') }))).toEqual([]);

    const oneSegment = lint(writeRepo({ 'journeys/personas.yaml': PERSONAS, 'journeys/retail-cards.journey.yaml': sms('retail-cards', 'retail'), 'journeys/cards.journey.yaml': sms('cards', 'retail, private') }));
    expect(oneSegment.map((f) => [f.rule, f.messageId, f.touchpoint])).toEqual([['duplicate-touchpoint', 'duplicate', 'retail-cards-sms']]);

    const everyone = lint(writeRepo({ 'journeys/personas.yaml': PERSONAS, 'journeys/retail-cards.journey.yaml': sms('retail-cards', 'retail'), 'journeys/cards.journey.yaml': sms('cards', '') }));
    expect(everyone.map((f) => [f.rule, f.messageId, f.touchpoint])).toEqual([['duplicate-touchpoint', 'duplicate', 'retail-cards-sms']]);
  });

  it('finds the same intent and link in other words only within audiences that meet', () => {
    const reworded = 'Good news from Northbank, the card you ordered is in the post.';
    expect(lint(writeRepo({ 'journeys/personas.yaml': PERSONAS, 'journeys/retail-cards.journey.yaml': sms('retail-cards', 'retail'), 'journeys/private-cards.journey.yaml': sms('private-cards', 'private', reworded) }))).toEqual([]);
    const findings = lint(writeRepo({ 'journeys/personas.yaml': PERSONAS, 'journeys/retail-cards.journey.yaml': sms('retail-cards', 'retail'), 'journeys/cards.journey.yaml': sms('cards', 'retail', reworded) }));
    expect(findings.map((f) => [f.rule, f.messageId, f.touchpoint])).toEqual([['duplicate-touchpoint', 'same-intent-and-link', 'retail-cards-sms']]);
  });
});
