/**
 * Edits unrelated to a finding never change its identity: on a generated repository of a
 * few dozen journeys with findings from most rules, a hundred random edits (touchpoints
 * reordered, keys moved, blank lines and comments added, one more email in the scenario,
 * a duplicate's text reworded a little) leave every identity outside the edited subject as it was.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, findingIdentity, type Finding } from '../src/index.ts';
import { findingsRepo, journeySpec, journeyText, JOURNEYS, SHIPPING_TEXT, type JourneySpec } from './helpers/findings-repo.ts';
import { TODAY, writeRepo } from './helpers/repo.ts';

const SPECS: readonly JourneySpec[] = Array.from({ length: JOURNEYS }, (_, i) => journeySpec(i + 1));

/** An edit of the generated repository: its files, and the touchpoint it adds, if any (the edited subject). */
interface Edited {
  readonly files: Record<string, string>;
  readonly added?: { readonly journey: string; readonly touchpoint: string };
}

type Edit =
  | { kind: 'reorder'; journey: number; seed: number }
  | { kind: 'move-keys'; journey: number }
  | { kind: 'gaps'; journey: number; at: number; lines: string[] }
  | { kind: 'one-more-email'; journey: number }
  | { kind: 'reword'; journey: number; word: string };

const journeyIndex = fc.integer({ min: 0, max: JOURNEYS - 1 });
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('reorder' as const), journey: journeyIndex, seed: fc.nat() }),
  fc.record({ kind: fc.constant('move-keys' as const), journey: journeyIndex }),
  fc.record({
    kind: fc.constant('gaps' as const),
    journey: journeyIndex,
    at: fc.integer({ min: 0, max: 4 }),
    lines: fc.array(fc.constantFrom('', '# A comment.', '#', '   '), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('one-more-email' as const), journey: journeyIndex }),
  // Journeys 5, 10, 15... hold the duplicated shipping text.
  fc.record({ kind: fc.constant('reword' as const), journey: fc.integer({ min: 1, max: Math.floor(JOURNEYS / 5) }).map((n) => n * 5 - 1), word: fc.constantFrom('now', 'really', 'today') }),
);

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function apply(change: Edit): Edited {
  const specs = [...SPECS];
  const spec = specs[change.journey]!;
  const gaps = new Map<number, string[]>();
  let added: Edited['added'];
  switch (change.kind) {
    case 'reorder':
      specs[change.journey] = { ...spec, touchpoints: shuffled(spec.touchpoints, change.seed) };
      break;
    case 'move-keys':
      // Keys in another order; a touchpoint's message block stays last, its text under it.
      specs[change.journey] = {
        ...spec,
        header: [spec.header[0]!, ...spec.header.slice(1).reverse()],
        touchpoints: spec.touchpoints.map((t) => {
          const block = t.fields.indexOf('message:');
          const plain = block === -1 ? t.fields : t.fields.slice(0, block);
          return { ...t, fields: [...[...plain].reverse(), ...(block === -1 ? [] : t.fields.slice(block))] };
        }),
      };
      break;
    case 'gaps':
      gaps.set(change.at, change.lines);
      break;
    case 'one-more-email':
      // Late in the window that crosses the limit: the count grows, the crossing stays.
      added = { journey: spec.id, touchpoint: 'one-more-email' };
      specs[change.journey] = {
        ...spec,
        touchpoints: [...spec.touchpoints, { id: 'one-more-email', fields: ['stage: start', 'channel: email', 'owner: team-crm', 'trigger: account.opened', 'after: 2h', 'kpis: [{ metric: opens }]'] }],
      };
      break;
    case 'reword':
      specs[change.journey] = {
        ...spec,
        touchpoints: spec.touchpoints.map((t) => ({ ...t, fields: t.fields.map((field) => field.replace(SHIPPING_TEXT, SHIPPING_TEXT.replace('is on', `is ${change.word} on`))) })),
      };
      break;
  }
  const files = findingsRepo(specs);
  files[`journeys/${specs[change.journey]!.id}.journey.yaml`] = journeyText(specs[change.journey]!, gaps);
  return { files, ...(added ? { added } : {}) };
}

const identities = (findings: readonly Finding[]): string[] => findings.map((finding) => findingIdentity(finding)).sort();

/** Whether a finding is about the touchpoint an edit added. */
const about = (finding: Finding, added: NonNullable<Edited['added']>): boolean =>
  [{ journey: finding.journey, touchpoint: finding.touchpoint }, ...finding.related].some((place) => place.journey === added.journey && place.touchpoint === added.touchpoint);

describe('finding identity under unrelated edits', () => {
  const before = check(writeRepo(findingsRepo()), { today: TODAY }).findings;

  it('the generated repository has findings from most rules', () => {
    const rules = new Set(before.map((finding) => finding.rule));
    for (const rule of ['contact-pressure', 'duplicate-touchpoint', 'quiet-hours', 'missing-owner', 'missing-kpi', 'unknown-reference', 'stale-journey', 'unique-id', 'empty-stage', 'low-value-touchpoint', 'unmeasured-moment-of-truth']) {
      expect(rules, rule).toContain(rule);
    }
  });

  it('changes no identity outside the edited subject', { timeout: 120_000 }, () => {
    const was = identities(before);
    fc.assert(
      fc.property(edit, (change) => {
        const { files, added } = apply(change);
        const after = check(writeRepo(files), { today: TODAY }).findings;
        const kept = added ? after.filter((finding) => !about(finding, added)) : after;
        expect(identities(kept)).toEqual(was);
        // Wordings may change (a count, a similarity, a line); identities do not.
      }),
      { numRuns: 100, seed: 20261101 },
    );
  });
});
