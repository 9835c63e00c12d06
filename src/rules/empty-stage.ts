import { defineRule } from '../model/rule.ts';

const journey = (secondStage: string): string =>
  [
    'journey: welcome',
    'version: 1',
    'title: Welcome',
    'stages:',
    '  - id: discovery',
    '  - id: onboarding',
    'touchpoints:',
    '  - id: landing-page',
    '    stage: discovery',
    '    channel: web',
    '  - id: welcome-email',
    `    stage: ${secondStage}`,
    '    channel: email',
    '',
  ].join('\n');

export default defineRule({
  meta: {
    id: 'empty-stage',
    severity: 'warning',
    scope: 'file',
    description: 'A stage with no touchpoint.',
    rationale:
      'A stage where the company has no touchpoint is either a gap in the map (the customer is alone at that moment) or a leftover. Both deserve a decision.',
    fix: 'Map the touchpoints that happen in this stage, or remove the stage.',
    messages: {
      'no-touchpoint': 'Stage "{{stage}}" has no touchpoint: map what happens to the customer in it, or remove it.',
    },
    identity: ['journey', 'stage'],
    examples: {
      fail: [
        {
          title: 'Nothing happens in onboarding',
          files: { 'journeys/welcome.journey.yaml': journey('discovery') },
          findings: [{ line: 6, column: 5, message: 'Stage "onboarding" has no touchpoint' }],
        },
      ],
      pass: [{ files: { 'journeys/welcome.journey.yaml': journey('onboarding') } }],
    },
  },
  check({ repo, report }) {
    for (const journey of repo.journeys) {
      const used = new Set(journey.touchpoints.map((touchpoint) => touchpoint.stage));
      for (const stage of journey.stages) {
        if (used.has(stage.id)) continue;
        report({
          at: stage.ref,
          journey: journey.id,
          messageId: 'no-touchpoint',
          data: { stage: stage.id },
        });
      }
    }
  },
});
