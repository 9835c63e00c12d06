import { defineRule } from '../model/rule.ts';
import type { Journey } from '../model/types.ts';
import { formatMoment } from '../simulate/clock.ts';
import { simulate, type Send } from '../simulate/timeline.ts';

const SCENARIO = [
  'scenario: quick-subscriber',
  'events:',
  '  - { at: 0d 10h, event: trial.started }',
  '  - { at: 2d 15h, event: premium.subscribed }',
  '',
].join('\n');
const journey = (until: string): string =>
  [
    'journey: premium-upsell',
    'version: 1',
    'title: Premium upsell',
    'stages:',
    '  - id: trial',
    'touchpoints:',
    '  - id: premium-offer-email',
    '    stage: trial',
    '    channel: email',
    '    role: acquisition',
    '    trigger: trial.started',
    '    after: 4d',
    until,
    '  - id: premium-confirmation',
    '    stage: trial',
    '    channel: email',
    '    role: conversion',
    '    trigger: premium.subscribed',
    '',
  ].join('\n');

/** The first time, in a timeline's scenario, that one of the journey's conversion events occurs. */
function conversionOf(journey: Journey, events: ReadonlyMap<string, number>): { event: string; time: number } | undefined {
  let first: { event: string; time: number } | undefined;
  for (const touchpoint of journey.touchpoints) {
    if (touchpoint.role !== 'conversion' || touchpoint.trigger === undefined) continue;
    const time = events.get(touchpoint.trigger);
    if (time !== undefined && (!first || time < first.time)) first = { event: touchpoint.trigger, time };
  }
  return first;
}

export default defineRule({
  meta: {
    id: 'message-after-conversion',
    severity: 'warning',
    description:
      'An acquisition touchpoint that a scenario still sends after the customer converted (the conversion event is the trigger of any conversion touchpoint of the same journey).',
    rationale:
      'A customer who subscribed yesterday and receives today\'s prospecting e-mail learns that the company does not know them. It wastes the send and the goodwill the conversion just earned.',
    fix: 'Add "until: <conversion event>" to the acquisition touchpoint, so that it stops once the customer converts.',
    messages: {
      'after-conversion': 'In scenario "{{scenario}}", acquisition touchpoint "{{touchpoint}}" is still sent at {{at}}, after the customer converted ("{{event}}" at {{convertedAt}}). Add "until: {{event}}".',
    },
    examples: {
      fail: [
        {
          title: 'The offer goes out two days after the subscription',
          files: { 'journeys/premium-upsell.journey.yaml': journey(''), 'journeys/scenarios/quick-subscriber.scenario.yaml': SCENARIO },
          findings: [{ line: 7, column: 5, message: 'after the customer converted ("premium.subscribed" at day 2 15:00)' }],
        },
      ],
      pass: [
        {
          title: 'The offer stops at the subscription',
          files: {
            'journeys/premium-upsell.journey.yaml': journey('    until: premium.subscribed'),
            'journeys/scenarios/quick-subscriber.scenario.yaml': SCENARIO,
          },
        },
      ],
    },
  },
  check({ repo, report }) {
    for (const { scenario, sends } of simulate(repo)) {
      const events = new Map<string, number>();
      for (const event of [...scenario.events].sort((a, b) => a.at - b.at)) if (!events.has(event.event)) events.set(event.event, event.at);
      const conversions = new Map<Journey, ReturnType<typeof conversionOf>>();
      const reported = new Set<Send['touchpoint']>();
      for (const send of sends) {
        if (send.touchpoint.role !== 'acquisition' || reported.has(send.touchpoint)) continue;
        if (!conversions.has(send.journey)) conversions.set(send.journey, conversionOf(send.journey, events));
        const conversion = conversions.get(send.journey);
        if (!conversion || send.time <= conversion.time) continue;
        reported.add(send.touchpoint);
        const converter = send.journey.touchpoints.find((t) => t.role === 'conversion' && t.trigger === conversion.event);
        report({
          at: send.touchpoint.ref,
          journey: send.journey.id,
          touchpoint: send.touchpoint.id,
          scenario: scenario.id,
          time: send.time,
          messageId: 'after-conversion',
          data: {
            scenario: scenario.id,
            touchpoint: send.touchpoint.id,
            at: formatMoment(send.time, scenario.start),
            event: conversion.event,
            convertedAt: formatMoment(conversion.time, scenario.start),
          },
          related: converter ? [{ at: converter.ref, journey: send.journey.id, touchpoint: converter.id }] : [],
        });
      }
    }
  },
});
