import { defineRule } from '../model/rule.ts';
import type { Journey } from '../model/types.ts';

export default defineRule({
  meta: {
    id: 'schema',
    severity: 'error',
    scope: 'file',
    unsuppressible: true,
    description: 'A value of the wrong type or shape for the journey format: a missing required field, an unknown field, a number out of range.',
    rationale:
      'The format is what lets every team read every journey and lets the tools compute contact pressure and scorecards. A mistyped field is silently ignored by everything downstream.',
    fix: 'Correct the value as the message says. Editors with the YAML extension show the help of every field through the "# yaml-language-server: $schema=" line.',
    messages: {
      problem: '{{message}}',
    },
    identity: ['journey', 'touchpoint', 'field'],
    examples: {
      fail: [
        {
          title: 'An importance out of range and a misspelt field',
          files: {
            'journeys/welcome.journey.yaml': [
              'journey: welcome',
              'version: 1',
              'title: Welcome',
              'stages:',
              '  - id: start',
              'touchpoints:',
              '  - id: welcome-email',
              '    stage: start',
              '    chanel: email',
              '    importance: 7',
              '',
            ].join('\n'),
          },
          findings: [
            { line: 7, column: 5, message: 'has no "channel"' },
            { line: 9, column: 5, message: 'Unknown field "chanel"' },
            { line: 10, column: 17, message: 'between 1 and 5' },
          ],
        },
      ],
      pass: [
        {
          files: {
            'journeys/welcome.journey.yaml': [
              'journey: welcome',
              'version: 1',
              'title: Welcome',
              'stages:',
              '  - id: start',
              'touchpoints:',
              '  - id: welcome-email',
              '    stage: start',
              '    channel: email',
              '    importance: 4',
              '',
            ].join('\n'),
          },
        },
      ],
    },
  },
  check({ repo, report }) {
    const journeys = new Map<string, Journey>(repo.journeys.map((journey) => [journey.file, journey]));
    for (const problem of repo.problems) {
      if (problem.kind !== 'schema') continue;
      const journey = journeys.get(problem.at.file);
      const [list, index] = problem.at.path;
      const touchpoint = list === 'touchpoints' && typeof index === 'number' ? journey?.touchpoints.find((t) => t.ref.path[1] === index) : undefined;
      report({
        at: problem.at,
        key: problem.key,
        offset: problem.offset,
        ...(problem.fix !== undefined ? { fix: { at: problem.at, text: problem.fix } } : {}),
        messageId: 'problem',
        // The field, below its touchpoint when there is one: a touchpoint's index moves when touchpoints are reordered.
        data: { message: problem.message, field: (touchpoint ? problem.at.path.slice(2) : problem.at.path).join('.') },
        journey: journey?.id || undefined,
        touchpoint: touchpoint?.id || undefined,
      });
    }
  },
});
