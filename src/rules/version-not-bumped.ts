import { defineRule } from '../model/rule.ts';
import { canonical } from '../model/canonical.ts';
import { child } from '../model/refs.ts';
import { journeyName } from '../model/text.ts';
import type { Journey } from '../model/types.ts';

const journey = (version: number, after: string): string =>
  [
    'journey: welcome',
    `version: ${version}`,
    'title: Welcome',
    'stages:',
    '  - id: start',
    'touchpoints:',
    '  - id: welcome-email',
    '    stage: start',
    '    channel: email',
    '    trigger: account.opened',
    `    after: ${after}`,
    '',
  ].join('\n');

/** The touchpoints as data, without the Markdown narrative (prose is not behaviour). */
const behaviour = (journey: Journey): string => canonical(journey.raw.touchpoints ?? []);

export default defineRule({
  meta: {
    id: 'version-not-bumped',
    severity: 'warning',
    description:
      '(Only when comparing with a base revision) A journey whose touchpoints changed while its version did not rise.',
    rationale:
      'The version tells analysts, the site and downstream tools that a journey behaves differently from a given date. Measurements before and after a change must not be mixed up.',
    fix: 'Raise "version:" by one in the same change.',
    requires: 'base',
    messages: {
      'not-bumped': 'The touchpoints of journey "{{journey}}" changed, but it is still version {{version}} (version {{baseVersion}} at the base): raise it to {{next}}.',
    },
    examples: {
      fail: [
        {
          title: 'The welcome e-mail now waits 2 hours, and the version stayed at 3',
          base: { 'journeys/welcome.journey.yaml': journey(3, '0m') },
          files: { 'journeys/welcome.journey.yaml': journey(3, '2h') },
          findings: [{ line: 2, column: 10, message: 'still version 3' }],
        },
      ],
      pass: [
        {
          title: 'The same change, with the version raised',
          base: { 'journeys/welcome.journey.yaml': journey(3, '0m') },
          files: { 'journeys/welcome.journey.yaml': journey(4, '2h') },
        },
      ],
    },
  },
  check({ repo, run, report }) {
    if (!run.base) return;
    const before = new Map(run.base.journeys.map((journey) => [journey.id, journey]));
    for (const journey of repo.journeys) {
      const old = before.get(journey.id);
      if (!old || journey.version === undefined || old.version === undefined) continue;
      // A file the same at the base keeps the work tree's parse (loadAtRevision's reuse), and so its model: the
      // same model or data needs no comparing, and most of a pull request's journeys are unchanged. The model
      // first: a journey the lint cache kept has its data parsed again only when it is read.
      if (journey === old || journey.raw === old.raw || journey.version > old.version || behaviour(journey) === behaviour(old)) continue;
      report({
        at: child(journey.ref, 'version'),
        journey: journey.id,
        messageId: 'not-bumped',
        data: { journey: journeyName(journey), version: journey.version, baseVersion: old.version, next: old.version + 1 },
      });
    }
  },
});
