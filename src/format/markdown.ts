import type { Summary } from '../engine/run.ts';
import type { Finding, Severity } from '../model/types.ts';
import { plural } from '../model/text.ts';
import { absoluteSiteUrl, ruleDocUrl } from './sarif.ts';

/** What the Markdown formatter reads of the format options. */
export interface MarkdownOptions {
  /** Address of the published journey site, to link each rule to its page. */
  readonly siteUrl?: string;
}

/** GitHub refuses a comment longer than 65,536 characters; keep a margin for a wrapper. */
export const MAX_COMMENT_LENGTH = 64_000;

/** A cell longer than this is cut: one finding must not eat the comment. */
const MAX_CELL = 600;

const ICON: Readonly<Record<Severity, string>> = { error: '🔴 error', warning: '🟡 warning', info: '🔵 info' };

/** An `@` before a name gets a zero-width space, so that GitHub notifies no user or team that a journey names. */
export function withoutMentions(text: string): string {
  return text.replace(/@(?=\w)/g, '@\u200b');
}

/**
 * User text made safe for a cell of a Markdown table inside HTML: HTML special
 * characters become entities, Markdown punctuation is escaped, a pipe cannot end the
 * cell, a newline cannot end the row, and an `@` cannot mention anyone.
 */
export function escapeCell(text: string): string {
  const cut = text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
  // Markdown punctuation first, so that the `#` of the entities below is not escaped.
  return withoutMentions(
    cut
      .replace(/[\\*_[\]~#]/g, '\\$&')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\|/g, '&#124;')
      .replace(/`/g, '&#96;')
      .replace(/\r\n|\r|\n/g, '<br>'),
  );
}

function ruleCell(rule: string, siteUrl: string | undefined): string {
  const code = `<code>${escapeCell(rule)}</code>`;
  // A relative link would point inside the pull request on GitHub: link only to a known site.
  const site = absoluteSiteUrl(siteUrl);
  return site !== undefined ? `[${code}](${ruleDocUrl(rule, site)})` : code;
}

function findingRow(finding: Finding, siteUrl: string | undefined): string {
  const cells = [
    ICON[finding.severity],
    `${escapeCell(finding.file)}:${finding.line}`,
    finding.journey !== undefined ? escapeCell(finding.journey) : '',
    finding.touchpoint !== undefined ? escapeCell(finding.touchpoint) : '',
    escapeCell(finding.message),
    ruleCell(finding.rule, siteUrl),
  ];
  return `| ${cells.join(' | ')} |`;
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * A summary for a pull-request comment: the totals, a table of counts by rule, and every
 * finding in a collapsed table, cut with a note when the comment would be too long.
 */
export function markdown(findings: readonly Finding[], summary: Summary, options: MarkdownOptions = {}): string {
  const { siteUrl } = options;
  const scope = `${plural(summary.journeys, 'journey')}, ${plural(summary.touchpoints, 'touchpoint')} in ${plural(summary.files, 'file')}`;
  const total = summary.errors + summary.warnings + summary.infos;
  if (total === 0 && findings.length === 0) return `### ✅ journeys: no problems\n\nNo problems in ${scope}.\n`;

  const lines: string[] = [
    `### journeys: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')}`,
    '',
    `In ${scope}.`,
    '',
  ];

  const counts = new Map<string, { rule: string; severity: Severity; count: number }>();
  for (const finding of findings) {
    const key = `${finding.rule}\u0000${finding.severity}`;
    const entry = counts.get(key);
    if (entry) entry.count += 1;
    else counts.set(key, { rule: finding.rule, severity: finding.severity, count: 1 });
  }
  const byRule = [...counts.values()].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.count - a.count || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
  if (byRule.length > 0) {
    lines.push('| Rule | Severity | Count |', '| --- | --- | ---: |');
    for (const entry of byRule) lines.push(`| ${ruleCell(entry.rule, siteUrl)} | ${ICON[entry.severity]} | ${entry.count.toLocaleString('en')} |`);
    lines.push('');
  }

  if (findings.length > 0) {
    lines.push(
      '<details>',
      `<summary>${plural(findings.length, 'finding')}</summary>`,
      '',
      '| Severity | Place | Journey | Touchpoint | Message | Rule |',
      '| --- | --- | --- | --- | --- | --- |',
    );
    const closing = ['', '</details>', ''];
    // Room for the closing lines and a note on what was cut.
    const reserve = closing.join('\n').length + 200;
    let length = lines.join('\n').length;
    let written = 0;
    for (const finding of findings) {
      const row = findingRow(finding, siteUrl);
      if (length + row.length + 1 + reserve > MAX_COMMENT_LENGTH) break;
      lines.push(row);
      length += row.length + 1;
      written += 1;
    }
    const rest = findings.length - written;
    if (rest > 0) lines.push('', `…and ${plural(rest, 'more finding')}, left out to keep this comment within GitHub's size limit: run \`journeys lint\` for the full list.`);
    lines.push(...closing);
  }
  return lines.join('\n');
}
