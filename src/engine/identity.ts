import { createHash } from 'node:crypto';
import type { Finding } from '../model/types.ts';
import { builtInRules } from '../rules/index.ts';
import type { Rule } from '../model/rule.ts';

/**
 * The identity of a finding: what makes it the same finding across edits and revisions,
 * so that baselines, SARIF fingerprints and the pull-request diff follow it. It is made
 * of the rule, the message id and the finding's stable subjects, never of its wording,
 * counts, similarities or line numbers: rewording a message or one more email in a
 * scenario must not close one alert and open another.
 *
 * Subjects a rule may name in `meta.identity`:
 * - `journey`: the journey's id, or for a finding outside any journey its file;
 * - `touchpoint`, `scenario`: the finding's own;
 * - `touchpoints`: the finding's touchpoint and its related ones, sorted, for findings
 *   about a pair that has no order (two touchpoints that say the same thing);
 * - any other name: that key of the finding's data.
 */
export type IdentityFinding = Pick<Finding, 'rule' | 'file' | 'journey' | 'touchpoint' | 'scenario' | 'related' | 'messageId' | 'data'>;

/** The subjects of a rule that declares none. */
export const DEFAULT_IDENTITY: readonly string[] = ['journey', 'touchpoint', 'scenario'];

const identities = new WeakMap<readonly Rule[], ReadonlyMap<string, readonly string[]>>();

/** The subjects that identify a finding of `rule`. */
export function identitySubjects(rule: string, rules: readonly Rule[] = builtInRules): readonly string[] {
  let byRule = identities.get(rules);
  if (!byRule) identities.set(rules, (byRule = new Map(rules.map((r) => [r.meta.id, r.meta.identity ?? DEFAULT_IDENTITY]))));
  return byRule.get(rule) ?? DEFAULT_IDENTITY;
}

const place = (journey: string | undefined, touchpoint: string): string => `${journey ?? ''}/${touchpoint}`;

function subject(finding: IdentityFinding, name: string): string | number | readonly string[] {
  switch (name) {
    case 'journey':
      return finding.journey ?? `file:${finding.file}`;
    case 'touchpoint':
      return finding.touchpoint ?? '';
    case 'scenario':
      return finding.scenario ?? '';
    case 'touchpoints': {
      const own = finding.touchpoint !== undefined ? [place(finding.journey, finding.touchpoint)] : [];
      const related = finding.related.flatMap((r) => (r.touchpoint !== undefined ? [place(r.journey, r.touchpoint)] : []));
      return [...new Set([...own, ...related])].sort();
    }
    default:
      return finding.data?.[name] ?? '';
  }
}

/**
 * The identity of a finding, as readable text (JSON): `[rule, message id, { subject: value }]`,
 * with the subjects its rule names. `rules` gives the rules' metadata (the built-in rules by default).
 */
export function findingIdentity(finding: IdentityFinding, rules: readonly Rule[] = builtInRules): string {
  const subjects: Record<string, unknown> = {};
  for (const name of identitySubjects(finding.rule, rules)) subjects[name] = subject(finding, name);
  return JSON.stringify([finding.rule, finding.messageId ?? '', subjects]);
}

/** A short, opaque form of an identity, for places that want a hash (SARIF fingerprints). */
export function identityHash(identity: string): string {
  return createHash('sha256').update(identity).digest('hex');
}
