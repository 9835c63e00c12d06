import { extractFigures, figureDifferences, figureName, type Figure } from '../analyze/figures.ts';
import { ctaTarget } from '../analyze/links.ts';
import { audiencesMeet, meetsAnother } from '../model/audience.ts';
import { defineRule } from '../model/rule.ts';
import { formatDuration } from '../model/duration.ts';
import { MAX_MESSAGE_SUBJECT, MAX_MESSAGE_TEXT } from '../model/limits.ts';
import type { Journey, Touchpoint } from '../model/types.ts';
import { formatMoment } from '../simulate/clock.ts';
import { simulate } from '../simulate/timeline.ts';
import { groupsOf, touchpointsByTrigger } from '../model/triggers.ts';

/** What a message commits to: where its link leads, and the figures it states, with their roles. */
interface Claims {
  readonly journey: Journey;
  readonly touchpoint: Touchpoint;
  readonly cta?: string;
  readonly figures: readonly Figure[];
  /** What it states: `cta`, and each kind and role of figure. */
  readonly states: ReadonlySet<string>;
}

const DEFAULT_WINDOW = 48 * 60;
/** The most figures of one kind a message quotes before it says "and N more". */
const SHOWN = 5;

const journey = (smsText: string, smsLink: string): string =>
  [
    'journey: premium-collection',
    'version: 1',
    'title: Premium collection',
    'stages:',
    '  - id: unpaid',
    'touchpoints:',
    '  - id: unpaid-email',
    '    stage: unpaid',
    '    channel: email',
    '    trigger: premium.unpaid',
    '    message:',
    '      intent: pay-unpaid-premium',
    '      text: Your premium of 45,90 € is unpaid. Please pay it before 12/03.',
    '      cta: https://client.insurer.example/pay',
    '  - id: unpaid-sms',
    '    stage: unpaid',
    '    channel: sms',
    '    trigger: premium.unpaid',
    '    after: 4h',
    '    message:',
    '      intent: pay-unpaid-premium',
    `      text: "${smsText}"`,
    `      cta: ${smsLink}`,
    '',
  ].join('\n');

/** An account fee notice by e-mail and by letter, on one trigger, for the journey's segments. */
const feeNotice = (id: string, personas: string, emailText: string, letterText: string): string =>
  [
    `journey: ${id}`,
    'version: 1',
    `title: Account fees (${id})`,
    `personas: [${personas}]`,
    'stages:',
    '  - id: fees',
    'touchpoints:',
    `  - id: ${id}-fee-email`,
    '    stage: fees',
    '    channel: email',
    '    trigger: fees.yearly-notice',
    '    message:',
    '      intent: announce-account-fees',
    `      text: "${emailText}"`,
    `  - id: ${id}-fee-letter`,
    '    stage: fees',
    '    channel: mail',
    '    trigger: fees.yearly-notice',
    '    message:',
    '      intent: announce-account-fees',
    `      text: "${letterText}"`,
    '',
  ].join('\n');

const PERSONAS = 'personas:\n  - id: retail\n    name: Retail customers\n  - id: private\n    name: Private banking\n';

function claimsOf(journey: Journey, touchpoint: Touchpoint): Claims {
  const { subject, text } = touchpoint.message ?? {};
  // Each cut at the schema's maxLength (a longer one is a `schema` finding): a text of any length costs the same bounded time.
  const figures = extractFigures([subject?.slice(0, MAX_MESSAGE_SUBJECT), text?.slice(0, MAX_MESSAGE_TEXT)].filter(Boolean).join('\n'));
  const cta = ctaTarget(touchpoint.message?.cta);
  const states = new Set([...(cta !== undefined ? ['cta'] : []), ...figures.map((figure) => `${figure.kind}\u0000${figure.role ?? ''}`)]);
  return { journey, touchpoint, cta, figures, states };
}

/**
 * How two messages disagree, in words; empty when they do not. Figures are compared
 * one by one, by kind and role (see figureDifferences), so that a changed yearly
 * amount is a conflict even when the monthly amount beside it did not change.
 */
function disagreements(a: Claims, b: Claims): string[] {
  const found: string[] = [];
  if (a.cta !== undefined && b.cta !== undefined && a.cta !== b.cta) {
    found.push(`the link goes to ${a.cta} in one and ${b.cta} in the other`);
  }
  const show = (figures: readonly Figure[]): string => {
    const listed = figures.slice(0, SHOWN).map((figure) => `"${figure.text}"`).join(', ');
    return figures.length > SHOWN ? `${listed} and ${figures.length - SHOWN} more` : listed;
  };
  for (const difference of figureDifferences(a.figures, b.figures)) {
    found.push(`${figureName(difference.kind, difference.role)} is ${show(difference.a)} in one and ${show(difference.b)} in the other`);
  }
  return found;
}

const place = (claims: Claims): string => `"${claims.touchpoint.id}" (journey "${claims.journey.id}", ${claims.journey.file})`;

export default defineRule({
  meta: {
    id: 'conflicting-messages',
    severity: 'error',
    description:
      'Touchpoints with the same intent that fire close together (same trigger, or within policy.conflict-window in a scenario), for audiences that meet (journeys for two different personas never reach the same customer), and disagree: different call-to-action targets (host or path), or a figure (amount, date, count, percentage) stated differently, compared figure by figure by its role in the sentence (a yearly or monthly amount, a fee, a total, a due date...).',
    rationale:
      'An e-mail and an SMS about one unpaid premium, with two amounts and links to two portals, tell the customer that the company does not know what it is asking. They call the contact centre, or pay the wrong amount in the wrong place.',
    fix: 'Make the messages of one intent say the same figures and link to the same place; ideally take both from one source of truth.',
    messages: {
      'same-trigger': '{{place}} and {{otherPlace}} share the intent "{{intent}}" and fire on the same trigger "{{trigger}}", but disagree: {{problems}}.',
      'close-in-scenario': '{{place}} and {{otherPlace}} share the intent "{{intent}}" and reach the customer {{apart}} apart in scenario "{{scenario}}" ({{earlierAt}} and {{laterAt}}), but disagree: {{problems}}.',
    },
    identity: ['touchpoints'],
    examples: {
      fail: [
        {
          title: 'One unpaid premium, two amounts and two portals',
          files: {
            'journeys/premium-collection.journey.yaml': journey(
              'Premium unpaid: €49.90 to pay by March 12.',
              'https://pay.insurer.example/premium',
            ),
          },
          findings: [{ line: 15, column: 5, message: 'the amount is "€49.90" in one and "45,90 €" in the other' }],
        },
        {
          title: 'The yearly fee changed in one message only, the monthly fee beside it did not',
          files: {
            'journeys/retail-fees.journey.yaml': feeNotice(
              'retail-fees',
              'retail',
              'Your account fee for next year is 842,40 € per year, that is 70,20 € per month.',
              'Account fee from January: 824.40 EUR a year (70.20 EUR a month).',
            ),
            'journeys/personas.yaml': PERSONAS,
          },
          findings: [{ line: 15, column: 5, message: 'the yearly fee is "824.40 EUR" in one and "842,40 €" in the other' }],
        },
      ],
      pass: [
        {
          title: 'The same figures and portal, written differently',
          files: {
            'journeys/premium-collection.journey.yaml': journey(
              'Premium unpaid: €45.90 to pay by March 12.',
              'https://client.insurer.example/pay?utm_source=sms',
            ),
          },
        },
        {
          title: 'One fee notice per segment: a customer is retail or private, never both, and gets one of them',
          files: {
            'journeys/retail-fees.journey.yaml': feeNotice(
              'retail-fees',
              'retail',
              'Your account fee is 2,50 € per month from January.',
              'Account fee from January: 2.50 EUR a month.',
            ),
            'journeys/private-fees.journey.yaml': feeNotice(
              'private-fees',
              'private',
              'Your account fee is 0 € per month from January: it is included in your private banking agreement.',
              'Account fee from January: 0 EUR a month, included in your agreement.',
            ),
            'journeys/personas.yaml': PERSONAS,
          },
        },
      ],
    },
  },
  check({ repo, report }) {
    const claims = new Map<Touchpoint, Claims>();
    const claimsFor = (journey: Journey, touchpoint: Touchpoint): Claims => {
      let found = claims.get(touchpoint);
      if (!found) claims.set(touchpoint, (found = claimsOf(journey, touchpoint)));
      return found;
    };
    const reported = new Set<string>();
    type How = { messageId: 'same-trigger'; data: { trigger: string } } | { messageId: 'close-in-scenario'; data: Record<string, string> };
    const conflict = (later: Claims, earlier: Claims, how: How, extra: { scenario?: string; time?: number } = {}): boolean => {
      // One customer belongs to one segment: journeys for two segments never reach the same person.
      if (!audiencesMeet(later.journey, earlier.journey)) return false;
      const problems = disagreements(later, earlier);
      if (problems.length === 0) return false;
      const key = [later.touchpoint, earlier.touchpoint].map((t) => `${t.journey}\u0000${t.id}`).sort().join('\u0001');
      if (reported.has(key)) return true;
      reported.add(key);
      report({
        at: later.touchpoint.ref,
        journey: later.journey.id,
        touchpoint: later.touchpoint.id,
        ...extra,
        messageId: how.messageId,
        data: { place: place(later), otherPlace: place(earlier), intent: later.touchpoint.message?.intent ?? '', ...how.data, problems: problems.join('; ') },
        related: [{ at: earlier.touchpoint.ref, journey: earlier.journey.id, touchpoint: earlier.touchpoint.id }],
      });
      return true;
    };

    // Statically: same intent and same trigger. Each message is compared with the
    // first of its group that states each thing, which keeps the work linear.
    const groups = [...touchpointsByTrigger(repo).values()].flatMap((placed) => groupsOf(placed, (touchpoint) => touchpoint.message?.intent));
    for (const members of groups) {
      const meets = meetsAnother(members.map((member) => member.journey));
      const references: Claims[] = [];
      for (const [index, member] of members.entries()) {
        // One whose audience meets no other member's (a segment's own copy of a message) has nothing to disagree
        // with here, and no other member compares with it: its figures are not even read.
        if (!meets[index]) continue;
        const item = claimsFor(member.journey, member.touchpoint);
        for (const reference of references) if (conflict(item, reference, { messageId: 'same-trigger', data: { trigger: item.touchpoint.trigger ?? '' } })) break;
        if ([...item.states].some((thing) => !references.some((reference) => audiencesMeet(reference.journey, item.journey) && reference.states.has(thing)))) references.push(item);
      }
    }

    // In scenarios: same intent, sent within the conflict window of each other.
    const window = repo.config.policy.conflictWindow ?? DEFAULT_WINDOW;
    for (const { scenario, sends } of simulate(repo)) {
      const recent = new Map<string, typeof sends>();
      for (const send of sends) {
        if (send.intent === undefined) continue;
        const earlier = (recent.get(send.intent) ?? []).filter((other) => send.time - other.time <= window);
        const kept = earlier.filter((other) => other.touchpoint !== send.touchpoint);
        kept.push(send);
        recent.set(send.intent, kept);
        for (const other of earlier) {
          if (other.touchpoint === send.touchpoint) continue;
          const how: How = {
            messageId: 'close-in-scenario',
            data: { apart: formatDuration(send.time - other.time), scenario: scenario.id, earlierAt: formatMoment(other.time, scenario.start), laterAt: formatMoment(send.time, scenario.start) },
          };
          if (conflict(claimsFor(send.journey, send.touchpoint), claimsFor(other.journey, other.touchpoint), how, { scenario: scenario.id, time: send.time })) break;
        }
      }
    }
  },
});
