import { defineRule } from '../model/rule.ts';
import { didYouMean } from '../model/suggest.ts';

const journey = (comment: string): string =>
  [
    'journey: welcome',
    'version: 1',
    'title: Welcome',
    'owner: team-crm',
    'stages:',
    '  - id: start',
    'touchpoints:',
    comment,
    '  - id: welcome-email',
    '    stage: start',
    '    channel: email',
    '',
  ].join('\n');

export default defineRule({
  meta: {
    id: 'unused-suppression',
    severity: 'warning',
    description: 'A disable comment that suppresses nothing, names an unknown rule or one that cannot be disabled (parse, schema), or gives no reason.',
    rationale:
      'A suppression is a decision to accept a problem; its reason is what lets the next reviewer judge it. One that silences nothing is noise that will later hide a real problem.',
    fix: 'Write the reason after "--" (e.g. "# journeys-disable-next-line missing-owner -- owned by the partner bank"), or delete the comment if the problem it silenced is gone.',
    phase: 'suppressions',
    messages: {
      'no-rule': 'This {{directive}} comment names no rule: write the rule id, then "-- " and the reason.',
      'no-reason': 'This {{directive}} comment gives no reason: add "-- " and why the finding is accepted.',
      'unknown-rule': 'This {{directive}} comment names an unknown rule "{{rule}}"{{suggestion}}.',
      unsuppressible: 'This {{directive}} comment names "{{rule}}", whose findings cannot be disabled: fix what it reports instead. Remove "{{rule}}" from the comment.',
      unused: 'This {{directive}} comment suppresses nothing: there is no "{{rule}}" finding {{where}}. Delete it.',
    },
    identity: ['journey', 'directive', 'rule'],
    examples: {
      fail: [
        {
          title: 'A suppression with no reason, and one for a finding that is gone',
          files: {
            'journeys/welcome.journey.yaml': journey(
              '# journeys-disable-next-line missing-owner\n# journeys-disable-next-line empty-stage -- the stage is filled next quarter',
            ),
          },
          findings: [
            { line: 8, column: 1, message: 'gives no reason' },
            { line: 9, column: 1, message: 'suppresses nothing' },
          ],
        },
        {
          title: 'A comment that names schema: its findings are reported all the same',
          files: { 'journeys/welcome.journey.yaml': journey('# journeys-disable-next-line schema -- the field is renamed next quarter\n  - id: welcome-sms\n    stage: start\n    chanel: sms') },
          findings: [{ line: 8, column: 1, message: 'cannot be disabled' }],
        },
      ],
      pass: [
        {
          files: { 'journeys/welcome.journey.yaml': journey('# journeys-disable-next-line missing-owner -- run by the partner bank, not by us') },
        },
      ],
    },
  },
  check({ suppressions, ruleIds, enabledRules, unsuppressible, report }) {
    for (const comment of suppressions) {
      const at = { file: comment.file, path: [] };
      const position = { line: comment.line, column: comment.column };
      const directive = comment.scope === 'file' ? 'journeys-disable' : 'journeys-disable-next-line';
      if (comment.rules.length === 0) {
        report({ at, position, messageId: 'no-rule', data: { directive } });
        continue;
      }
      if (!comment.reason) {
        report({ at, position, messageId: 'no-reason', data: { directive } });
      }
      for (const rule of comment.rules) {
        if (!ruleIds.has(rule)) {
          report({ at, position, messageId: 'unknown-rule', data: { directive, rule, suggestion: didYouMean(rule, ruleIds) } });
        } else if (unsuppressible.has(rule)) {
          report({ at, position, messageId: 'unsuppressible', data: { directive, rule } });
        } else if (enabledRules.has(rule) && !comment.used.has(rule)) {
          // No line number in the message: it would move with every edit above.
          const where = comment.scope === 'file' ? 'in this file' : 'on the line below it';
          report({ at, position, messageId: 'unused', data: { directive, rule, where } });
        }
      }
    }
  },
});
