/**
 * The situations the product exists for, each as a small but real journeys
 * repository under test/fixtures/stories/<story>/: `broken/` (and variants) must be
 * caught by the right rule at the right places, and `fixed/` must lint completely
 * clean, so that each story's fix is proven to be a fix and nothing else.
 *
 * Lines are looked up in the fixture files by their text rather than written as
 * numbers, so that a fixture can be edited without renumbering; each lookup asserts
 * that its text is on exactly one line.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check, simulate, type CheckResult, type Finding, type RelatedLocation, type Send, type Timeline } from '../src/index.ts';
import { TODAY, writeRepo } from './helpers/repo.ts';

const STORIES = fileURLToPath(new URL('./fixtures/stories/', import.meta.url));

const DAY = 24 * 60;
const HOUR = 60;
/** Minutes after the start of day 0, as scenarios count them. */
const at = (days: number, hours = 0, minutes = 0): number => days * DAY + hours * HOUR + minutes;

function lintDir(dir: string): CheckResult {
  const result = check(dir, { today: TODAY });
  expect(result.configErrors).toEqual([]);
  return result;
}

function lintStory(story: string, variant: string): CheckResult {
  return lintDir(join(STORIES, story, variant));
}

/**
 * The 1-based line of the only line of a fixture file that contains `needle`,
 * searching after the first line that contains `after` when it is given.
 */
function lineOf(story: string, variant: string, file: string, needle: string, after?: string): number {
  const lines = readFileSync(join(STORIES, story, variant, file), 'utf8').split('\n');
  const anchor = after === undefined ? -1 : lines.findIndex((line) => line.includes(after));
  if (after !== undefined) expect(anchor, `"${after}" in ${file}`).toBeGreaterThanOrEqual(0);
  const from = anchor + 1;
  const hits = lines.map((line, index) => (index >= from && line.includes(needle) ? index + 1 : 0)).filter((line) => line > 0);
  if (after === undefined) expect(hits, `lines of ${file} that contain "${needle}"`).toHaveLength(1);
  expect(hits.length, `"${needle}" in ${file}`).toBeGreaterThan(0);
  return hits[0]!;
}

/** Where a touchpoint is, as a finding or a related place gives it: the line of its `- id:`. */
function touchpointPlace(story: string, variant: string, file: string, journey: string, touchpoint: string): RelatedLocation {
  return { file, line: lineOf(story, variant, file, `- id: ${touchpoint}`), column: 5, journey, touchpoint };
}

const byPlace = (a: RelatedLocation, b: RelatedLocation): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line);

function timelineOf(result: CheckResult, scenario: string): Timeline {
  const timeline = simulate(result.repo).find((t) => t.scenario.id === scenario);
  expect(timeline, `scenario "${scenario}"`).toBeDefined();
  return timeline!;
}

const sendsOf = (timeline: Timeline, touchpoint: string): Send[] => timeline.sends.filter((send) => send.touchpoint.id === touchpoint);
const timesOf = (timeline: Timeline, touchpoint: string): number[] => sendsOf(timeline, touchpoint).map((send) => send.time);

/** A copy of a story's repository in a temporary folder, to vary one file of it. */
function copyOfStory(story: string, variant: string): string {
  const root = writeRepo({});
  cpSync(join(STORIES, story, variant), root, { recursive: true });
  return root;
}

function rewrite(root: string, file: string, from: string, to: string): void {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  expect(text, `${file} contains ${from}`).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

const only = (findings: readonly Finding[], rule: string): readonly Finding[] => {
  // The broken version of a story is broken in one way: every other rule is silent.
  expect(findings.map((finding) => finding.rule)).toEqual(findings.map(() => rule));
  return findings;
};

describe('story: a new bank customer gets 12 messages before the first card (contact-pressure)', () => {
  const STORY = 'bank-new-customer';
  const SCENARIO_FILE = 'journeys/scenarios/new-customer-first-card.scenario.yaml';
  const AO = 'journeys/account-opening.journey.yaml';
  const CARDS = 'journeys/card-issuing.journey.yaml';
  const WELCOME = 'journeys/welcome-series.journey.yaml';
  const scenarioPlace = (variant: string): RelatedLocation =>
    expect.objectContaining({ file: SCENARIO_FILE, line: lineOf(STORY, variant, SCENARIO_FILE, 'scenario: new-customer-first-card') });

  it('the broken repository is what the story says: 12 outbound messages on 4 channels from 3 journeys of 3 teams', () => {
    const result = lintStory(STORY, 'broken');
    const outbound = timelineOf(result, 'new-customer-first-card').sends.filter((send) => send.outbound);
    expect(outbound).toHaveLength(12);
    expect(new Set(outbound.map((send) => send.channel))).toEqual(new Set(['email', 'sms', 'push', 'mail']));
    const journeys = [...new Set(outbound.map((send) => send.journey))];
    expect(journeys.map((journey) => journey.id).sort()).toEqual(['account-opening', 'card-issuing', 'welcome-series']);
    expect(new Set(journeys.map((journey) => journey.owner)).size).toBe(3);
    // From the account opening (day 0 10:00) to the card activation (day 8 19:00).
    expect(outbound[0]!.time).toBe(at(0, 10));
    expect(outbound.at(-1)!.time).toBe(at(8, 19));
  });

  it('reports the week of 11 messages at the SMS that crossed the limit of 5, with the window, count, channels and touchpoints', () => {
    const findings = only(lintStory(STORY, 'broken').findings, 'contact-pressure');
    expect(findings).toHaveLength(2);
    const weekly = findings.find((finding) => finding.touchpoint === 'card-shipped-sms');
    expect(weekly).toMatchObject({
      rule: 'contact-pressure',
      severity: 'warning',
      file: CARDS,
      line: lineOf(STORY, 'broken', CARDS, '- id: card-shipped-sms'),
      column: 5,
      journey: 'card-issuing',
      touchpoint: 'card-shipped-sms',
      scenario: 'new-customer-first-card',
      time: at(2, 14),
    });
    const message = weekly!.message;
    expect(message).toContain('In scenario "new-customer-first-card"');
    // The fullest window: from the welcome e-mail to the card-delivered push.
    expect(message).toContain('gets 11 outbound messages between Mon 2 Mar 2026 10:00 and Sat 7 Mar 2026 16:00');
    expect(message).toContain('(limit: 5 per 1w on all outbound channels)');
    expect(message).toContain('email ×5, sms ×2, push ×2, mail ×2');
    for (const name of [
      'welcome-email (account-opening)',
      'welcome-sms (account-opening)',
      'app-download-push (account-opening)',
      'card-ordered-email (card-issuing)',
      'welcome-series-email (welcome-series)',
      'card-shipped-sms (card-issuing)',
    ]) {
      expect(message).toContain(name);
    }
    expect(message).toContain('and 3 more');
    expect(message).toContain('"card-shipped-sms" at Wed 4 Mar 2026 14:00 is the one that crosses the limit');

    // The scenario first, then every other touchpoint of the window, each once.
    expect(weekly!.related[0]).toEqual(scenarioPlace('broken'));
    const place = (file: string, journey: string, touchpoint: string) => touchpointPlace(STORY, 'broken', file, journey, touchpoint);
    expect([...weekly!.related.slice(1)].sort(byPlace)).toEqual(
      [
        place(AO, 'account-opening', 'welcome-email'),
        place(AO, 'account-opening', 'welcome-sms'),
        place(AO, 'account-opening', 'app-download-push'),
        place(AO, 'account-opening', 'welcome-pack-letter'),
        place(CARDS, 'card-issuing', 'card-ordered-email'),
        place(CARDS, 'card-issuing', 'card-pin-letter'),
        place(CARDS, 'card-issuing', 'card-delivered-push'),
        place(WELCOME, 'welcome-series', 'welcome-series-email'),
      ].sort(byPlace),
    );
  });

  it('reports the SMS and the push of the opening day against the limit of 1 a day on interrupting channels', () => {
    const findings = lintStory(STORY, 'broken').findings;
    const daily = findings.find((finding) => finding.touchpoint === 'app-download-push');
    expect(daily).toMatchObject({
      rule: 'contact-pressure',
      severity: 'warning',
      file: AO,
      line: lineOf(STORY, 'broken', AO, '- id: app-download-push'),
      column: 5,
      journey: 'account-opening',
      touchpoint: 'app-download-push',
      scenario: 'new-customer-first-card',
      time: at(0, 11),
    });
    expect(daily!.message).toContain('gets 2 outbound messages between Mon 2 Mar 2026 10:05 and Mon 2 Mar 2026 11:00');
    expect(daily!.message).toContain('(limit: 1 per 1d on sms, push)');
    expect(daily!.message).toContain('sms ×1, push ×1');
    expect(daily!.message).toContain('from welcome-sms (account-opening), app-download-push (account-opening)');
    expect(daily!.related).toEqual([scenarioPlace('broken'), touchpointPlace(STORY, 'broken', AO, 'account-opening', 'welcome-sms')]);
  });

  // The welcome series sends daily; its second e-mail (day 2 10:00) is the 6th
  // message of the week, and its first (day 1 10:00) is in the same window.
  it('when a repeated touchpoint crosses the limit, related names the other places, not the finding itself', () => {
    const root = copyOfStory(STORY, 'broken');
    rewrite(root, WELCOME, 'repeat: { every: 2d, times: 2 }', 'repeat: { every: 1d, times: 2 }');
    const weekly = lintDir(root).findings.find((finding) => finding.message.includes('per 1w'));
    expect(weekly).toMatchObject({ touchpoint: 'welcome-series-email', time: at(2, 10) });
    expect(weekly!.related.filter((place) => place.touchpoint === 'welcome-series-email')).toEqual([]);
  });

  it('the fixed repository merges and spreads the messages and lints clean', () => {
    const result = lintStory(STORY, 'fixed');
    expect(result.findings).toEqual([]);
    // Still a real welcome on every channel, not silence.
    const outbound = timelineOf(result, 'new-customer-first-card').sends.filter((send) => send.outbound);
    expect(outbound).toHaveLength(7);
    expect(new Set(outbound.map((send) => send.channel))).toEqual(new Set(['email', 'sms', 'push', 'mail']));
  });
});

describe('story: an insurer asks for one unpaid premium twice, differently (conflicting-messages)', () => {
  const STORY = 'insurer-unpaid-premium';
  const BILLING = 'journeys/premium-billing.journey.yaml';
  const COLLECTIONS = 'journeys/premium-collections.journey.yaml';
  const SCENARIO_FILE = 'journeys/scenarios/late-payer.scenario.yaml';

  const expectAtTheSms = (finding: Finding | undefined, variant: string): void => {
    expect(finding).toMatchObject({
      rule: 'conflicting-messages',
      severity: 'error',
      file: COLLECTIONS,
      line: lineOf(STORY, variant, COLLECTIONS, '- id: unpaid-premium-sms'),
      column: 5,
      journey: 'premium-collections',
      touchpoint: 'unpaid-premium-sms',
    });
    expect(finding!.related).toEqual([touchpointPlace(STORY, variant, BILLING, 'premium-billing', 'unpaid-premium-email')]);
    const message = finding!.message;
    for (const name of ['"unpaid-premium-sms"', '"unpaid-premium-email"', '"premium-collections"', '"premium-billing"', '"pay-unpaid-premium"']) {
      expect(message).toContain(name);
    }
  };

  it('reports the e-mail and the SMS on one trigger once, quoting both amounts and both portals', () => {
    const findings = only(lintStory(STORY, 'broken').findings, 'conflicting-messages');
    // The scenario sends both 4 hours apart too: still one finding, not one per way of finding it.
    expect(findings).toHaveLength(1);
    expectAtTheSms(findings[0], 'broken');
    const message = findings[0]!.message;
    expect(message).toContain('fire on the same trigger "premium.unpaid"');
    expect(message).toContain('"45,90 €"');
    expect(message).toContain('"€49.90"');
    expect(message).toContain('pay.insurer-payments.example/premium');
    expect(message).toContain('client.insurer.example/pay');
    // The due dates agree ("12/03" and "March 12"): they are not part of the conflict.
    expect(message).not.toContain('date');
  });

  it('finds the conflict through the scenario when the triggers differ but both messages land within the conflict window', () => {
    const findings = only(lintStory(STORY, 'broken-in-scenario').findings, 'conflicting-messages');
    expect(findings).toHaveLength(1);
    expectAtTheSms(findings[0], 'broken-in-scenario');
    expect(findings[0]).toMatchObject({ scenario: 'late-payer', time: at(4, 14) });
    const message = findings[0]!.message;
    expect(message).toContain('reach the customer 1d 5h apart in scenario "late-payer" (Thu 5 Mar 2026 09:00 and Fri 6 Mar 2026 14:00)');
    expect(message).toContain('"45,90 €"');
    expect(message).toContain('"€49.90"');
    expect(message).toContain('pay.insurer-payments.example/premium');
    expect(message).toContain('client.insurer.example/pay');
  });

  it('does not report the different triggers when the scenario puts them further apart than the conflict window', () => {
    const later = copyOfStory(STORY, 'broken-in-scenario');
    rewrite(later, SCENARIO_FILE, '{ at: 4d 10h, event: payment.failed }', '{ at: 5d 12h, event: payment.failed }');
    expect(lintDir(later).findings).toEqual([]);

    const narrower = copyOfStory(STORY, 'broken-in-scenario');
    rewrite(narrower, 'journeys.config.yaml', 'conflict-window: 48h', 'conflict-window: 24h');
    expect(lintDir(narrower).findings).toEqual([]);
  });

  it('reports two due dates for one premium', () => {
    const findings = only(lintStory(STORY, 'broken-date').findings, 'conflicting-messages');
    expect(findings).toHaveLength(1);
    expectAtTheSms(findings[0], 'broken-date');
    const message = findings[0]!.message;
    expect(message).toContain('the due date is "March 15" in one and "12/03" in the other');
    // Same amount written two ways, same portal with two query strings: no other disagreement.
    expect(message).not.toContain('amount');
    expect(message).not.toContain('link');
  });

  it('the fixed repository states one amount in two notations and one portal with two query strings, and lints clean', () => {
    const result = lintStory(STORY, 'fixed');
    expect(result.findings).toEqual([]);
    // The two messages are still compared (same intent, same trigger, 4 hours apart): they agree.
    const touchpoints = result.repo.journeys.flatMap((journey) => journey.touchpoints);
    const email = touchpoints.find((t) => t.id === 'unpaid-premium-email')!;
    const sms = touchpoints.find((t) => t.id === 'unpaid-premium-sms')!;
    expect([email.message?.intent, email.trigger]).toEqual(['pay-unpaid-premium', 'premium.unpaid']);
    expect([sms.message?.intent, sms.trigger]).toEqual(['pay-unpaid-premium', 'premium.unpaid']);
    expect(email.message?.text).toContain('45,90 €');
    expect(sms.message?.text).toContain('€45.90');
    expect(email.message?.cta).not.toBe(sms.message?.cta);
    expect(timesOf(timelineOf(result, 'late-payer'), 'unpaid-premium-sms')).toEqual([at(3, 13)]);
  });
});

describe('story: prospecting e-mails for premium after the customer subscribed (message-after-conversion)', () => {
  const STORY = 'prospecting-after-premium';
  const FILE = 'journeys/premium-prospecting.journey.yaml';

  it('reports the acquisition e-mail sent the day after the subscription, naming the conversion event and its time', () => {
    const findings = only(lintStory(STORY, 'broken').findings, 'message-after-conversion');
    // One finding for the touchpoint, not one per late send; none for the customer who stays free.
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: 'message-after-conversion',
      severity: 'warning',
      file: FILE,
      line: lineOf(STORY, 'broken', FILE, '- id: premium-offer-email'),
      column: 5,
      journey: 'premium-prospecting',
      touchpoint: 'premium-offer-email',
      scenario: 'quick-subscriber',
      time: at(11, 10),
    });
    const message = findings[0]!.message;
    expect(message).toContain('acquisition touchpoint "premium-offer-email" is still sent at Fri 13 Mar 2026 10:00');
    expect(message).toContain('after the customer converted ("premium.subscribed" at Thu 12 Mar 2026 15:00)');
    expect(message).toContain('until: premium.subscribed');
    expect(findings[0]!.related).toEqual([touchpointPlace(STORY, 'broken', FILE, 'premium-prospecting', 'premium-welcome-email')]);
  });

  it('the fixed repository stops the offers at the subscription, keeps them for those who stay free, and lints clean', () => {
    const result = lintStory(STORY, 'fixed');
    expect(result.findings).toEqual([]);
    expect(timesOf(timelineOf(result, 'quick-subscriber'), 'premium-offer-email')).toEqual([at(4, 10)]);
    expect(timesOf(timelineOf(result, 'stays-free'), 'premium-offer-email')).toEqual([at(4, 10), at(11, 10), at(18, 10), at(25, 10)]);
  });
});

describe('story: two teams each announce the shipped parcel (duplicate-touchpoint)', () => {
  const STORY = 'two-parcel-teams';
  const LOGISTICS = 'journeys/logistics-delivery.journey.yaml';
  const MARKETPLACE = 'journeys/marketplace-orders.journey.yaml';

  it('reports the second of the two near-identical e-mails, in file order, at its text, naming the first', () => {
    const findings = only(lintStory(STORY, 'broken').findings, 'duplicate-touchpoint');
    // Not the invoice e-mail (same channel and trigger, other news), not the SMS (same words, other channel).
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: 'duplicate-touchpoint',
      severity: 'warning',
      file: MARKETPLACE,
      line: lineOf(STORY, 'broken', MARKETPLACE, 'text: Good news — your parcel from EPICERIE FINE is ON ITS WAY.'),
      column: 13,
      journey: 'marketplace-orders',
      touchpoint: 'shipping-email',
    });
    const message = findings[0]!.message;
    expect(message).toContain('"shipping-email" says the same thing as "parcel-shipped-email"');
    expect(message).toContain('in journey "logistics-delivery" (journeys/logistics-delivery.journey.yaml)');
    expect(message).toContain('on the same channel (email) and trigger (order.shipped)');
    expect(findings[0]!.related).toEqual([
      {
        file: LOGISTICS,
        line: lineOf(STORY, 'broken', LOGISTICS, 'text: "Good news: your parcel', '- id: parcel-shipped-email'),
        column: 13,
        journey: 'logistics-delivery',
        touchpoint: 'parcel-shipped-email',
      },
    ]);
  });

  it('the fixed repository keeps one shipping e-mail and lints clean', () => {
    const result = lintStory(STORY, 'fixed');
    expect(result.findings).toEqual([]);
    const shipped = timelineOf(result, 'first-order').sends.filter((send) => send.cause.event === 'order.shipped');
    expect(shipped.map((send) => send.touchpoint.id).sort()).toEqual(['invoice-email', 'parcel-shipped-email', 'parcel-shipped-sms']);
  });
});

describe('story: a reminder SMS lands at 22:30 (quiet-hours)', () => {
  const STORY = 'late-sms';
  const FILE = 'journeys/cart-recovery.journey.yaml';

  it('reports the SMS at its delay, naming the time and the quiet hours', () => {
    const findings = only(lintStory(STORY, 'broken').findings, 'quiet-hours');
    // Not the e-mail at 21:30 (e-mail is outside the policy), not the lunchtime customer.
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: 'quiet-hours',
      severity: 'warning',
      file: FILE,
      line: lineOf(STORY, 'broken', FILE, 'after: 2h'),
      column: 12,
      journey: 'cart-recovery',
      touchpoint: 'cart-reminder-sms',
      scenario: 'evening-browser',
      time: at(0, 22, 30),
    });
    const message = findings[0]!.message;
    expect(message).toContain('"cart-reminder-sms" (sms) is sent at Mon 2 Mar 2026 22:30');
    expect(message).toContain('inside quiet hours (21:00 to 08:00)');
    expect(message).toContain('after "cart.abandoned" at Mon 2 Mar 2026 20:30');
    const scenarioFile = 'journeys/scenarios/evening-browser.scenario.yaml';
    expect(findings[0]!.related).toEqual([expect.objectContaining({ file: scenarioFile, line: lineOf(STORY, 'broken', scenarioFile, 'event: cart.abandoned') })]);
  });

  it('the fixed repository holds the SMS until 09:00 and lints clean', () => {
    const result = lintStory(STORY, 'fixed');
    expect(result.findings).toEqual([]);
    expect(timesOf(timelineOf(result, 'evening-browser'), 'cart-reminder-sms')).toEqual([at(1, 9)]);
    // The lunchtime customer ordered before the next 09:00: no SMS at all.
    expect(timesOf(timelineOf(result, 'lunchtime-browser'), 'cart-reminder-sms')).toEqual([]);
  });
});

describe('simulate(repo) on the coffee roastery', () => {
  const load = (): CheckResult => lintStory('simulation', '.');
  const regular = (): Timeline => timelineOf(load(), 'regular-customer');
  const silent = (): Timeline => timelineOf(load(), 'silent-customer');

  it('the fixture itself lints clean', () => {
    expect(load().findings).toEqual([]);
  });

  it('after: sends the delay after the trigger', () => {
    expect(timesOf(regular(), 'shipping-sms')).toEqual([at(2, 10, 30)]);
    expect(timesOf(silent(), 'shipping-sms')).toEqual([at(1, 10, 30)]);
  });

  it('at: sends at the next occurrence of that local time, the same day or the next, or at once when it is that time', () => {
    // Orders at 0d 07:00 (same day 08:00) and 1d 19:00 (next day 08:00).
    expect(timesOf(regular(), 'roast-day-push')).toEqual([at(0, 8), at(2, 8)]);
    // An order at 08:00 sharp: sent at 08:00, not a day later.
    expect(timesOf(silent(), 'roast-day-push')).toEqual([at(0, 8)]);
    // With a delay first: delivered 2d 09:00, +7d is 9d 09:00, then the next 10:00.
    expect(timesOf(silent(), 'refill-reminder-email')[0]).toBe(at(9, 10));
  });

  it('repeat: times + 1 sends, every apart, each keeping the send hour', () => {
    const reviews = sendsOf(silent(), 'review-request-email');
    expect(reviews.map((send) => send.time)).toEqual([at(4, 9), at(7, 9), at(10, 9)]);
    expect(reviews.map((send) => send.repeat)).toEqual([0, 1, 2]);
    expect(timesOf(silent(), 'refill-reminder-email')).toEqual([at(9, 10), at(16, 10), at(23, 10)]);
    expect(timesOf(regular(), 'refill-reminder-email')).toEqual([at(10, 10), at(17, 10), at(24, 10)]);
  });

  it('until: no send at or after the until event', () => {
    // Due at 5d 09:00, 8d 09:00 and 11d 09:00; the review is posted at 8d 09:00 exactly.
    expect(timesOf(regular(), 'review-request-email')).toEqual([at(5, 9)]);
  });

  it('a trigger that occurs twice fires the touchpoint twice', () => {
    const confirmations = sendsOf(regular(), 'order-confirmation-email');
    expect(confirmations.map((send) => send.time)).toEqual([at(0, 7), at(1, 19)]);
    expect(confirmations.map((send) => send.cause.at)).toEqual([at(0, 7), at(1, 19)]);
    expect(confirmations.map((send) => send.repeat)).toEqual([0, 0]);
  });

  it('the timeline is sorted by time, whatever the order of the events in the scenario file', () => {
    const sends = regular().sends.map((send) => [send.time, send.touchpoint.id]);
    expect(sends).toEqual([
      [at(0, 7), 'order-confirmation-email'],
      [at(0, 8), 'roast-day-push'],
      [at(1, 19), 'order-confirmation-email'],
      [at(2, 8), 'roast-day-push'],
      [at(2, 10, 30), 'shipping-sms'],
      [at(5, 9), 'review-request-email'],
      [at(10, 10), 'refill-reminder-email'],
      [at(17, 10), 'refill-reminder-email'],
      [at(24, 10), 'refill-reminder-email'],
    ]);
    for (const timeline of simulate(load().repo)) {
      const times = timeline.sends.map((send) => send.time);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it('is deterministic: two loads simulate to equal timelines', () => {
    const first = simulate(load().repo);
    const second = simulate(load().repo);
    expect(first).not.toBe(second);
    expect(second).toEqual(first);
    const plain = (timelines: readonly Timeline[]) =>
      timelines.map((t) => [t.scenario.id, t.sends.map((s) => [s.time, s.journey.id, s.touchpoint.id, s.repeat, s.cause.event, s.channel, s.outbound])]);
    expect(plain(second)).toEqual(plain(first));
  });
});
