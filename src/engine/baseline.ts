import type { Finding } from '../model/types.ts';
import { builtInRules } from '../rules/index.ts';
import { findingIdentity } from './identity.ts';
import type { Rule } from '../model/rule.ts';

/**
 * A baseline records the findings a repository had when it adopted the linter,
 * so that later runs report only new ones. Findings are matched by their identity
 * (engine/identity.ts): rule, message id and stable subjects, never line or wording,
 * so that editing lines above a finding or rewording a message does not bring it back.
 *
 * Version 1 baselines, written before findings had an identity, are matched by rule,
 * place and message text, and become version 2 on the next --baseline-write or --baseline-prune.
 */
export interface Baseline {
  readonly version: 1 | 2;
  readonly findings: readonly BaselineEntry[];
}

export interface BaselineEntry {
  readonly rule: string;
  /** The findings' identity (version 2); a version 1 entry has none and is matched by its message. */
  readonly identity?: string;
  readonly file: string;
  readonly journey?: string;
  readonly touchpoint?: string;
  /** The message when the entry was written, for the reader; version 2 does not match on it. */
  readonly message: string;
  readonly count: number;
}

export const BASELINE_FILE = 'journeys.baseline.json';

/**
 * How version 1 baselines matched a finding: rule, place (journey and touchpoint, or
 * file) and message text. Kept to read those baselines; new code keys on `findingIdentity`.
 */
export function findingKey(finding: Pick<Finding, 'rule' | 'file' | 'journey' | 'touchpoint' | 'message'>): string {
  return [finding.rule, finding.journey ?? `file:${finding.file}`, finding.touchpoint ?? '', finding.message].join('\u0000');
}

/** Findings of `a` that `b` does not account for, by identity and counting repeats (a multiset difference). */
export function findingsNotIn(a: readonly Finding[], b: readonly Finding[], rules: readonly Rule[] = builtInRules): Finding[] {
  const counts = new Map<string, number>();
  for (const finding of b) {
    const identity = findingIdentity(finding, rules);
    counts.set(identity, (counts.get(identity) ?? 0) + 1);
  }
  return a.filter((finding) => {
    const identity = findingIdentity(finding, rules);
    const left = counts.get(identity) ?? 0;
    if (left === 0) return true;
    counts.set(identity, left - 1);
    return false;
  });
}

/** Ids of the rules whose findings no baseline records or hides (`meta.unsuppressible`). */
function unsuppressibleIds(rules: readonly Rule[]): ReadonlySet<string> {
  return new Set(rules.filter((rule) => rule.meta.unsuppressible === true).map((rule) => rule.meta.id));
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The baseline (version 2) of a set of findings; those of unsuppressible rules (parse, schema) are never recorded. */
export function createBaseline(findings: readonly Finding[], rules: readonly Rule[] = builtInRules): Baseline {
  const lasting = unsuppressibleIds(rules);
  const entries = new Map<string, BaselineEntry>();
  for (const finding of findings) {
    if (lasting.has(finding.rule)) continue;
    const identity = findingIdentity(finding, rules);
    const entry = entries.get(identity);
    entries.set(
      identity,
      entry
        ? { ...entry, count: entry.count + 1 }
        : { rule: finding.rule, identity, file: finding.file, journey: finding.journey, touchpoint: finding.touchpoint, message: finding.message, count: 1 },
    );
  }
  return { version: 2, findings: [...entries.values()].sort((a, b) => byText(a.identity!, b.identity!)) };
}

export interface AppliedBaseline {
  /** The findings the baseline does not account for. */
  readonly findings: Finding[];
  /** How many findings it hid. */
  readonly hidden: number;
  /** The findings it hid: a baseline of exactly these is the baseline pruned of stale entries. */
  readonly hiddenFindings: Finding[];
  /** Entries (with the count left over) that match no finding any more: a fixed finding, or one recorded by hand. */
  readonly stale: BaselineEntry[];
}

/**
 * The findings a baseline does not account for, how many it hid, and its entries that no
 * longer match anything. Findings of unsuppressible rules are always kept, even when a
 * baseline written by hand lists them. A version 1 entry matches findings by their message
 * as rendered today.
 */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline, rules: readonly Rule[] = builtInRules): AppliedBaseline {
  const lasting = unsuppressibleIds(rules);
  const left = baseline.findings.map((entry) => (lasting.has(entry.rule) ? 0 : entry.count));
  const byIdentity = new Map<string, number[]>();
  const byMessage = new Map<string, number[]>();
  baseline.findings.forEach((entry, index) => {
    const [map, key] = entry.identity !== undefined ? [byIdentity, entry.identity] : [byMessage, findingKey(entry)];
    map.set(key, [...(map.get(key) ?? []), index]);
  });
  const take = (indexes: readonly number[] | undefined): boolean => {
    const index = indexes?.find((i) => left[i]! > 0);
    if (index === undefined) return false;
    left[index] = left[index]! - 1;
    return true;
  };
  const kept: Finding[] = [];
  const hiddenFindings: Finding[] = [];
  for (const finding of findings) {
    const hidden = !lasting.has(finding.rule) && (take(byIdentity.get(findingIdentity(finding, rules))) || take(byMessage.get(findingKey(finding))));
    (hidden ? hiddenFindings : kept).push(finding);
  }
  const stale = baseline.findings.flatMap((entry, index) => (left[index]! > 0 || lasting.has(entry.rule) ? [{ ...entry, count: lasting.has(entry.rule) ? entry.count : left[index]! }] : []));
  return { findings: kept, hidden: hiddenFindings.length, hiddenFindings, stale };
}

/** Reads a baseline file's text (version 1 or 2); a clear error when it is not one. */
export function parseBaseline(text: string): Baseline {
  const data = JSON.parse(text) as Partial<Baseline>;
  if ((data.version !== 1 && data.version !== 2) || !Array.isArray(data.findings)) {
    throw new Error('not a journeys baseline (expected { "version": 2, "findings": [...] })');
  }
  for (const entry of data.findings) {
    if (typeof entry?.rule !== 'string' || typeof entry.message !== 'string' || typeof entry.file !== 'string' || !Number.isInteger(entry.count)) {
      throw new Error('a baseline entry needs rule, file, message and count');
    }
    if (data.version === 2 && typeof entry.identity !== 'string') throw new Error('a version 2 baseline entry needs its identity');
  }
  return data as Baseline;
}
