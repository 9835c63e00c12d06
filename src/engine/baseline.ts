import type { Finding } from '../model/types.ts';
import { builtInRules } from '../rules/index.ts';
import type { Rule } from '../model/rule.ts';

/**
 * A baseline records the findings a repository had when it adopted the linter,
 * so that later runs report only new ones. Findings are matched by rule, place
 * (journey and touchpoint, or file) and message, never by line: editing lines
 * above a finding must not bring it back.
 */
export interface Baseline {
  readonly version: 1;
  readonly findings: readonly BaselineEntry[];
}

export interface BaselineEntry {
  readonly rule: string;
  readonly file: string;
  readonly journey?: string;
  readonly touchpoint?: string;
  readonly message: string;
  readonly count: number;
}

export const BASELINE_FILE = 'journeys.baseline.json';

/** What identifies a finding across edits and revisions. */
export function findingKey(finding: Pick<Finding, 'rule' | 'file' | 'journey' | 'touchpoint' | 'message'>): string {
  return [finding.rule, finding.journey ?? `file:${finding.file}`, finding.touchpoint ?? '', finding.message].join('\u0000');
}

/** Findings of `a` that `b` does not account for, counting repeats (a multiset difference). */
export function findingsNotIn(a: readonly Finding[], b: readonly Finding[]): Finding[] {
  const counts = new Map<string, number>();
  for (const finding of b) counts.set(findingKey(finding), (counts.get(findingKey(finding)) ?? 0) + 1);
  return withoutCounted(a, counts);
}

function withoutCounted(findings: readonly Finding[], counts: Map<string, number>): Finding[] {
  return findings.filter((finding) => {
    const left = counts.get(findingKey(finding)) ?? 0;
    if (left === 0) return true;
    counts.set(findingKey(finding), left - 1);
    return false;
  });
}

/** Ids of the rules whose findings no baseline records or hides (`meta.unsuppressible`). */
function unsuppressibleIds(rules: readonly Rule[]): ReadonlySet<string> {
  return new Set(rules.filter((rule) => rule.meta.unsuppressible === true).map((rule) => rule.meta.id));
}

/** The baseline of a set of findings; those of unsuppressible rules (parse, schema) are never recorded. */
export function createBaseline(findings: readonly Finding[], rules: readonly Rule[] = builtInRules): Baseline {
  const lasting = unsuppressibleIds(rules);
  const entries = new Map<string, BaselineEntry>();
  for (const finding of findings) {
    if (lasting.has(finding.rule)) continue;
    const key = findingKey(finding);
    const entry = entries.get(key);
    entries.set(key, {
      rule: finding.rule,
      file: finding.file,
      journey: finding.journey,
      touchpoint: finding.touchpoint,
      message: finding.message,
      count: (entry?.count ?? 0) + 1,
    });
  }
  const sorted = [...entries.values()].sort((a, b) => (findingKey(a) < findingKey(b) ? -1 : findingKey(a) > findingKey(b) ? 1 : 0));
  return { version: 1, findings: sorted };
}

/**
 * The findings a baseline does not account for, and how many it hid. Findings of
 * unsuppressible rules are always kept, even when a baseline written by hand lists them.
 */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline, rules: readonly Rule[] = builtInRules): { findings: Finding[]; hidden: number } {
  const lasting = unsuppressibleIds(rules);
  const counts = new Map<string, number>();
  for (const entry of baseline.findings) {
    if (!lasting.has(entry.rule)) counts.set(findingKey(entry), (counts.get(findingKey(entry)) ?? 0) + entry.count);
  }
  const kept = withoutCounted(findings, counts);
  return { findings: kept, hidden: findings.length - kept.length };
}

/** Reads a baseline file's text; a clear error when it is not one. */
export function parseBaseline(text: string): Baseline {
  const data = JSON.parse(text) as Partial<Baseline>;
  if (data.version !== 1 || !Array.isArray(data.findings)) throw new Error('not a journeys baseline (expected { "version": 1, "findings": [...] })');
  for (const entry of data.findings) {
    if (typeof entry?.rule !== 'string' || typeof entry.message !== 'string' || typeof entry.file !== 'string' || !Number.isInteger(entry.count)) {
      throw new Error('a baseline entry needs rule, file, message and count');
    }
  }
  return data as Baseline;
}
