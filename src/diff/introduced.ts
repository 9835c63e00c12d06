/**
 * The findings a change introduces, for `journeys lint --base`: the repository at the base
 * is linted with the same rules and date, and the findings now that it does not account
 * for (by identity, a renamed journey read under its new id) are the change's.
 */
import { findingsNotIn } from '../engine/baseline.ts';
import { lint } from '../engine/run.ts';
import type { Rule } from '../model/rule.ts';
import type { Finding, Repository } from '../model/types.ts';
import { builtInRules } from '../rules/index.ts';
import { pairJourneys, underNewIds } from './compare.ts';

export interface IntroducedInput {
  /** The repository now and its findings, as `check` gave them. */
  readonly repo: Repository;
  readonly findings: readonly Finding[];
  readonly today: string;
}

/** The findings of `head` (the same objects) that the repository at the base did not have. */
export function introducedFindings(head: IntroducedInput, base: Repository, rules: readonly Rule[] = builtInRules): ReadonlySet<Finding> {
  const before = lint(base, { rules, run: { today: head.today } }).findings;
  return new Set(findingsNotIn(head.findings, underNewIds(before, pairJourneys(base, head.repo).newIds), rules));
}
