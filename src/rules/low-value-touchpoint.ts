import { defineRule } from '../model/rule.ts';

interface Options {
  readonly 'max-importance': number;
}

const journey = (personalization: string): string =>
  [
    'journey: welcome',
    'version: 1',
    'title: Welcome',
    'stages:',
    '  - id: start',
    'touchpoints:',
    '  - id: newsletter-teaser',
    '    stage: start',
    '    channel: email',
    '    importance: 1',
    `    personalization: ${personalization}`,
    '    automated: true',
    '',
  ].join('\n');

export default defineRule<Options>({
  meta: {
    id: 'low-value-touchpoint',
    severity: 'info',
    scope: 'file',
    description: 'A touchpoint of low importance (2 or less) with no personalization, sent automatically: a candidate to drop or merge.',
    rationale:
      'Every message spends some of the customer\'s attention. Generic automated messages that matter little to the customer crowd out the ones that do, and add to contact pressure.',
    fix: 'Drop the touchpoint, merge its content into a more important message, or personalize it so that it earns its place.',
    options: {
      type: 'object',
      properties: {
        'max-importance': { type: 'integer', minimum: 1, maximum: 5, description: 'Touchpoints of this importance or less are considered low value.' },
      },
      additionalProperties: false,
    },
    defaults: { 'max-importance': 2 },
    messages: {
      'low-value': 'Touchpoint "{{touchpoint}}" matters little to the customer (importance {{importance}}), is not personalized and is sent automatically: drop it, or merge it into a message that matters.',
    },
    examples: {
      fail: [
        {
          title: 'A generic teaser that matters little',
          files: { 'journeys/welcome.journey.yaml': journey('none') },
          findings: [{ line: 7, column: 5, message: 'drop it, or merge it' }],
        },
      ],
      pass: [{ title: 'The same teaser, personalized', files: { 'journeys/welcome.journey.yaml': journey('high') } }],
    },
  },
  check({ repo, options, report }) {
    for (const journey of repo.journeys) {
      for (const touchpoint of journey.touchpoints) {
        const { importance, personalization, automated } = touchpoint;
        if (importance === undefined || importance > options['max-importance']) continue;
        if ((personalization ?? 'none') !== 'none' || automated !== true) continue;
        report({
          at: touchpoint.ref,
          journey: journey.id,
          touchpoint: touchpoint.id,
          messageId: 'low-value',
          data: { touchpoint: touchpoint.id, importance },
        });
      }
    }
  },
});
