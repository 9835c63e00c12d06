import { defineRule } from '../model/rule.ts';
import { formatDuration } from '../model/duration.ts';
import { plural } from '../model/text.ts';
import type { MaxMessages } from '../model/types.ts';
import { formatMoment } from '../simulate/clock.ts';
import { simulate, type Send, type Timeline } from '../simulate/timeline.ts';

const CONFIG = 'policy:\n  max-messages:\n    - { per: 1d, max: 2 }\n';
const SCENARIO = 'scenario: new-customer\nevents:\n  - { at: 0d 9h, event: account.opened }\n';
const journey = (smsTrigger: string): string =>
  [
    'journey: welcome',
    'version: 1',
    'title: Welcome',
    'stages:',
    '  - id: start',
    'touchpoints:',
    '  - { id: welcome-email, stage: start, channel: email, trigger: account.opened }',
    '  - { id: app-push, stage: start, channel: push, trigger: account.opened, after: 1h }',
    `  - { id: welcome-sms, stage: start, channel: sms, trigger: ${smsTrigger}, after: 2h }`,
    '',
  ].join('\n');

const DAY = 24 * 60;

/** A marketing e-mail in the evening, a marketing push after midnight, and a payment-failure SMS. */
const evening = (config: string): Record<string, string> => ({
  'journeys/card.journey.yaml': [
    'journey: card',
    'version: 1',
    'title: Card',
    'stages:',
    '  - id: use',
    'touchpoints:',
    '  - { id: upgrade-offer, stage: use, channel: email, role: acquisition, trigger: card.used, at: "23:00" }',
    '  - { id: travel-offer, stage: use, channel: push, role: acquisition, trigger: card.used, after: 2h }',
    '  - { id: payment-failed, stage: use, channel: sms, role: billing, trigger: card.used, after: 1h }',
    '',
  ].join('\n'),
  'journeys/scenarios/late-payment.scenario.yaml': 'scenario: late-payment\nevents:\n  - { at: 0d 23h, event: card.used }\n',
  'journeys.config.yaml': `policy:\n  max-messages:\n    - ${config}\n`,
});

/** The most names a message lists before it says "and N more". */
const NAMES = 6;

interface Episode {
  /** Index of the send that first took a window over the limit. */
  readonly crossing: number;
  /** The fullest window of the episode, as [first, last] send indexes. */
  peak: [number, number];
}

/**
 * The limit as a message names it, and as findings are known by: a limit written before
 * categories and counts existed reads as it did then, so that its findings stay the same.
 */
export function describeLimit(limit: MaxMessages): string {
  const scope = limit.channels ? `on ${limit.channels.join(', ')}` : 'on all outbound channels';
  const categories = limit.categories ? `, ${limit.categories.join(', ')} only` : '';
  const count = limit.count === 'calendar-day' ? (limit.per > DAY ? ', by calendar days from day 0' : ', by calendar day') : '';
  return `${limit.max} per ${formatDuration(limit.per)} ${scope}${categories}${count}`;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].map(([name, count]) => `${name} ×${count}`).join(', ');
}

/** Maximal runs of over-limit sliding windows, found with two pointers over elapsed time: linear in the number of sends. */
function slidingEpisodes(sends: readonly Send[], limit: MaxMessages): Episode[] {
  const found: Episode[] = [];
  let current: Episode | undefined;
  let first = 0;
  for (let last = 0; last < sends.length; last += 1) {
    while (sends[last]!.instant - sends[first]!.instant >= limit.per) first += 1;
    const count = last - first + 1;
    if (count > limit.max) {
      if (!current) found.push((current = { crossing: last, peak: [first, last] }));
      else if (count > current.peak[1] - current.peak[0] + 1) current.peak = [first, last];
    } else {
      current = undefined;
    }
  }
  return found;
}

/**
 * Over-limit periods of whole calendar days (`per` of them, from day 0's midnight), in the
 * customer's wall-clock time: 23:00 and 01:00 are two days. Sends are sorted by time.
 */
function calendarEpisodes(sends: readonly Send[], limit: MaxMessages): Episode[] {
  const found: Episode[] = [];
  let first = 0;
  while (first < sends.length) {
    const period = Math.floor(sends[first]!.time / limit.per);
    let end = first;
    while (end < sends.length && Math.floor(sends[end]!.time / limit.per) === period) end += 1;
    if (end - first > limit.max) found.push({ crossing: first + limit.max, peak: [first, end - 1] });
    first = end;
  }
  return found;
}

function episodes(sends: readonly Send[], limit: MaxMessages): Episode[] {
  return limit.count === 'calendar-day' ? calendarEpisodes(sends, limit) : slidingEpisodes(sends, limit);
}

export default defineRule({
  meta: {
    id: 'contact-pressure',
    severity: 'warning',
    description:
      "A scenario in which the customer gets more outbound messages in a window than policy.max-messages allows (sliding windows, or calendar days with count: calendar-day; of some channels and categories only when the limit says so); the message names the window, the count, the channels and the touchpoints.",
    rationale:
      'Each team sends a reasonable number of messages; together they bury the customer. Contact pressure is only visible from the customer\'s side, across every journey at once, and it drives unsubscribes and complaints.',
    fix: 'Merge messages that say related things, delay or drop the least important ones, or move them to a channel the customer comes to (app, web) instead of one that interrupts.',
    messages: {
      'over-limit': 'In scenario "{{scenario}}", the customer gets {{count}} between {{from}} and {{to}} (limit: {{limit}}): {{channels}}; from {{touchpoints}}. "{{touchpoint}}" at {{at}} is the one that crosses the limit.',
    },
    identity: ['scenario', 'limit', 'journey', 'touchpoint', 'at'],
    examples: {
      fail: [
        {
          title: 'Three messages in three hours, for a limit of two a day',
          files: {
            'journeys/welcome.journey.yaml': journey('account.opened'),
            'journeys/scenarios/new-customer.scenario.yaml': SCENARIO,
            'journeys.config.yaml': CONFIG,
          },
          findings: [{ line: 9, column: 5, message: 'gets 3 outbound messages between day 0 09:00 and day 0 11:00' }],
        },
        {
          title: 'Two offers within a day of each other, for a marketing cap of one a day; the payment-failure SMS is not marketing',
          files: evening('{ per: 1d, max: 1, categories: [marketing] }'),
          findings: [{ line: 8, column: 5, message: 'gets 2 outbound messages between day 0 23:00 and day 1 01:00 (limit: 1 per 1d on all outbound channels, marketing only)' }],
        },
      ],
      pass: [
        {
          title: 'The same offers counted by calendar day: 23:00 and 01:00 are two days',
          files: evening('{ per: 1d, max: 1, categories: [marketing], count: calendar-day }'),
        },
        {
          title: 'The SMS waits for the card',
          files: {
            'journeys/welcome.journey.yaml': journey('card.shipped'),
            'journeys/scenarios/new-customer.scenario.yaml': SCENARIO,
            'journeys.config.yaml': CONFIG,
          },
        },
      ],
    },
  },
  check({ repo, report }) {
    const limits = repo.config.policy.maxMessages;
    if (limits.length === 0) return;
    for (const timeline of simulate(repo) as Timeline[]) {
      const { scenario } = timeline;
      for (const limit of limits) {
        const sends = timeline.sends.filter(
          (send) => send.outbound && (!limit.channels || limit.channels.includes(send.channel)) && (!limit.categories || limit.categories.includes(send.category)),
        );
        // Sliding windows are elapsed time: sends in order of their instant (a daylight-saving change may reorder wall-clock times).
        if (limit.count === 'sliding') sends.sort((a, b) => a.instant - b.instant);
        for (const { crossing, peak } of episodes(sends, limit)) {
          const window = sends.slice(peak[0], peak[1] + 1);
          const cross = sends[crossing]!;
          const names = [...new Set(window.map((send) => `${send.touchpoint.id} (${send.journey.id})`))];
          const listed = names.length > NAMES ? `${names.slice(0, NAMES).join(', ')} and ${names.length - NAMES} more` : names.join(', ');
          const others = [...new Map(window.filter((send) => send.touchpoint !== cross.touchpoint).map((send) => [send.touchpoint.ref, send])).values()];
          report({
            at: cross.touchpoint.ref,
            journey: cross.journey.id,
            touchpoint: cross.touchpoint.id,
            scenario: scenario.id,
            time: cross.time,
            // The count and the window's ends are data, not identity: one more email elsewhere in the window must not make it a new finding.
            messageId: 'over-limit',
            data: {
              scenario: scenario.id,
              count: plural(window.length, 'outbound message'),
              from: formatMoment(window[0]!.time, scenario.start),
              to: formatMoment(window.at(-1)!.time, scenario.start),
              limit: describeLimit(limit),
              channels: countBy(window, (send) => send.channel),
              touchpoints: listed,
              touchpoint: cross.touchpoint.id,
              at: formatMoment(cross.time, scenario.start),
            },
            related: [
              { at: scenario.ref },
              ...others.slice(0, 10).map((send) => ({ at: send.touchpoint.ref, journey: send.journey.id, touchpoint: send.touchpoint.id })),
            ],
          });
        }
      }
    }
  },
});
