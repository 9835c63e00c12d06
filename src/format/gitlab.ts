import type { Summary } from '../engine/run.ts';
import type { Rule } from '../model/rule.ts';
import type { Finding, Severity } from '../model/types.ts';
import { identityHash } from '../engine/identity.ts';
import { jsonText } from './sanitize.ts';
import { fingerprints } from './sarif.ts';

/** What the GitLab formatter reads of the format options. */
export interface GitlabOptions {
  /** The rules whose metadata identifies their findings (the CLI passes `builtInRules`). */
  readonly rules: readonly Rule[];
  /** Where the repository sits in its git work tree (`cx/`), `''` or absent at the top. */
  readonly pathPrefix?: string;
}

/** A folder prefix as it goes before a path: empty, or ending in one `/`. */
export function folderPrefix(prefix: string | undefined): string {
  if (prefix === undefined || prefix === '') return '';
  return prefix.endsWith('/') ? prefix : `${prefix}/`;
}

/**
 * GitLab's severities are info, minor, major, critical and blocker. An error fails the
 * pipeline as a major issue does in other linters' reports; blocker and critical are left
 * for security tools.
 */
const SEVERITY: Readonly<Record<Severity, 'major' | 'minor' | 'info'>> = { error: 'major', warning: 'minor', info: 'info' };

/**
 * A GitLab Code Quality report (artifact `reports: codequality`): a JSON array of issues,
 * each with its description, rule, severity, place in the git repository and a fingerprint.
 * GitLab shows one issue per fingerprint and compares a merge request with its target by
 * them, so each is the SARIF fingerprint of the finding (its identity, never its line or
 * wording, one per occurrence), and also holds the folder when the journeys are not at the
 * top of the git repository, so that two journeys folders of one project never share one.
 */
export function gitlab(findings: readonly Finding[], _summary: Summary, options: GitlabOptions): string {
  const prefix = folderPrefix(options.pathPrefix);
  const prints = fingerprints(findings, options.rules);
  const issues = findings.map((finding, index) => {
    const print = prints[index]!;
    return {
      type: 'issue',
      description: finding.message,
      check_name: finding.rule,
      fingerprint: prefix === '' ? print : identityHash(`${prefix}\u0000${print}`),
      severity: SEVERITY[finding.severity],
      location: {
        path: `${prefix}${finding.file}`,
        lines: { begin: finding.line, ...(finding.endLine !== undefined && finding.endLine >= finding.line ? { end: finding.endLine } : {}) },
      },
    };
  });
  return `${jsonText(issues)}\n`;
}
