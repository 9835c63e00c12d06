import { ctaTarget } from '../analyze/links.ts';
import { firstSimilar, normalizeText, shingles, type Match, type Shingles } from '../analyze/similarity.ts';
import { audienceGroups, meetsAnother } from '../model/audience.ts';
import { defineRule } from '../model/rule.ts';
import { MAX_MESSAGE_SUBJECT, MAX_MESSAGE_TEXT } from '../model/limits.ts';
import { child } from '../model/refs.ts';
import { quote } from '../model/text.ts';
import type { Journey, Touchpoint } from '../model/types.ts';
import { groupsOf, touchpointsByTrigger } from '../model/triggers.ts';

interface Options {
  readonly threshold: number;
}

const journey = (id: string, owner: string, text: string): string =>
  [
    `journey: ${id}`,
    'version: 1',
    `title: ${id}`,
    'stages:',
    '  - id: delivery',
    'touchpoints:',
    `  - id: ${owner}-shipping-email`,
    '    stage: delivery',
    '    channel: email',
    '    trigger: order.shipped',
    '    message:',
    `      text: "${text}"`,
    '',
  ].join('\n');

/** A card-shipped SMS for a segment's journey, with its intent and link. */
const cardShipped = (id: string, personas: string, text: string, link: string): string =>
  [
    `journey: ${id}`,
    'version: 1',
    `title: ${id}`,
    `personas: [${personas}]`,
    'stages:',
    '  - id: delivery',
    'touchpoints:',
    `  - id: ${id}-card-sms`,
    '    stage: delivery',
    '    channel: sms',
    '    trigger: card.shipped',
    '    message:',
    '      intent: track-card-delivery',
    `      text: "${text}"`,
    `      cta: ${link}`,
    '',
  ].join('\n');

const PERSONAS = 'personas:\n  - id: retail\n    name: Retail customers\n  - id: premium\n    name: Premium customers\n';

/**
 * The words a message says, for comparison: subject and text together, each cut
 * at the schema's maxLength (a longer one is a `schema` finding), so that a text
 * of any length costs the same bounded time.
 */
function wording(touchpoint: Touchpoint): string | undefined {
  const { subject, text } = touchpoint.message ?? {};
  const words = [subject?.slice(0, MAX_MESSAGE_SUBJECT), text?.slice(0, MAX_MESSAGE_TEXT)].filter(Boolean).join(' ');
  return words.trim() === '' ? undefined : words;
}

/**
 * The trigrams of each touchpoint's wording, kept with the touchpoint (a model is never
 * changed): journeys dev after an edit, and the site's score history at each commit, lint
 * again the touchpoints of every file that did not change.
 */
const keptTrigrams = new WeakMap<Touchpoint, Shingles>();

export default defineRule<Options>({
  meta: {
    id: 'duplicate-touchpoint',
    severity: 'warning',
    description:
      'Two touchpoints, in one journey or in two, on the same channel and trigger whose messages say the same thing (near-identical text, not only equal text, or the same intent and the same link in other words), for audiences that meet (journeys for two different personas never reach the same customer).',
    rationale:
      'When two teams each send "your parcel is on its way", the customer gets the news twice and wonders which one to trust. Duplicates waste budget and attention, and drift apart as each team edits its copy.',
    fix: 'Keep one touchpoint, owned by one team, and delete the other; or make each say something the other does not.',
    options: {
      type: 'object',
      properties: {
        threshold: {
          type: 'number',
          minimum: 0.5,
          maximum: 1,
          description:
            'How similar two messages must be, from 0.5 to 1, to count as the same: the Sørensen–Dice coefficient of their character trigrams once case, accents, punctuation, spacing and numbers are set aside.',
        },
      },
      additionalProperties: false,
    },
    defaults: { threshold: 0.8 },
    messages: {
      duplicate: 'Touchpoint "{{touchpoint}}" says the same thing as "{{other}}" {{where}}, on the same channel ({{channel}}) and trigger ({{trigger}}): {{text}} and {{otherText}} (similarity {{similarity}}).',
      'same-intent-and-link':
        'Touchpoint "{{touchpoint}}" asks the same thing as "{{other}}" {{where}} in other words: same intent ("{{intent}}") and same link ({{link}}), on the same channel ({{channel}}) and trigger ({{trigger}}).',
    },
    identity: ['touchpoints'],
    examples: {
      fail: [
        {
          title: 'Two teams announce the same shipment',
          files: {
            'journeys/order.journey.yaml': journey('order', 'logistics', 'Good news: your parcel is on its way!'),
            'journeys/marketplace.journey.yaml': journey('marketplace', 'crm', 'Good news, your parcel is on its way.'),
          },
          findings: [{ file: 'journeys/order.journey.yaml', line: 12, column: 13, message: 'says the same thing as "crm-shipping-email"' }],
        },
        {
          title: 'Two teams ask the same thing in other words: same intent, same link',
          files: {
            'journeys/cards.journey.yaml': cardShipped('cards', 'retail', 'Your new card is on its way. Follow its delivery in the app.', 'https://bank.example/cards/track?src=cards'),
            'journeys/retail-banking.journey.yaml': cardShipped('retail-banking', 'retail, premium', 'Northbank: track the letter bringing your card.', 'https://www.bank.example/cards/track/'),
            'journeys/personas.yaml': PERSONAS,
          },
          findings: [{ file: 'journeys/retail-banking.journey.yaml', line: 13, column: 15, message: 'same intent ("track-card-delivery") and same link (bank.example/cards/track)' }],
        },
      ],
      pass: [
        {
          title: 'Different news on the same trigger',
          files: {
            'journeys/order.journey.yaml': journey('order', 'logistics', 'Good news: your parcel is on its way!'),
            'journeys/marketplace.journey.yaml': journey('marketplace', 'crm', 'Rate the seller of your last order.'),
          },
        },
        {
          title: 'One journey per segment on the same event: a customer is retail or premium, never both',
          files: {
            'journeys/retail-cards.journey.yaml': cardShipped('retail-cards', 'retail', 'Your new card is on its way. Follow its delivery in the app.', 'https://bank.example/cards/track'),
            'journeys/premium-cards.journey.yaml': cardShipped('premium-cards', 'premium', 'Your new card is on its way. Follow its delivery in the app.', 'https://bank.example/cards/track'),
            'journeys/personas.yaml': PERSONAS,
          },
        },
      ],
    },
  },
  check({ repo, options, report }) {
    type Item = { journey: Journey; touchpoint: Touchpoint; text: string; link?: string };
    // Most touchpoints are alone on their channel and trigger: their wording and link are never needed.
    const places = [...touchpointsByTrigger(repo).values()].flatMap((placed) => groupsOf(placed, (touchpoint) => (touchpoint.message === undefined ? undefined : touchpoint.channel)));
    const groups: Item[][] = [];
    for (const place of places) {
      // A segment's own copy of a message, which no other of the place can reach a customer with, is left out.
      const meets = meetsAnother(place.map(({ journey }) => journey));
      const items = place.flatMap(({ journey, touchpoint }, index): Item[] => {
        if (!meets[index]) return [];
        const text = wording(touchpoint);
        return text === undefined ? [] : [{ journey, touchpoint, text, link: ctaTarget(touchpoint.message?.cta) }];
      });
      if (items.length >= 2) groups.push(items);
    }
    // Many touchpoints say the very same words (a segment's copy of a journey): each wording is cut into trigrams once.
    const trigrams = new Map<string, Shingles>();
    const shinglesOf = ({ touchpoint, text }: Item): Shingles => {
      let found = keptTrigrams.get(touchpoint);
      if (found === undefined) {
        found = trigrams.get(text);
        if (found === undefined) trigrams.set(text, (found = shingles(normalizeText(text))));
        keptTrigrams.set(touchpoint, found);
      }
      return found;
    };
    const where = (item: Item, other: Item): string => (other.journey === item.journey ? 'in this journey' : `in journey "${other.journey.id}" (${other.journey.file})`);
    for (const group of groups) {
      const index = new Map(group.map((item, i) => [item, i]));
      // For each item, the first earlier one it repeats that one customer can also receive: by wording, or by intent and link.
      const similar: (Match | undefined)[] = [];
      const samePurpose: (number | undefined)[] = [];
      const earliest = (found: number | undefined, candidate: number): number => (found === undefined || candidate < found ? candidate : found);
      for (const members of audienceGroups(group, (item) => item.journey)) {
        if (members.length < 2) continue;
        const at = members.map((item) => index.get(item)!);
        const matches = firstSimilar(members.map(shinglesOf), options.threshold);
        matches.forEach((match, i) => {
          const known = similar[at[i]!];
          if (match && (!known || at[match.of]! < known.of)) similar[at[i]!] = { of: at[match.of]!, score: match.score };
        });
        const firstOfPurpose = new Map<string, number>();
        members.forEach((item, i) => {
          const intent = item.touchpoint.message?.intent;
          if (intent === undefined || item.link === undefined) return;
          const key = `${intent}\u0000${item.link}`;
          const first = firstOfPurpose.get(key);
          if (first === undefined) firstOfPurpose.set(key, at[i]!);
          else samePurpose[at[i]!] = earliest(samePurpose[at[i]!], first);
        });
      }
      group.forEach((item, i) => {
        const { journey, touchpoint, text } = item;
        const match = similar[i];
        if (match) {
          const other = group[match.of]!;
          const field = touchpoint.message?.text !== undefined ? 'text' : 'subject';
          report({
            at: child(touchpoint.ref, 'message', field),
            journey: journey.id,
            touchpoint: touchpoint.id,
            // The pair is the identity (see meta.identity), not the similarity: rewording one text a little is the same finding.
            messageId: 'duplicate',
            data: {
              touchpoint: touchpoint.id,
              other: other.touchpoint.id,
              where: where(item, other),
              channel: touchpoint.channel ?? '',
              trigger: touchpoint.trigger ?? '',
              text: quote(text),
              otherText: quote(other.text),
              similarity: match.score.toFixed(2),
            },
            related: [{ at: child(other.touchpoint.ref, 'message', field), journey: other.journey.id, touchpoint: other.touchpoint.id }],
          });
          return;
        }
        const of = samePurpose[i];
        if (of === undefined) return;
        const other = group[of]!;
        report({
          at: child(touchpoint.ref, 'message', 'intent'),
          journey: journey.id,
          touchpoint: touchpoint.id,
          messageId: 'same-intent-and-link',
          data: {
            touchpoint: touchpoint.id,
            other: other.touchpoint.id,
            where: where(item, other),
            intent: touchpoint.message?.intent ?? '',
            link: item.link ?? '',
            channel: touchpoint.channel ?? '',
            trigger: touchpoint.trigger ?? '',
          },
          related: [{ at: child(other.touchpoint.ref, 'message', 'intent'), journey: other.journey.id, touchpoint: other.touchpoint.id }],
        });
      });
    }
  },
});
