import { defineRule } from '../model/rule.ts';
import { dayNumber } from '../model/dates.ts';
import { DURATION_PATTERN, parseDuration } from '../model/duration.ts';
import { child } from '../model/refs.ts';
import { journeyName, plural } from '../model/text.ts';

interface Options {
  readonly 'max-age': string;
}

const journey = (reviewed: string): string =>
  ['journey: welcome', 'version: 1', 'title: Welcome', reviewed, 'stages:', '  - id: start', 'touchpoints:', '  - { id: landing, stage: start, channel: web }', ''].join('\n');

export default defineRule<Options>({
  meta: {
    id: 'stale-journey',
    severity: 'warning',
    scope: 'file',
    usesToday: true,
    description: 'A journey whose "reviewed" date is older than max-age (180 days by default), or absent.',
    rationale:
      'A journey map is only useful while it is true. Products, messages and teams change; a map nobody has reviewed for months describes a company that no longer exists.',
    fix: 'Walk through the journey with its owner, correct what changed, and set "reviewed:" to the date of that review.',
    options: {
      type: 'object',
      properties: {
        'max-age': { type: 'string', pattern: DURATION_PATTERN, description: 'How long a review stays valid, as a duration such as 180d or 26w.' },
      },
      additionalProperties: false,
    },
    defaults: { 'max-age': '180d' },
    messages: {
      'never-reviewed': 'Journey "{{journey}}" has no "reviewed" date: review it with its owner and record the date.',
      'not-a-date': '"reviewed" is {{reviewed}}, which is not a date of the calendar.',
      stale: 'Journey "{{journey}}" was last reviewed on {{reviewed}}, more than {{maxAge}} ago: review it with its owner.',
    },
    examples: {
      fail: [
        {
          title: 'Last reviewed more than 180 days ago',
          files: { 'journeys/welcome.journey.yaml': journey('reviewed: 2026-01-15') },
          context: { today: '2026-09-01' },
          findings: [{ line: 4, column: 11, message: 'last reviewed on 2026-01-15, more than 180 days ago' }],
        },
        {
          title: 'Never reviewed',
          files: { 'journeys/welcome.journey.yaml': journey('') },
          context: { today: '2026-09-01' },
          findings: [{ line: 1, column: 1, message: 'no "reviewed" date' }],
        },
      ],
      pass: [
        { files: { 'journeys/welcome.journey.yaml': journey('reviewed: 2026-06-01') }, context: { today: '2026-09-01' } },
        {
          title: 'A longer review cycle',
          files: { 'journeys/welcome.journey.yaml': journey('reviewed: 2026-01-15') },
          options: { 'max-age': '52w' },
          context: { today: '2026-09-01' },
        },
      ],
    },
  },
  check({ repo, options, run, report }) {
    const maxAgeDays = (parseDuration(options['max-age']) ?? 180 * 1440) / 1440;
    const today = dayNumber(run.today);
    if (today === undefined) return;
    for (const journey of repo.journeys) {
      if (journey.reviewed === undefined) {
        report({
          at: journey.ref,
          journey: journey.id || undefined,
          messageId: 'never-reviewed',
          data: { journey: journeyName(journey) },
        });
        continue;
      }
      const reviewed = dayNumber(journey.reviewed);
      const at = child(journey.ref, 'reviewed');
      if (reviewed === undefined) {
        report({ at, journey: journey.id, messageId: 'not-a-date', data: { reviewed: journey.reviewed } });
        continue;
      }
      const age = today - reviewed;
      if (age > maxAgeDays) {
        report({
          at,
          journey: journey.id,
          // No count of days in the message: it would change every day, and a reader compares runs by their text.
          messageId: 'stale',
          data: { journey: journeyName(journey), reviewed: journey.reviewed, maxAge: plural(maxAgeDays, 'day') },
        });
      }
    }
  },
});
