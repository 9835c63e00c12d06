import { applyConsent, CONSENT_WITHDRAWN, FULL_CONSENT, isConsentEvent, withdrawalOn } from '../model/consent.ts';
import { defineRule } from '../model/rule.ts';
import type { ScenarioEvent, Touchpoint } from '../model/types.ts';
import { formatMoment } from '../simulate/clock.ts';
import { simulate, type Send } from '../simulate/timeline.ts';

const journey = (channel: string): string =>
  [
    'journey: win-back',
    'version: 1',
    'title: Win-back',
    'stages:',
    '  - id: lapsed',
    'touchpoints:',
    '  - id: winback-offer',
    '    stage: lapsed',
    `    channel: ${channel}`,
    '    role: retention',
    '    trigger: card.unused',
    '    after: 1d',
    '',
  ].join('\n');
const scenario = (...more: string[]): string =>
  [
    'scenario: stopped-texts',
    'events:',
    '  - { at: 0d 10h, event: card.unused }',
    '  - { at: 3d 18h, event: consent.withdrawn, channel: sms }',
    ...more,
    '  - { at: 30d 10h, event: card.unused }',
    '',
  ].join('\n');

/** The first send of a touchpoint without consent in a scenario, and how many more there are. */
interface Breach {
  readonly send: Send;
  readonly withdrawal: ScenarioEvent;
  more: number;
}

export default defineRule({
  meta: {
    id: 'marketing-without-consent',
    severity: 'error',
    description:
      'A marketing touchpoint that a scenario sends on a channel after the customer withdrew consent there (the event consent.withdrawn, on that channel or on every channel), and before they gave it back (consent.given), whatever journey sends it.',
    rationale:
      'A customer who texted STOP and still gets the offer by SMS was ignored: the law (GDPR and ePrivacy in Europe, TCPA in the United States) forbids it, regulators fine it, and the customer stops trusting every message that follows, service ones included.',
    fix: 'Respect the withdrawal: "until: consent.withdrawn" stops a touchpoint triggered before it, and one triggered after it must go out on a channel where the customer still consents (the tool that sends it checks consent before each send). If the message does not sell, give it its category: service, transactional or regulatory.',
    messages: {
      'without-consent':
        'In scenario "{{scenario}}", marketing touchpoint "{{touchpoint}}" is sent on {{channel}} at {{at}}{{more}}, after the customer withdrew consent {{scope}} at {{withdrawnAt}}.',
    },
    identity: ['journey', 'touchpoint', 'scenario'],
    examples: {
      fail: [
        {
          title: 'The customer texted STOP; the win-back offer still goes out by SMS',
          files: { 'journeys/win-back.journey.yaml': journey('sms'), 'journeys/scenarios/stopped-texts.scenario.yaml': scenario() },
          findings: [{ line: 7, column: 5, message: 'is sent on sms at day 31 10:00, after the customer withdrew consent on sms at day 3 18:00' }],
        },
      ],
      pass: [
        {
          title: 'The offer goes out by e-mail, where the customer still consents',
          files: { 'journeys/win-back.journey.yaml': journey('email'), 'journeys/scenarios/stopped-texts.scenario.yaml': scenario() },
        },
        {
          title: 'The customer gave their consent to SMS back before the offer',
          files: {
            'journeys/win-back.journey.yaml': journey('sms'),
            'journeys/scenarios/stopped-texts.scenario.yaml': scenario('  - { at: 20d 9h, event: consent.given, channel: sms }'),
          },
        },
      ],
    },
  },
  check({ repo, report }) {
    for (const { scenario, sends } of simulate(repo)) {
      // Consent events in time order, written order among equals: a customer may say STOP and START in one minute.
      const changes = scenario.events.filter(isConsentEvent).sort((a, b) => a.at - b.at);
      if (!changes.some((event) => event.event === CONSENT_WITHDRAWN)) continue;
      let consent = FULL_CONSENT;
      let next = 0;
      const breaches = new Map<Touchpoint, Breach>();
      for (const send of sends) {
        // A withdrawal at the very minute of a send comes first: the customer said STOP, the send must not go.
        while (next < changes.length && changes[next]!.at <= send.time) consent = applyConsent(consent, changes[next++]!);
        if (!send.outbound || send.touchpoint.category !== 'marketing') continue;
        const withdrawal = withdrawalOn(consent, send.channel);
        if (!withdrawal) continue;
        const breach = breaches.get(send.touchpoint);
        if (breach) breach.more += 1;
        else breaches.set(send.touchpoint, { send, withdrawal, more: 0 });
      }
      for (const { send, withdrawal, more } of breaches.values()) {
        report({
          at: send.touchpoint.ref,
          journey: send.journey.id,
          touchpoint: send.touchpoint.id,
          scenario: scenario.id,
          time: send.time,
          messageId: 'without-consent',
          data: {
            scenario: scenario.id,
            touchpoint: send.touchpoint.id,
            channel: send.channel,
            at: formatMoment(send.time, scenario.start),
            more: more === 0 ? '' : ` (and ${more} more ${more === 1 ? 'time' : 'times'})`,
            scope: withdrawal.channel === undefined ? 'on every channel' : `on ${withdrawal.channel}`,
            withdrawnAt: formatMoment(withdrawal.at, scenario.start),
          },
          related: [{ at: withdrawal.ref }],
        });
      }
    }
  },
});
