import { extractFigures, type Figure } from '../analyze/figures.ts';
import { ctaTarget } from '../analyze/links.ts';
import { defineRule } from '../model/rule.ts';
import { formatDuration } from '../model/duration.ts';
import { MAX_MESSAGE_SUBJECT, MAX_MESSAGE_TEXT } from '../model/limits.ts';
import type { Journey, Touchpoint } from '../model/types.ts';
import { formatMoment } from '../simulate/clock.ts';
import { simulate } from '../simulate/timeline.ts';
import { pushTo } from '../model/collections.ts';

/** What a message commits to: where its link leads, and the figures it states, by kind. */
interface Claims {
  readonly journey: Journey;
  readonly touchpoint: Touchpoint;
  readonly cta?: string;
  readonly figures: ReadonlyMap<string, readonly Figure[]>;
}

const DEFAULT_WINDOW = 48 * 60;
/** The most figures of one kind a message quotes before it says "and N more". */
const SHOWN = 5;

const KIND_NAMES: Readonly<Record<string, string>> = { amount: 'the amount', date: 'the date', percentage: 'the percentage' };

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

function claimsOf(journey: Journey, touchpoint: Touchpoint): Claims {
  const figures = new Map<string, Figure[]>();
  const { subject, text } = touchpoint.message ?? {};
  // Each cut at the schema's maxLength (a longer one is a `schema` finding): a text of any length costs the same bounded time.
  for (const figure of extractFigures([subject?.slice(0, MAX_MESSAGE_SUBJECT), text?.slice(0, MAX_MESSAGE_TEXT)].filter(Boolean).join('\n'))) {
    pushTo(figures, figure.kind, figure);
  }
  return { journey, touchpoint, cta: ctaTarget(touchpoint.message?.cta), figures };
}

/** How two messages disagree, in words; empty when they do not. Figures disagree when they have no value in common. */
function disagreements(a: Claims, b: Claims): string[] {
  const found: string[] = [];
  if (a.cta !== undefined && b.cta !== undefined && a.cta !== b.cta) {
    found.push(`the link goes to ${a.cta} in one and ${b.cta} in the other`);
  }
  for (const [kind, figuresA] of a.figures) {
    const figuresB = b.figures.get(kind);
    if (!figuresB) continue;
    const valuesB = new Set(figuresB.map((figure) => figure.value));
    if (figuresA.some((figure) => valuesB.has(figure.value))) continue;
    const name = KIND_NAMES[kind] ?? `the number of ${kind.slice('count:'.length)}s`;
    const show = (figures: readonly Figure[]): string => {
      const listed = figures.slice(0, SHOWN).map((figure) => `"${figure.text}"`).join(', ');
      return figures.length > SHOWN ? `${listed} and ${figures.length - SHOWN} more` : listed;
    };
    found.push(`${name} is ${show(figuresA)} in one and ${show(figuresB)} in the other`);
  }
  return found;
}

const place = (claims: Claims): string => `"${claims.touchpoint.id}" (journey "${claims.journey.id}", ${claims.journey.file})`;

export default defineRule({
  meta: {
    id: 'conflicting-messages',
    severity: 'error',
    description:
      'Touchpoints with the same intent that fire close together (same trigger, or within policy.conflict-window in a scenario) and disagree: different call-to-action targets (host or path), or different figures (amounts, dates, counts, percentages) in their texts.',
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
    const groups = new Map<string, { journey: Journey; touchpoint: Touchpoint }[]>();
    for (const journey of repo.journeys) {
      for (const touchpoint of journey.touchpoints) {
        const intent = touchpoint.message?.intent;
        if (intent === undefined || touchpoint.trigger === undefined) continue;
        pushTo(groups, `${intent}\u0000${touchpoint.trigger}`, { journey, touchpoint });
      }
    }
    for (const members of groups.values()) {
      if (members.length < 2) continue;
      const references: Claims[] = [];
      for (const member of members) {
        const item = claimsFor(member.journey, member.touchpoint);
        for (const reference of references) if (conflict(item, reference, { messageId: 'same-trigger', data: { trigger: item.touchpoint.trigger ?? '' } })) break;
        const states = (claim: Claims, kind: string): boolean => (kind === 'cta' ? claim.cta !== undefined : claim.figures.has(kind));
        const kinds = [...(item.cta !== undefined ? ['cta'] : []), ...item.figures.keys()];
        if (kinds.some((kind) => !references.some((reference) => states(reference, kind)))) references.push(item);
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
