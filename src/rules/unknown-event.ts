import { BUILT_IN_EVENTS } from '../model/consent.ts';
import { defineRule } from '../model/rule.ts';
import { child } from '../model/refs.ts';
import type { NodeRef, Repository } from '../model/types.ts';
import { didYouMean, isSlip, NearNames, onlyClosest } from '../model/suggest.ts';
import { quote } from '../model/text.ts';

function journey(trigger: string, until = 'card.activated'): string {
  return [
    'journey: first-card',
    'version: 1',
    'title: First card',
    'stages:',
    '  - id: activation',
    'touchpoints:',
    '  - id: welcome-email',
    '    stage: activation',
    '    channel: email',
    '    trigger: account.opened',
    `    until: ${until}`,
    '  - id: app-tour',
    '    stage: activation',
    '    channel: push',
    '    trigger: account.opened',
    '  - id: card-reminder',
    '    stage: activation',
    '    channel: sms',
    `    trigger: ${trigger}`,
    '    after: 3d',
    '    until: card.activated',
    '',
  ].join('\n');
}

const EVENTS = ['events:', '  - id: account.opened', '    name: Account opened', '  - id: card.activated', '    name: Card activated', ''].join('\n');

/** Event names compared at most, for did-you-mean suggestions, in one run. */
const SUGGESTION_BUDGET = 200_000;

/**
 * Edits at most between an event named once and the one it is taken as a typo of, without
 * a catalogue, counting a swap of two letters as two: the typo must also be one slip (isSlip).
 */
const MAX_TYPO = 2;

/** The words of an event's name: `card.activated` is `card` and `activated`. */
const wordsOf = (event: string): string[] => event.split(/[._-]+/);

/** The event with its numbers blanked out: `step-1` and `step-2` are the same series. */
const numbered = (event: string): string => event.replace(/\d+/g, '#');

/** A place an event is named: the node that names it is `field` of `parent`. */
type Visit = (event: string, parent: NodeRef, field: 'trigger' | 'until' | 'event', journey?: string, touchpoint?: string, scenario?: string) => void;

/**
 * Visits every place an event is named, in file order: the touchpoints' triggers and ends,
 * then the scenarios' events. Nothing is made for a place: a repository names events tens
 * of thousands of times, and only the few unknown ones need a record.
 */
function eachNaming(repo: Repository, visit: Visit): void {
  for (const journey of repo.journeys) {
    for (const touchpoint of journey.touchpoints) {
      if (touchpoint.trigger !== undefined) visit(touchpoint.trigger, touchpoint.ref, 'trigger', journey.id, touchpoint.id);
      if (touchpoint.until !== undefined) visit(touchpoint.until, touchpoint.ref, 'until', journey.id, touchpoint.id);
    }
  }
  for (const scenario of repo.scenarios) {
    for (const event of scenario.events) visit(event.event, event.ref, 'event', undefined, undefined, scenario.id || undefined);
  }
}

/** How many times each event is named, each event in the order it is first named (eachNaming's). */
function namedTimes(repo: Repository): Map<string, number> {
  const times = new Map<string, number>();
  eachNaming(repo, (event) => {
    times.set(event, (times.get(event) ?? 0) + 1);
  });
  return times;
}

export default defineRule({
  meta: {
    id: 'unknown-event',
    severity: 'error',
    description:
      'A touchpoint trigger or until, or a scenario event, that journeys/events.yaml does not declare (an error); without journeys/events.yaml, an event named only once in the whole repository that looks like a slip of a key on another event named (a letter missing, extra, wrong, or two swapped, making a word no other event uses; a warning).',
    rationale:
      'A misspelt event never happens: the touchpoint it triggers is silently never sent, the one it should stop goes on, and the simulation undercounts the contact pressure a customer really gets.',
    fix: 'Correct the spelling, or declare the event in journeys/events.yaml (once it exists, every event the journeys and scenarios name must be declared there, but for consent.withdrawn and consent.given, which the tool defines).',
    messages: {
      undeclared: 'Event {{value}} of "{{field}}" is not declared in {{catalogue}}{{suggestion}}.',
      'named-once': 'Event {{value}} of "{{field}}" is named nowhere else{{suggestion}}: no other touchpoint or scenario names it, and there is no journeys/events.yaml to declare it in.',
    },
    identity: ['journey', 'touchpoint', 'scenario', 'field', 'value'],
    examples: {
      fail: [
        {
          title: 'An event that events.yaml does not declare: an error',
          files: { 'journeys/first-card.journey.yaml': journey('account.opened', 'card.activate'), 'journeys/events.yaml': EVENTS },
          findings: [{ line: 11, column: 12, message: 'did you mean "card.activated"?' }],
        },
      ],
      // Without events.yaml, the finding is a warning (tested in test/rules.unknown-event.test.ts, as examples report at the rule's severity).
      pass: [
        { title: 'Without events.yaml, every event named at least twice', files: { 'journeys/first-card.journey.yaml': journey('account.opened') } },
        { files: { 'journeys/first-card.journey.yaml': journey('account.opened'), 'journeys/events.yaml': EVENTS } },
      ],
    },
  },
  check({ repo, report }) {
    const catalogue = repo.declared.events;
    // The events the tool defines (consent.withdrawn) are known without being declared, and are suggested for typos.
    const builtIn = new Set(BUILT_IN_EVENTS);
    const declared = new Set([...BUILT_IN_EVENTS, ...(repo.events ?? []).map((event) => event.id)]);
    const times = namedTimes(repo);

    // One suggestion per unknown event, within a budget of comparisons: each is a Levenshtein
    // distance, and a large repository may hold thousands of events named once.
    const suggestions = new Map<string, string>();
    let budget = SUGGESTION_BUDGET;
    // Built once, and only when an event needs a suggestion: every event named, by length.
    let index: NearNames | undefined;
    const near = (): NearNames => (index ??= new NearNames(new Set([...times.keys(), ...BUILT_IN_EVENTS])));
    // How many events use each word, counted once, and only when an event needs a suggestion.
    let uses: Map<string, number> | undefined;
    const wordUses = (): Map<string, number> => {
      if (uses) return uses;
      const counts = new Map<string, number>();
      // Each word once per event: an event's few words are compared among themselves, with no set made for each.
      const count = (event: string): void => {
        const words = wordsOf(event);
        words.forEach((word, at) => {
          if (words.indexOf(word) === at) counts.set(word, (counts.get(word) ?? 0) + 1);
        });
      };
      for (const event of times.keys()) count(event);
      for (const event of BUILT_IN_EVENTS) if (!times.has(event)) count(event);
      return (uses = counts);
    };
    const seriesNames = new Map<string, string>();
    const seriesOf = (event: string): string => {
      let series = seriesNames.get(event);
      if (series === undefined) seriesNames.set(event, (series = numbered(event)));
      return series;
    };
    const suggestion = (event: string): string => {
      let found = suggestions.get(event);
      if (found !== undefined) return found;
      if (catalogue !== undefined) {
        budget -= declared.size;
        found = budget >= 0 ? didYouMean(event, declared) : '';
      } else {
        // Without a catalogue, only a slip of a key is a typo, and the numbered events
        // of a series (step-1, step-2) are not typos of each other.
        const series = numbered(event);
        // A typo makes a word that no other event has (`activatd`); an event made only of
        // words that others use too (`health.claim.declared` beside `wealth.claim.declared`) is a real one.
        if (!wordsOf(event).some((word) => wordUses().get(word) === 1)) {
          suggestions.set(event, '');
          return '';
        }
        const { name, compared } = near().nearest(event, MAX_TYPO, (other) => seriesOf(other) !== series && isSlip(event, other), Math.max(0, budget));
        budget -= compared;
        found = name !== undefined ? ` (did you mean "${name}"?)` : '';
      }
      suggestions.set(event, found);
      return found;
    };

    // Only an event of the catalogue is a certain fix: without one, the other name may be the typo.
    const fixes = new Map<string, string | undefined>();
    const fixOf = (event: string): string | undefined => {
      if (catalogue === undefined || suggestion(event) === '') return undefined;
      if (!fixes.has(event)) fixes.set(event, onlyClosest(event, declared));
      return fixes.get(event);
    };

    // The events said, each looked at once rather than at each of its namings (tens of thousands), in the
    // order they are first named, which is the order their suggestions spend the budget in.
    const said = new Set<string>();
    for (const [event, count] of times) {
      const known = builtIn.has(event) || (catalogue !== undefined ? declared.has(event) : count > 1);
      if (known) continue;
      // Without a catalogue, many a real event is named once: only one that looks like a typo of another is said.
      if (catalogue === undefined && suggestion(event) === '') continue;
      said.add(event);
    }
    if (said.size === 0) return;

    eachNaming(repo, (event, parent, field, journey, touchpoint, scenario) => {
      if (!said.has(event)) return;
      const fix = fixOf(event);
      const at = child(parent, field);
      report({
        at,
        ...(fix !== undefined ? { fix: { at, text: fix } } : {}),
        journey,
        touchpoint,
        scenario,
        messageId: catalogue !== undefined ? 'undeclared' : 'named-once',
        data: { value: quote(event), field, catalogue: catalogue ?? '', suggestion: suggestion(event) },
        ...(catalogue === undefined ? { severity: 'warning' as const } : {}),
      });
    });
  },
});
