import type { Summary } from '../engine/run.ts';
import type { Finding, Severity } from '../model/types.ts';
import { formatCount, plural } from '../model/text.ts';
import { byPriority } from './priority.ts';
import { absoluteSiteUrl, ruleDocUrl } from './sarif.ts';

/** What the Markdown formatter reads of the format options. */
export interface MarkdownOptions {
  /** Address of the published journey site, to link each rule to its page. */
  readonly siteUrl?: string;
  /** With `--base`, the findings the change introduces: listed first, in a table of their own. */
  readonly introduced?: ReadonlySet<Finding>;
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

/** How many of the findings the change introduces, in words. */
function newCount(findings: readonly Finding[], introduced: ReadonlySet<Finding>): string {
  const count = findings.filter((finding) => introduced.has(finding)).length;
  return count === 0 ? 'This change introduces none of them.' : `This change introduces ${plural(count, 'of them', 'of them')}.`;
}

/**
 * A summary for a pull-request comment or a job summary: the totals, a table of counts by
 * rule, and every finding in a table, cut with a note when the comment would be too long.
 * With `--base`, the findings the change introduces come first, in a table of their own,
 * so that the cut never takes them before older ones; each table lists errors first.
 */
export function markdown(findings: readonly Finding[], summary: Summary, options: MarkdownOptions = {}): string {
  const { siteUrl } = options;
  const scope = `${plural(summary.journeys, 'journey')}, ${plural(summary.touchpoints, 'touchpoint')} in ${plural(summary.files, 'file')}`;
  const total = summary.errors + summary.warnings + summary.infos;
  if (total === 0 && findings.length === 0) return `### ✅ journeys: no problems\n\nNo problems in ${scope}.\n`;

  const lines: string[] = [
    `### journeys: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')}`,
    '',
    `In ${scope}.${options.introduced === undefined ? '' : ` ${newCount(findings, options.introduced)}`}`,
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
    for (const entry of byRule) lines.push(`| ${ruleCell(entry.rule, siteUrl)} | ${ICON[entry.severity]} | ${formatCount(entry.count)} |`);
    lines.push('');
  }

  // Tables in the order a reviewer reads them: the change's findings (open), then the others, errors first in each.
  const { introduced } = options;
  const ordered = byPriority(findings, introduced);
  const fresh = introduced === undefined ? [] : ordered.filter((finding) => introduced.has(finding));
  const others = introduced === undefined ? ordered : ordered.filter((finding) => !introduced.has(finding));
  const tables = [
    ...(introduced !== undefined ? [{ list: fresh, title: `${plural(fresh.length, 'finding')} introduced by this change`, open: true }] : []),
    { list: others, title: introduced !== undefined ? `${plural(others.length, 'other finding')}, there before this change` : plural(others.length, 'finding'), open: false },
  ].filter((table) => table.list.length > 0);
  // Room for the closing lines of every table and a note on what was cut.
  const reserve = 400;
  let length = lines.join('\n').length;
  for (const table of tables) {
    const rows: string[] = [];
    length += 200;
    for (const finding of table.list) {
      const row = findingRow(finding, siteUrl);
      if (length + row.length + 1 + reserve > MAX_COMMENT_LENGTH) break;
      rows.push(row);
      length += row.length + 1;
    }
    lines.push(table.open ? '<details open>' : '<details>', `<summary>${table.title}</summary>`, '');
    if (rows.length > 0) lines.push('| Severity | Place | Journey | Touchpoint | Message | Rule |', '| --- | --- | --- | --- | --- | --- |', ...rows);
    const rest = table.list.length - rows.length;
    if (rest > 0) lines.push('', `…and ${plural(rest, 'more finding')}, left out to keep this comment within GitHub's size limit: run \`journeys lint\` for the full list.`);
    lines.push('', '</details>', '');
  }
  return lines.join('\n');
}
