import { defineRule } from '../model/rule.ts';

export default defineRule({
  meta: {
    id: 'parse',
    severity: 'error',
    unsuppressible: true,
    description: 'A file that cannot be read, is not UTF-8, or is not valid YAML or front matter.',
    rationale:
      'A file the tools cannot read is a journey nobody can check or publish: its touchpoints vanish from the site and from the simulation of what customers receive.',
    fix: 'Open the file at the line given and correct the YAML there: indentation, a missing colon, an unclosed quote or bracket. Save it as UTF-8.',
    messages: {
      problem: '{{message}}',
      syntax: '{{message}}',
    },
    examples: {
      fail: [
        {
          title: 'An unclosed list',
          files: {
            'journeys/welcome.journey.yaml': 'journey: welcome\nversion: 1\ntitle: Welcome\nstages: [\n  { id: start }\n',
          },
          findings: [{ line: 4, column: 9, message: 'YAML syntax error: a bracket is not closed' }],
        },
        {
          title: 'An empty file',
          files: { 'journeys/empty.journey.yaml': '' },
          findings: [{ line: 1, column: 1, message: 'empty' }],
        },
      ],
      pass: [
        {
          files: {
            'journeys/welcome.journey.yaml': 'journey: welcome\nversion: 1\ntitle: Welcome\nstages:\n  - { id: start }\n',
          },
        },
      ],
    },
  },
  check({ repo, report }) {
    for (const problem of repo.problems) {
      if (problem.kind === 'parse') report({ at: problem.at, offset: problem.offset ?? 0, messageId: problem.syntax === true ? 'syntax' : 'problem', data: { message: problem.message }, ...(problem.severity ? { severity: problem.severity } : {}) });
    }
  },
});
