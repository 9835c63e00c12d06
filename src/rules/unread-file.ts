import { defineRule } from '../model/rule.ts';

const JOURNEY = 'journey: home-loan\nversion: 1\ntitle: Home loan\nstages:\n  - id: apply\n';

export default defineRule({
  meta: {
    id: 'unread-file',
    severity: 'warning',
    description: 'A file under journeys/ that the tools do not read because its name matches no pattern (a journey saved as home-loan.yaml).',
    rationale:
      'A journey whose file name lacks ".journey." is silently left out: no finding about it, no page on the site, no message in any simulation. Its authors believe it is checked and published.',
    fix: 'Rename the file as the finding suggests (journeys are <id>.journey.yaml or <id>.journey.md, scenarios <id>.scenario.yaml), or, if it is not meant to be read, list it under ignore: in journeys.config.yaml.',
    messages: {
      meant: 'This file is not read: its name matches no file journeys reads. Did you mean {{meant}}? (Or list it under ignore: in journeys.config.yaml.)',
      unknown:
        'This file is not read: journeys are named <id>.journey.yaml or <id>.journey.md and scenarios <id>.scenario.yaml. Rename it, or list it under ignore: in journeys.config.yaml.',
    },
    identity: ['journey', 'meant'],
    examples: {
      fail: [
        {
          title: 'A journey saved without .journey. in its name',
          files: { 'journeys/welcome.journey.yaml': 'journey: welcome\nversion: 1\ntitle: Welcome\nstages:\n  - id: start\n', 'journeys/home-loan.yaml': JOURNEY },
          findings: [{ file: 'journeys/home-loan.yaml', line: 1, column: 1, message: 'Did you mean journeys/home-loan.journey.yaml?' }],
        },
      ],
      pass: [
        {
          title: 'The journey named as the tools read it, beside a README',
          files: { 'journeys/home-loan.journey.yaml': JOURNEY, 'journeys/README.md': '# Our journeys\n' },
        },
        {
          title: 'A draft left out on purpose',
          files: { 'journeys/home-loan.journey.yaml': JOURNEY, 'journeys/drafts/mortgage.yaml': JOURNEY, 'journeys.config.yaml': 'ignore:\n  - journeys/drafts/\n' },
        },
      ],
    },
  },
  check({ repo, report }) {
    for (const file of repo.unreadFiles ?? []) {
      report({
        at: { file: file.path, path: [] },
        position: { line: 1, column: 1 },
        messageId: file.meant === undefined ? 'unknown' : 'meant',
        data: file.meant === undefined ? {} : { meant: file.meant },
      });
    }
  },
});
