import { defineRule, type Report } from '../model/rule.ts';
import { formatDuration } from '../model/duration.ts';
import { MAX_MARKDOWN_NESTING } from '../model/limits.ts';
import { firstTooDeep } from '../model/markdown-nesting.ts';
import { child } from '../model/refs.ts';
import { formatCount, plural } from '../model/text.ts';
import type { Scenario } from '../model/types.ts';
import { formatMoment } from '../simulate/clock.ts';
import { simulate, type Cut } from '../simulate/timeline.ts';

const SCENARIO = 'scenario: new-customer\nevents:\n  - { at: 0d 9h, event: account.opened }\n';
const journey = (repeat: string): string =>
  [
    'journey: welcome',
    'version: 1',
    'title: Welcome',
    'stages:',
    '  - id: start',
    'touchpoints:',
    '  - id: daily-tip-push',
    '    stage: start',
    '    channel: push',
    '    trigger: account.opened',
    `    repeat: ${repeat}`,
    '',
  ].join('\n');
const markdownJourney = (quote: string): string =>
  ['---', 'journey: welcome', 'version: 1', 'title: Welcome', 'stages:', '  - id: start', 'touchpoints: []', '---', '', 'What the customer told us:', '', quote, ''].join('\n');

/** The finding for a part of a scenario that the simulation left out. */
function describeCut(cut: Cut, scenario: Scenario): Pick<Report, 'at' | 'journey' | 'touchpoint' | 'messageId' | 'data'> {
  switch (cut.kind) {
    case 'events':
      return {
        at: child(scenario.ref, 'events', cut.limit),
        messageId: 'too-many-events',
        data: { scenario: scenario.id, events: plural(cut.events, 'event'), limit: formatCount(cut.limit), others: plural(cut.events - cut.limit - 1, 'other') },
      };
    case 'touchpoint-sends': {
      const { touchpoint, journey } = cut;
      const repeat = touchpoint.repeat ? ` (repeat every ${formatDuration(touchpoint.repeat.every)}, ${plural(touchpoint.repeat.times, 'more time')})` : '';
      return {
        at: touchpoint.repeat ? child(touchpoint.ref, 'repeat', 'times') : touchpoint.ref,
        journey: journey.id,
        touchpoint: touchpoint.id,
        messageId: 'too-many-touchpoint-sends',
        data: { scenario: scenario.id, touchpoint: touchpoint.id, limit: formatCount(cut.limit), repeat },
      };
    }
    case 'scenario-sends':
      return {
        at: cut.event.ref,
        messageId: 'too-many-scenario-sends',
        data: { scenario: scenario.id, limit: formatCount(cut.limit), event: cut.event.event, at: formatMoment(cut.event.at, scenario.start) },
      };
    case 'implicit-scenarios':
      return {
        at: scenario.ref,
        messageId: 'too-many-implicit-scenarios',
        data: { scenarios: formatCount(cut.scenarios), limit: formatCount(cut.limit) },
      };
  }
}

export default defineRule({
  meta: {
    id: 'limit-exceeded',
    severity: 'error',
    description:
      'An input too large to check in full: a touchpoint sent more than 1,000 times in a scenario, a scenario of more than 10,000 events or 100,000 sends, a Markdown body nested more than 32 quotes or lists deep. The part past the limit is left out, and the rest is checked.',
    rationale:
      'Every check must end, in seconds, whatever the files say: a repeat of a hundred million times or a quote nested three thousand levels deep would otherwise exhaust the memory or the stack of the linter and of the site build. Such an input is almost always a mistake, and what it leaves unchecked must be said.',
    fix: 'Bring the input within the limit: a repeat that stops (fewer times, or "until:" an event), a scenario that tells one customer\'s story, Markdown that nests a few levels at most.',
    messages: {
      'too-many-events': 'Scenario "{{scenario}}" has {{events}}, more than the {{limit}} a scenario may simulate: this event and the {{others}} after it are not simulated.',
      'too-many-touchpoint-sends': 'In scenario "{{scenario}}", "{{touchpoint}}" would be sent more than {{limit}} times{{repeat}}, the most one touchpoint may send in a scenario: only its first {{limit}} sends are simulated and checked.',
      'too-many-scenario-sends': 'In scenario "{{scenario}}", the customer would get more than {{limit}} sends, the most a scenario may simulate: the simulation stops at "{{event}}" at {{at}}, and what it and the later events would send is not simulated.',
      'too-many-implicit-scenarios': 'policy.implicit-scenarios asks for {{scenarios}} scenarios (each trigger for each persona), more than the {{limit}} that are simulated: the triggers past them are not checked.',
      'too-deep': 'This Markdown nests quotes or lists {{depth}} levels deep, more than the {{max}} the site renders: the site shows the section that holds it as plain text, unformatted.',
    },
    examples: {
      fail: [
        {
          title: 'A push every minute, a million times',
          files: { 'journeys/welcome.journey.yaml': journey('{ every: 1m, times: 1000000 }'), 'journeys/scenarios/new-customer.scenario.yaml': SCENARIO },
          findings: [{ line: 11, column: 33, message: 'only its first 1,000 sends are simulated' }],
        },
        {
          title: 'A quote nested 40 levels deep',
          files: { 'journeys/welcome.journey.md': markdownJourney(`${'> '.repeat(40)}Thank you.`) },
          findings: [{ line: 12, column: 1, message: 'nests quotes or lists 40 levels deep' }],
        },
      ],
      pass: [
        {
          title: 'A push a day for a week, and a quote in a quote',
          files: {
            'journeys/welcome.journey.yaml': journey('{ every: 1d, times: 6 }'),
            'journeys/scenarios/new-customer.scenario.yaml': SCENARIO,
            'journeys/onboarding.journey.md': markdownJourney('> > Thank you.').replace('journey: welcome', 'journey: onboarding'),
          },
        },
      ],
    },
  },
  check({ repo, report }) {
    for (const { scenario, cuts } of simulate(repo)) {
      for (const cut of cuts) report({ ...describeCut(cut, scenario), scenario: scenario.id, related: cut.kind === 'touchpoint-sends' ? [{ at: scenario.ref }] : [] });
    }
    for (const journey of repo.journeys) {
      const narrative = journey.narrative;
      const deep = narrative ? firstTooDeep(narrative.markdown, MAX_MARKDOWN_NESTING) : undefined;
      if (!narrative || !deep) continue;
      report({
        at: journey.ref,
        position: { line: narrative.line + deep.line - 1, column: 1 },
        journey: journey.id,
        messageId: 'too-deep',
        data: { depth: formatCount(deep.depth), max: MAX_MARKDOWN_NESTING },
      });
    }
  },
});
