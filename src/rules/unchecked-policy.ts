import { defineRule } from '../model/rule.ts';

const JOURNEY = [
  'journey: order',
  'version: 1',
  'title: Order',
  'stages:',
  '  - id: purchase',
  'touchpoints:',
  '  - { id: order-email, stage: purchase, channel: email, trigger: order.placed }',
  '  - { id: order-sms, stage: purchase, channel: sms, trigger: order.placed, after: 1h }',
  '',
].join('\n');
const CONFIG = 'policy:\n  max-messages:\n    - { per: 1d, max: 3 }\n  quiet-hours: { from: "21:00", to: "08:00" }\n';

export default defineRule({
  meta: {
    id: 'unchecked-policy',
    severity: 'info',
    description:
      'A contact policy (policy.max-messages or policy.quiet-hours) with no scenario to check it against: no scenario files in journeys/scenarios/ and policy.implicit-scenarios off.',
    rationale:
      'Caps and quiet windows are checked on simulated customers. Without any, the policy in the configuration reads as enforced while only the sends at a fixed quiet time are checked; saying so keeps a green lint from being mistaken for a compliant one.',
    fix: 'Write scenarios in journeys/scenarios/ (a customer and what happens to them), or set policy.implicit-scenarios: true to simulate every trigger once as a scenario of its own.',
    messages: {
      unchecked:
        'The contact policy is not checked: {{what}} need a scenario, and there is none. Write scenarios in journeys/scenarios/, or set policy.implicit-scenarios: true to simulate every trigger once.',
    },
    identity: ['journey'],
    examples: {
      fail: [
        {
          title: 'A cap and quiet hours, and no scenario',
          files: { 'journeys.config.yaml': CONFIG, 'journeys/order.journey.yaml': JOURNEY },
          findings: [{ line: 1, column: 1, message: 'max-messages (1 limit) and quiet-hours (1 window) need a scenario' }],
        },
      ],
      pass: [
        {
          title: 'Every trigger simulated as a scenario of its own',
          files: { 'journeys.config.yaml': `${CONFIG}  implicit-scenarios: true\n`, 'journeys/order.journey.yaml': JOURNEY },
        },
        {
          title: 'A scenario of a late order',
          files: {
            'journeys.config.yaml': CONFIG,
            'journeys/order.journey.yaml': JOURNEY,
            'journeys/scenarios/late-order.scenario.yaml': 'scenario: late-order\nevents:\n  - { at: 0d 20h 30m, event: order.placed }\n',
          },
        },
      ],
    },
  },
  check({ repo, report }) {
    const { policy, file } = repo.config;
    if (repo.scenarios.length > 0 || policy.implicitScenarios) return;
    const unchecked = [
      ...(policy.maxMessages.length > 0 ? [`max-messages (${policy.maxMessages.length} ${policy.maxMessages.length === 1 ? 'limit' : 'limits'})`] : []),
      ...(policy.quietHours.length > 0 ? [`quiet-hours (${policy.quietHours.length} ${policy.quietHours.length === 1 ? 'window' : 'windows'})`] : []),
    ];
    if (unchecked.length === 0) return;
    report({
      at: { file: file ?? 'journeys.config.yaml', path: ['policy'] },
      key: true,
      messageId: 'unchecked',
      data: { what: unchecked.join(' and ') },
    });
  },
});
