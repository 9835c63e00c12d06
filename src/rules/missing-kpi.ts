import { defineRule } from '../model/rule.ts';

const journey = (kpis: string): string =>
  [
    'journey: welcome',
    'version: 1',
    'title: Welcome',
    'stages:',
    '  - id: start',
    'touchpoints:',
    '  - id: welcome-email',
    '    stage: start',
    '    channel: email',
    kpis,
    '',
  ].join('\n');

export default defineRule({
  meta: {
    id: 'missing-kpi',
    severity: 'info',
    scope: 'file',
    description: 'A touchpoint with no KPI.',
    rationale: 'What is not measured cannot be improved or defended: a touchpoint with no KPI never shows up in the scorecards.',
    fix: 'Add "kpis:" with at least one metric and its target, such as open-rate, csat or conversion-rate.',
    messages: {
      'no-kpi': 'Touchpoint "{{touchpoint}}" has no KPI: add one under "kpis:" to measure it.',
    },
    examples: {
      fail: [
        {
          title: 'A welcome e-mail nobody measures',
          files: { 'journeys/welcome.journey.yaml': journey('') },
          findings: [{ line: 7, column: 5, message: 'Touchpoint "welcome-email" has no KPI' }],
        },
      ],
      pass: [{ files: { 'journeys/welcome.journey.yaml': journey('    kpis:\n      - { metric: open-rate, target: 0.45 }') } }],
    },
  },
  check({ repo, report }) {
    for (const journey of repo.journeys) {
      for (const touchpoint of journey.touchpoints) {
        if (touchpoint.kpis.length > 0) continue;
        report({
          at: touchpoint.ref,
          journey: journey.id,
          touchpoint: touchpoint.id,
          messageId: 'no-kpi',
          data: { touchpoint: touchpoint.id },
        });
      }
    }
  },
});
