import { defineRule } from '../model/rule.ts';
import { formatTimeOfDay } from '../model/duration.ts';
import { child } from '../model/refs.ts';
import { plural } from '../model/text.ts';
import { formatMoment } from '../simulate/clock.ts';
import { simulate, type Send } from '../simulate/timeline.ts';
import { pushTo } from '../model/collections.ts';

const CONFIG = 'policy:\n  quiet-hours: { from: "21:00", to: "08:00", channels: [sms, push, phone] }\n';
const SCENARIO = 'scenario: late-order\nevents:\n  - { at: 0d 20h 30m, event: order.placed }\n';
const journey = (timing: string): string =>
  [
    'journey: order',
    'version: 1',
    'title: Order',
    'stages:',
    '  - id: purchase',
    'touchpoints:',
    '  - id: order-sms',
    '    stage: purchase',
    '    channel: sms',
    '    trigger: order.placed',
    `    ${timing}`,
    '',
  ].join('\n');

const DAY = 24 * 60;

/** Whether a time of day falls in [from, to), a span that may run past midnight. */
export function inQuietHours(minuteOfDay: number, from: number, to: number): boolean {
  return from <= to ? minuteOfDay >= from && minuteOfDay < to : minuteOfDay >= from || minuteOfDay < to;
}

export default defineRule({
  meta: {
    id: 'quiet-hours',
    severity: 'warning',
    description: 'A message that a scenario sends inside policy.quiet-hours.',
    rationale:
      'An SMS at 23:00 about an order is not service, it is an intrusion; in several countries it is also against the rules of telemarketing. Timing is part of the message.',
    fix: 'Give the touchpoint a send time with "at:" (it is then sent at the first such time after its delay), or move it to a channel that does not interrupt.',
    messages: {
      'quiet-hours': 'In scenario "{{scenario}}", "{{touchpoint}}" ({{channel}}) is sent at {{at}}, inside quiet hours ({{from}} to {{to}}){{more}}, after "{{event}}" at {{eventAt}}.',
    },
    examples: {
      fail: [
        {
          title: 'An SMS 1 hour after a late order lands at 21:30',
          files: {
            'journeys/order.journey.yaml': journey('after: 1h'),
            'journeys/scenarios/late-order.scenario.yaml': SCENARIO,
            'journeys.config.yaml': CONFIG,
          },
          findings: [{ line: 11, column: 12, message: 'at day 0 21:30, inside quiet hours (21:00 to 08:00)' }],
        },
      ],
      pass: [
        {
          title: 'The same SMS, held until 09:00',
          files: {
            'journeys/order.journey.yaml': journey('at: "09:00"'),
            'journeys/scenarios/late-order.scenario.yaml': SCENARIO,
            'journeys.config.yaml': CONFIG,
          },
        },
      ],
    },
  },
  check({ repo, report }) {
    // Hours of the day only, for now: days and categories are the calendar's.
    for (const quiet of repo.config.policy.quietHours) {
      if (quiet.from === undefined || quiet.to === undefined) continue;
      const { from, to } = quiet;
      const inScope = (send: Send): boolean => send.outbound && (!quiet.channels || quiet.channels.includes(send.channel));
      for (const { scenario, sends } of simulate(repo)) {
        const byTouchpoint = new Map<Send['touchpoint'], Send[]>();
        for (const send of sends) {
          if (!inScope(send) || !inQuietHours(((send.time % DAY) + DAY) % DAY, from, to)) continue;
          pushTo(byTouchpoint, send.touchpoint, send);
        }
        for (const [touchpoint, late] of byTouchpoint) {
          const first = late[0]!;
          const field = touchpoint.at !== undefined ? 'at' : first.touchpoint.after > 0 ? 'after' : undefined;
          const more = late.length > 1 ? ` (${plural(late.length, 'send')} in all)` : '';
          report({
            at: field ? child(touchpoint.ref, field) : touchpoint.ref,
            journey: first.journey.id,
            touchpoint: touchpoint.id,
            scenario: scenario.id,
            time: first.time,
            messageId: 'quiet-hours',
            data: {
              scenario: scenario.id,
              touchpoint: touchpoint.id,
              channel: first.channel,
              at: formatMoment(first.time, scenario.start),
              from: formatTimeOfDay(from),
              to: formatTimeOfDay(to),
              more,
              event: first.cause.event,
              eventAt: formatMoment(first.cause.at, scenario.start),
            },
            related: [{ at: first.cause.ref }],
          });
        }
      }
    }
  },
});
