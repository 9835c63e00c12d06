import { defineRule } from '../model/rule.ts';
import { child } from '../model/refs.ts';

const journey = (kpis: string): string =>
  [
    'journey: claims',
    'version: 1',
    'title: Claims',
    'stages:',
    '  - id: declaration',
    'touchpoints:',
    '  - id: claim-call',
    '    stage: declaration',
    '    channel: phone',
    '    moment_of_truth: true',
    kpis,
    '',
  ].join('\n');

export default defineRule({
  meta: {
    id: 'unmeasured-moment-of-truth',
    severity: 'warning',
    scope: 'file',
    description: 'A touchpoint marked as a moment of truth with no KPI.',
    rationale:
      'Moments of truth are where customers decide to stay or leave. They are the first places to measure; an unmeasured one is a blind spot where it hurts most.',
    fix: 'Add "kpis:" to the touchpoint, with a satisfaction or resolution metric and a target.',
    messages: {
      unmeasured: 'Touchpoint "{{touchpoint}}" is a moment of truth but has no KPI: measure it first.',
    },
    examples: {
      fail: [
        {
          title: 'The claim call is a moment of truth nobody measures',
          files: { 'journeys/claims.journey.yaml': journey('') },
          findings: [{ line: 10, column: 22, message: 'moment of truth' }],
        },
      ],
      pass: [{ files: { 'journeys/claims.journey.yaml': journey('    kpis:\n      - { metric: csat, target: 0.9 }') } }],
    },
  },
  check({ repo, report }) {
    for (const journey of repo.journeys) {
      for (const touchpoint of journey.touchpoints) {
        if (!touchpoint.momentOfTruth || touchpoint.kpis.length > 0) continue;
        report({
          at: child(touchpoint.ref, 'moment_of_truth'),
          journey: journey.id,
          touchpoint: touchpoint.id,
          messageId: 'unmeasured',
          data: { touchpoint: touchpoint.id },
        });
      }
    }
  },
});
