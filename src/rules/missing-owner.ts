import { defineRule } from '../model/rule.ts';
import { journeyName } from '../model/text.ts';

interface Options {
  /** Whether a touchpoint without an owner is run by its journey's owner. */
  readonly inherit: boolean;
}

const journey = (touchpointOwner: string): string =>
  [
    'journey: welcome',
    'version: 1',
    'title: Welcome',
    'owner: team-onboarding',
    'stages:',
    '  - id: start',
    'touchpoints:',
    '  - id: welcome-email',
    '    stage: start',
    '    channel: email',
    touchpointOwner,
    '',
  ].join('\n');

export default defineRule<Options>({
  meta: {
    id: 'missing-owner',
    severity: 'error',
    scope: 'file',
    description: 'A journey or touchpoint with no owner.',
    rationale:
      'A message that no team owns is one nobody reviews, measures or turns off. Ownership is the first thing a customer-experience audit asks for.',
    fix: 'Add "owner:" with the id of the team, declared in journeys/owners.yaml, that runs the journey or the touchpoint.',
    options: {
      type: 'object',
      properties: {
        inherit: { type: 'boolean', description: "A touchpoint with no owner is run by its journey's owner." },
      },
      additionalProperties: false,
    },
    defaults: { inherit: false },
    messages: {
      'journey-without-owner': 'Journey "{{journey}}" has no owner: name the accountable team with "owner:".',
      'touchpoint-without-owner': 'Touchpoint "{{touchpoint}}" has no owner: name the team that runs it with "owner:".',
    },
    examples: {
      fail: [
        {
          title: 'A touchpoint with no owner',
          files: { 'journeys/welcome.journey.yaml': journey('') },
          findings: [{ line: 8, column: 5, message: 'Touchpoint "welcome-email" has no owner' }],
        },
      ],
      pass: [
        { files: { 'journeys/welcome.journey.yaml': journey('    owner: team-crm') } },
        { title: 'With inherit, the journey owner runs the touchpoint', files: { 'journeys/welcome.journey.yaml': journey('') }, options: { inherit: true } },
      ],
    },
  },
  check({ repo, options, report }) {
    for (const journey of repo.journeys) {
      if (journey.owner === undefined) {
        report({
          at: journey.ref,
          journey: journey.id || undefined,
          messageId: 'journey-without-owner',
          data: { journey: journeyName(journey) },
        });
      }
      const inherited = options.inherit ? journey.owner : undefined;
      for (const touchpoint of journey.touchpoints) {
        if (touchpoint.owner !== undefined || inherited !== undefined) continue;
        report({
          at: touchpoint.ref,
          journey: journey.id,
          touchpoint: touchpoint.id,
          messageId: 'touchpoint-without-owner',
          data: { touchpoint: touchpoint.id },
        });
      }
    }
  },
});
