import { defineRule } from '../model/rule.ts';
import { formatDuration } from '../model/duration.ts';
import { didYouMean } from '../model/suggest.ts';
import { plural } from '../model/text.ts';
import type { Expectation, ExpectedTouchpoint, Journey, Repository, Touchpoint } from '../model/types.ts';
import { formatMoment } from '../simulate/clock.ts';
import { simulate, type Send, type Timeline } from '../simulate/timeline.ts';

const JOURNEY = [
  'journey: welcome',
  'version: 1',
  'title: Welcome',
  'stages:',
  '  - id: start',
  'touchpoints:',
  '  - { id: welcome-email, stage: start, channel: email, trigger: account.opened }',
  '  - { id: welcome-sms, stage: start, channel: sms, trigger: account.opened, after: 1h }',
  '  - { id: card-letter, stage: start, channel: mail, trigger: card.shipped }',
  '',
].join('\n');
const scenario = (expect: string): string =>
  ['scenario: new-customer', 'events:', '  - { at: 0d 9h, event: account.opened }', '  - { at: 2d 9h, event: card.shipped }', 'expect:', expect, ''].join('\n');

/** The most names a message lists before it says "and N more". */
const NAMES = 6;

/** The touchpoints of the repository by `journey/touchpoint` and by bare id. */
interface Index {
  readonly byPath: ReadonlyMap<string, Touchpoint>;
  readonly byId: ReadonlyMap<string, readonly Journey[]>;
}

function indexOf(repo: Repository): Index {
  const byPath = new Map<string, Touchpoint>();
  const byId = new Map<string, Journey[]>();
  for (const journey of repo.journeys) {
    for (const touchpoint of journey.touchpoints) {
      byPath.set(`${journey.id}/${touchpoint.id}`, touchpoint);
      const journeys = byId.get(touchpoint.id) ?? [];
      if (!journeys.includes(journey)) journeys.push(journey);
      byId.set(touchpoint.id, journeys);
    }
  }
  return { byPath, byId };
}

type Resolved = { readonly touchpoint: Touchpoint } | { readonly unknown: string } | { readonly journeys: readonly Journey[] };

function resolve(index: Index, name: string): Resolved {
  if (name.includes('/')) {
    const touchpoint = index.byPath.get(name);
    return touchpoint ? { touchpoint } : { unknown: didYouMean(name, index.byPath.keys()) };
  }
  const journeys = index.byId.get(name) ?? [];
  if (journeys.length === 0) return { unknown: didYouMean(name, [...index.byId.keys(), ...index.byPath.keys()]) };
  if (journeys.length > 1) return { journeys };
  return { touchpoint: index.byPath.get(`${journeys[0]!.id}/${name}`)! };
}

/** The expectation as its identity: its kind and subjects, never its counts. */
function describe(expectation: Expectation): string {
  if (expectation.kind !== 'at-most') return `${expectation.kind} ${expectation.touchpoints.map((t) => t.name).join(', ')}`;
  const channel = expectation.channel === undefined ? '' : ` ${expectation.channel}`;
  const within = expectation.within === undefined ? '' : ` within ${formatDuration(expectation.within)}`;
  return `at-most${channel}${within}`;
}

function listed(sends: readonly Send[]): string {
  const counts = new Map<string, number>();
  for (const send of sends) counts.set(send.touchpoint.id, (counts.get(send.touchpoint.id) ?? 0) + 1);
  const names = [...counts].map(([name, count]) => (count > 1 ? `${name} ×${count}` : name));
  return names.length > NAMES ? `${names.slice(0, NAMES).join(', ')} and ${names.length - NAMES} more` : names.join(', ');
}

/** The first fullest window of `within` minutes, as [first, last] indexes: linear, with two pointers. */
function fullest(sends: readonly Send[], within: number | undefined): [number, number] {
  if (within === undefined) return [0, sends.length - 1];
  let best: [number, number] = [0, 0];
  let first = 0;
  for (let last = 0; last < sends.length; last += 1) {
    while (sends[last]!.time - sends[first]!.time >= within) first += 1;
    if (last - first > best[1] - best[0]) best = [first, last];
  }
  return best;
}

export default defineRule({
  meta: {
    id: 'scenario-expectation',
    severity: 'error',
    description:
      "A scenario's expect: that its simulated timeline does not meet (too many messages in a window, a touchpoint not before another, a touchpoint the customer should never get), or that names no touchpoint.",
    rationale:
      'A team knows what must hold for a customer: no more than three SMS in a week, the welcome before the card, never a prospect offer to a customer. Written as expectations, these are checked on every change of every journey, instead of found by the customer.',
    fix: 'Change the journeys so that the expectation holds (delay, merge or drop a touchpoint, change its trigger or until), or, when the expectation is what changed, change the expectation.',
    messages: {
      'too-many':
        'In scenario "{{scenario}}", the customer gets {{count}} {{window}}, from {{from}} to {{to}}, where at most {{max}} are expected: {{touchpoints}}.',
      'not-before':
        'In scenario "{{scenario}}", "{{first}}" is expected before "{{second}}", but "{{second}}" is first sent at {{secondAt}} and "{{first}}" at {{firstAt}}.',
      'not-received': 'In scenario "{{scenario}}", "{{first}}" is expected before "{{second}}", but the customer never receives "{{name}}".',
      received: 'In scenario "{{scenario}}", the customer is expected never to receive "{{name}}", but gets it {{count}}, first at {{at}} after "{{event}}".',
      'empty-window': 'In scenario "{{scenario}}", "within" is a window of no time, in which no message can be counted: give it a length, such as 1d or 7d.',
      'unknown-touchpoint': 'In scenario "{{scenario}}", the expectation names "{{name}}", which is no touchpoint of any journey{{suggestion}}.',
      'ambiguous-touchpoint':
        'In scenario "{{scenario}}", the expectation names "{{name}}", a touchpoint of several journeys ({{journeys}}): write it as journey/touchpoint.',
    },
    identity: ['scenario', 'expectation', 'name'],
    examples: {
      fail: [
        {
          title: 'At most one message a day was expected; the welcome SMS comes an hour after the email',
          files: {
            'journeys/scenarios/new-customer.scenario.yaml': scenario('  - { at-most: 1, within: 1d }'),
            'journeys/welcome.journey.yaml': JOURNEY,
          },
          findings: [{ line: 6, column: 5, message: 'gets 2 messages within 1d, from day 0 09:00 to day 0 10:00' }],
        },
        {
          title: 'The letter was expected first',
          files: {
            'journeys/scenarios/new-customer.scenario.yaml': scenario('  - { before: [card-letter, welcome-email] }'),
            'journeys/welcome.journey.yaml': JOURNEY,
          },
          findings: [{ line: 6, column: 5, message: '"welcome-email" is first sent at day 0 09:00 and "card-letter" at day 2 09:00' }],
        },
        {
          title: 'A touchpoint the customer must never get, and a name with a typo',
          files: {
            'journeys/scenarios/new-customer.scenario.yaml': scenario('  - { never: welcome-sms }\n  - { never: welcome-emial }'),
            'journeys/welcome.journey.yaml': JOURNEY,
          },
          findings: [
            { line: 6, column: 14, message: 'gets it once, first at day 0 10:00 after "account.opened"' },
            { line: 7, column: 14, message: '(did you mean "welcome-email"?)' },
          ],
        },
      ],
      pass: [
        {
          title: 'At most one SMS a week, the email before the letter, and no prospect offer',
          files: {
            'journeys/scenarios/new-customer.scenario.yaml': scenario(
              '  - { at-most: 1, channel: sms, within: 7d }\n  - { before: [welcome-email, welcome/card-letter] }\n  - { never: [welcome-sms-two] }',
            ),
            'journeys/welcome.journey.yaml': `${JOURNEY}  - { id: welcome-sms-two, stage: start, channel: sms, trigger: card.activated }\n`,
          },
        },
      ],
    },
  },
  check({ repo, report }) {
    if (!repo.scenarios.some((s) => s.expectations)) return;
    const index = indexOf(repo);
    for (const timeline of simulate(repo) as Timeline[]) {
      const { scenario: story } = timeline;
      for (const expectation of story.expectations ?? []) {
        const base = { scenario: story.id, expectation: describe(expectation) };
        const at = (time: number): string => formatMoment(time, story.start);
        if (expectation.kind === 'at-most' && expectation.within === 0) {
          report({ at: { ...expectation.ref, path: [...expectation.ref.path, 'within'] }, scenario: story.id, messageId: 'empty-window', data: { ...base, name: '' } });
          continue;
        }
        if (expectation.kind === 'at-most') {
          const sends = timeline.sends.filter((send) => (expectation.channel === undefined ? send.outbound : send.channel === expectation.channel));
          if (sends.length <= expectation.max) continue;
          const [first, last] = fullest(sends, expectation.within);
          if (last - first + 1 <= expectation.max) continue;
          const window = sends.slice(first, last + 1);
          const channel = expectation.channel === undefined ? undefined : repo.channels.find((c) => c.id === expectation.channel);
          const noun = expectation.channel === undefined ? 'message' : `${channel?.name ?? expectation.channel} message`;
          report({
            at: expectation.ref,
            scenario: story.id,
            time: window[0]!.time,
            messageId: 'too-many',
            data: {
              ...base,
              name: '',
              count: plural(window.length, noun),
              window: expectation.within === undefined ? 'in the scenario' : `within ${formatDuration(expectation.within)}`,
              from: at(window[0]!.time),
              to: at(window.at(-1)!.time),
              max: expectation.max,
              touchpoints: listed(window),
            },
            related: [...new Map(window.map((send) => [send.touchpoint, send])).values()]
              .slice(0, 10)
              .map((send) => ({ at: send.touchpoint.ref, journey: send.journey.id, touchpoint: send.touchpoint.id })),
          });
          continue;
        }
        const touchpoints = new Map<ExpectedTouchpoint, Touchpoint>();
        for (const named of expectation.touchpoints) {
          const found = resolve(index, named.name);
          if ('touchpoint' in found) touchpoints.set(named, found.touchpoint);
          else if ('unknown' in found) {
            report({ at: named.ref, scenario: story.id, messageId: 'unknown-touchpoint', data: { ...base, name: named.name, suggestion: found.unknown } });
          } else {
            report({
              at: named.ref,
              scenario: story.id,
              messageId: 'ambiguous-touchpoint',
              data: { ...base, name: named.name, journeys: found.journeys.map((j) => `${j.id}/${named.name}`).join(', ') },
            });
          }
        }
        const sendsOf = (touchpoint: Touchpoint): Send[] => timeline.sends.filter((send) => send.touchpoint === touchpoint);
        if (expectation.kind === 'never') {
          for (const named of expectation.touchpoints) {
            const touchpoint = touchpoints.get(named);
            const sends = touchpoint ? sendsOf(touchpoint) : [];
            if (sends.length === 0) continue;
            const first = sends[0]!;
            report({
              at: named.ref,
              scenario: story.id,
              time: first.time,
              messageId: 'received',
              data: { ...base, name: named.name, count: sends.length === 1 ? 'once' : `${sends.length} times`, at: at(first.time), event: first.cause.event },
              related: [{ at: first.touchpoint.ref, journey: first.journey.id, touchpoint: first.touchpoint.id }],
            });
          }
          continue;
        }
        // before: each named touchpoint is first sent before the first send of the next one.
        for (let k = 0; k + 1 < expectation.touchpoints.length; k += 1) {
          const [a, b] = [expectation.touchpoints[k]!, expectation.touchpoints[k + 1]!];
          const [ta, tb] = [touchpoints.get(a), touchpoints.get(b)];
          if (!ta || !tb) continue;
          const [sa, sb] = [sendsOf(ta)[0], sendsOf(tb)[0]];
          const pair = { ...base, first: a.name, second: b.name };
          if (!sa || !sb) {
            const missing = sa ? b : a;
            report({ at: missing.ref, scenario: story.id, messageId: 'not-received', data: { ...pair, name: missing.name } });
          } else if (sa.time >= sb.time) {
            report({
              at: expectation.ref,
              scenario: story.id,
              time: sb.time,
              messageId: 'not-before',
              data: { ...pair, name: b.name, firstAt: at(sa.time), secondAt: at(sb.time) },
              related: [sa, sb].map((send) => ({ at: send.touchpoint.ref, journey: send.journey.id, touchpoint: send.touchpoint.id })),
            });
          }
        }
      }
    }
  },
});
