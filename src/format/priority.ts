import type { Finding, Severity } from '../model/types.ts';

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * Findings in the order a reviewer reads them when only the first few can be shown
 * (GitHub's ten annotations of a kind, a comment's size): those the change introduces
 * first, then the others; within each, errors, warnings, infos; within a severity, the
 * contract's order (file, line, column, rule) they came in. Without `introduced` (no
 * `--base`), severity first. The input is not changed.
 */
export function byPriority(findings: readonly Finding[], introduced?: ReadonlySet<Finding>): Finding[] {
  const fresh = (finding: Finding): number => (introduced?.has(finding) ? 0 : 1);
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => fresh(a.finding) - fresh(b.finding) || SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] || a.index - b.index)
    .map(({ finding }) => finding);
}

/** A place in the repository as CI links it: from the top of the git repository (`cx/` before the path when the journeys are in a subfolder). */
export function gitPath(prefix: string | undefined, file: string): string {
  if (prefix === undefined || prefix === '') return file;
  return `${prefix.endsWith('/') ? prefix : `${prefix}/`}${file}`;
}
