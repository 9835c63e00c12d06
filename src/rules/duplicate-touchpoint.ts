import { firstSimilar, normalizeText, shingles } from '../analyze/similarity.ts';
import { defineRule } from '../model/rule.ts';
import { MAX_MESSAGE_SUBJECT, MAX_MESSAGE_TEXT } from '../model/limits.ts';
import { child } from '../model/refs.ts';
import { quote } from '../model/text.ts';
import type { Journey, Touchpoint } from '../model/types.ts';
import { pushTo } from '../model/collections.ts';

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

export default defineRule<Options>({
  meta: {
    id: 'duplicate-touchpoint',
    severity: 'warning',
    description:
      'Two touchpoints, in one journey or in two, on the same channel and trigger whose messages say the same thing (near-identical text, not only equal text).',
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
      ],
      pass: [
        {
          title: 'Different news on the same trigger',
          files: {
            'journeys/order.journey.yaml': journey('order', 'logistics', 'Good news: your parcel is on its way!'),
            'journeys/marketplace.journey.yaml': journey('marketplace', 'crm', 'Rate the seller of your last order.'),
          },
        },
      ],
    },
  },
  check({ repo, options, report }) {
    const groups = new Map<string, { journey: Journey; touchpoint: Touchpoint; text: string }[]>();
    for (const journey of repo.journeys) {
      for (const touchpoint of journey.touchpoints) {
        const text = wording(touchpoint);
        if (text === undefined || touchpoint.channel === undefined || touchpoint.trigger === undefined) continue;
        pushTo(groups, `${touchpoint.channel}\u0000${touchpoint.trigger}`, { journey, touchpoint, text });
      }
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      const matches = firstSimilar(
        group.map((item) => shingles(normalizeText(item.text))),
        options.threshold,
      );
      matches.forEach((match, index) => {
        if (!match) return;
        const { journey, touchpoint, text } = group[index]!;
        const other = group[match.of]!;
        const where = other.journey === journey ? 'in this journey' : `in journey "${other.journey.id}" (${other.journey.file})`;
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
            where,
            channel: touchpoint.channel ?? '',
            trigger: touchpoint.trigger ?? '',
            text: quote(text),
            otherText: quote(other.text),
            similarity: match.score.toFixed(2),
          },
          related: [{ at: child(other.touchpoint.ref, 'message', field), journey: other.journey.id, touchpoint: other.touchpoint.id }],
        });
      });
    }
  },
});
