import { defineRule, type RuleContext } from '../model/rule.ts';
import { child } from '../model/refs.ts';
import type { NodeRef } from '../model/types.ts';

interface Entry {
  readonly id: string;
  /** The node that holds the id, and the id's field: the reference to it is made only to report. */
  readonly ref: NodeRef;
  readonly field: string;
  readonly journey?: string;
  readonly touchpoint?: string;
}

/** Reports every entry whose id an earlier entry already has, pointing back at the first. */
function reportRepeats(context: RuleContext, kind: string, scope: string, entries: readonly Entry[]): void {
  const first = new Map<string, Entry>();
  for (const entry of entries) {
    if (!entry.id) continue;
    const earlier = first.get(entry.id);
    if (!earlier) {
      first.set(entry.id, entry);
      continue;
    }
    const where = earlier.ref.file === entry.ref.file ? 'earlier in this file' : `in ${earlier.ref.file}`;
    context.report({
      at: child(entry.ref, entry.field),
      messageId: 'repeated',
      data: { kind, id: entry.id, scope, where },
      journey: entry.journey,
      touchpoint: entry.touchpoint,
      related: [{ at: child(earlier.ref, earlier.field), journey: earlier.journey, touchpoint: earlier.touchpoint }],
    });
  }
}

const JOURNEY = [
  'journey: welcome',
  'version: 1',
  'title: Welcome',
  'stages:',
  '  - id: start',
  'touchpoints:',
  '  - id: welcome-email',
  '    stage: start',
  '    channel: email',
  '  - id: welcome-email',
  '    stage: start',
  '    channel: sms',
  '',
].join('\n');

export default defineRule({
  meta: {
    id: 'unique-id',
    severity: 'error',
    description: 'Two journeys with one id; two stages or touchpoints with one id in a journey; an owner, channel, persona or scenario declared twice.',
    rationale:
      'Ids are how journeys, findings, metrics and the site refer to things. Two things with one id make every reference ambiguous, and one of them silently disappears from reports.',
    fix: 'Rename one of the two. If they are really the same thing, merge them.',
    messages: {
      repeated: 'Two {{kind}}s have the id "{{id}}" {{scope}}: the other is {{where}}. Give each its own id.',
    },
    identity: ['journey', 'kind', 'id'],
    examples: {
      fail: [
        {
          title: 'Two touchpoints named welcome-email',
          files: { 'journeys/welcome.journey.yaml': JOURNEY },
          findings: [{ line: 10, column: 9, message: 'Two touchpoints have the id "welcome-email"' }],
        },
      ],
      pass: [{ files: { 'journeys/welcome.journey.yaml': JOURNEY.replace(/welcome-email(?=\n {4}stage: start\n {4}channel: sms)/, 'welcome-sms') } }],
    },
  },
  // A journey's own stages and touchpoints: what a cached run keeps per file.
  checkFiles(context) {
    for (const journey of context.repo.journeys) {
      reportRepeats(
        context,
        'stage',
        `in journey "${journey.id}"`,
        journey.stages.map((stage) => ({ id: stage.id, ref: stage.ref, field: 'id', journey: journey.id })),
      );
      reportRepeats(
        context,
        'touchpoint',
        `in journey "${journey.id}"`,
        journey.touchpoints.map((touchpoint) => ({ id: touchpoint.id, ref: touchpoint.ref, field: 'id', journey: journey.id, touchpoint: touchpoint.id })),
      );
    }
  },
  check(context) {
    const { repo } = context;
    reportRepeats(
      context,
      'journey',
      'in the repository',
      repo.journeys.map((journey) => ({ id: journey.id, ref: journey.ref, field: 'journey', journey: journey.id })),
    );
    reportRepeats(context, 'owner', 'in the repository', repo.owners.map((owner) => ({ id: owner.id, ref: owner.ref, field: 'id' })));
    reportRepeats(
      context,
      'channel',
      'in the repository',
      repo.channels.flatMap((channel) => (channel.ref ? [{ id: channel.id, ref: channel.ref, field: 'id' }] : [])),
    );
    reportRepeats(context, 'persona', 'in the repository', repo.personas.map((persona) => ({ id: persona.id, ref: persona.ref, field: 'id' })));
    reportRepeats(context, 'scenario', 'in the repository', repo.scenarios.map((scenario) => ({ id: scenario.id, ref: scenario.ref, field: 'scenario' })));
  },
});
