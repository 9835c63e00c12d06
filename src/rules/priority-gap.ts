import { defineRule } from '../model/rule.ts';
import { formatValue, touchpointKpis } from '../model/kpis.ts';

interface Options {
  readonly 'min-importance': number;
}

const journey = (importance: number, kpi: string): string =>
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
    `    importance: ${importance}`,
    '    kpis:',
    `      - ${kpi}`,
    '',
  ].join('\n');

const metrics = (...rows: string[]): string => ['journey,touchpoint,metric,period,value', ...rows, ''].join('\n');

export default defineRule<Options>({
  meta: {
    id: 'priority-gap',
    severity: 'info',
    scope: 'file',
    usesToday: true,
    description:
      'A touchpoint of importance 4 or more with a measured KPI below its target: the "act first" quadrant (high importance, low performance) of the importance/performance matrix.',
    rationale:
      'Improvement effort is scarce. Where a touchpoint matters most to customers and its measured performance falls short of the target, fixing it does the most good; the importance/performance matrix calls this quadrant "act first".',
    fix: 'Put this touchpoint at the top of the improvement plan: find why it falls short (message, timing, channel, the service behind it) and measure again. If the target is wrong, change it and say why.',
    options: {
      type: 'object',
      properties: {
        'min-importance': { type: 'integer', minimum: 1, maximum: 5, description: 'Touchpoints of this importance or more are checked.' },
      },
      additionalProperties: false,
    },
    defaults: { 'min-importance': 4 },
    messages: {
      'off-target': 'Touchpoint "{{touchpoint}}" matters to customers (importance {{importance}}) but its KPI "{{metric}}" is {{value}} in {{period}}{{before}}, {{side}} its target of {{target}}{{lower}}: act here first, high importance and low performance.',
    },
    identity: ['journey', 'touchpoint', 'metric'],
    examples: {
      fail: [
        {
          title: 'The claim call matters most and its satisfaction fell below target',
          files: {
            'journeys/claims.journey.yaml': journey(5, '{ metric: csat, target: 0.85 }'),
            'journeys/metrics/claims.csv': metrics('claims,claim-call,csat,2026-Q2,0.88', 'claims,claim-call,csat,2026-Q3,0.79'),
          },
          findings: [{ line: 12, column: 9, message: 'KPI "csat" is 0.79 in 2026-Q3 (0.88 in 2026-Q2), below its target of 0.85' }],
        },
        {
          title: 'Lower is better for a resolution time: 30 hours misses a target of 24',
          files: {
            'journeys/claims.journey.yaml': journey(4, '{ metric: resolution-time, target: 24 }'),
            'journeys/metrics/claims.csv': metrics('claims,claim-call,resolution-time,2026-09,30'),
          },
          findings: [{ line: 12, column: 9, message: 'is 30 in 2026-09, above its target of 24 (lower is better)' }],
        },
      ],
      pass: [
        {
          title: 'The latest quarter is back on target',
          files: {
            'journeys/claims.journey.yaml': journey(5, '{ metric: csat, target: 0.85 }'),
            'journeys/metrics/claims.csv': metrics('claims,claim-call,csat,2026-Q2,0.79', 'claims,claim-call,csat,2026-Q3,0.88'),
          },
        },
        {
          title: 'Below target, but of middling importance: not the first place to act',
          files: {
            'journeys/claims.journey.yaml': journey(3, '{ metric: csat, target: 0.85 }'),
            'journeys/metrics/claims.csv': metrics('claims,claim-call,csat,2026-Q3,0.79'),
          },
        },
        {
          title: 'With min-importance 5, a touchpoint of importance 4 is not checked',
          options: { 'min-importance': 5 },
          files: {
            'journeys/claims.journey.yaml': journey(4, '{ metric: csat, target: 0.85 }'),
            'journeys/metrics/claims.csv': metrics('claims,claim-call,csat,2026-Q3,0.79'),
          },
        },
      ],
    },
  },
  check({ repo, options, run, report }) {
    const kpis = touchpointKpis(repo, run.today);
    for (const journey of repo.journeys) {
      if (!kpis.measured(journey)) continue;
      for (const touchpoint of journey.touchpoints) {
        const { importance } = touchpoint;
        if (importance === undefined || importance < options['min-importance']) continue;
        for (const kpi of kpis.of(journey, touchpoint)) {
          if (kpi.onTarget !== false || !kpi.latest || kpi.target === undefined || !kpi.ref) continue;
          const { latest, previous } = kpi;
          const before = previous ? ` (${formatValue(previous.value)} in ${previous.period})` : '';
          const side = kpi.direction === 'higher' ? 'below' : 'above';
          const lower = kpi.direction === 'lower' ? ' (lower is better)' : '';
          report({
            at: kpi.ref,
            journey: journey.id,
            touchpoint: touchpoint.id,
            messageId: 'off-target',
            data: {
              touchpoint: touchpoint.id,
              importance,
              metric: kpi.metric,
              value: formatValue(latest.value),
              period: latest.period,
              before,
              side,
              target: formatValue(kpi.target),
              lower,
            },
            // The measured row, as a related place: a line number in the message would change its identity.
            related: [{ at: { file: latest.file, path: [] }, position: { line: latest.line, column: 1 }, journey: journey.id, touchpoint: touchpoint.id }],
          });
        }
      }
    }
  },
});
