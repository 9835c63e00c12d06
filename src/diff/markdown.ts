import { withoutMentions } from '../format/markdown.ts';
import { plural } from '../model/text.ts';
import type { Finding } from '../model/types.ts';
import type { FieldChange, JourneyChange, JourneysDiff, ScenarioChange } from './compare.ts';

/** The marker by which a CI job finds its own comment on a pull request, to update it rather than add another. */
export const COMMENT_MARKER = '<!-- journeys-diff -->';

/** GitHub refuses comments longer than 65,536 characters; stay clear of it. */
const MAX_LENGTH = 60_000;
const INLINE_FINDINGS = 10;

/** User text made safe for a Markdown table cell and for GitHub's HTML, mentioning nobody. */
export function cell(value: unknown, max = 300): string {
  if (value === undefined || value === null || value === '') return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const short = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return withoutMentions(
    short
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\|/g, '&#124;')
      .replace(/`/g, '&#96;')
      .replace(/\[/g, '&#91;')
      .replace(/\r\n|\r|\n/g, '<br>'),
  );
}

const ICON: Readonly<Record<Finding['severity'], string>> = { error: '❌', warning: '⚠️', info: 'ℹ️' };

function findingLine(finding: Finding): string {
  const where = [finding.journey, finding.touchpoint].filter(Boolean).join(' › ');
  return `${ICON[finding.severity]} \`${finding.rule}\` ${cell(finding.file)}:${finding.line}${where ? ` (${cell(where)})` : ''}: ${cell(finding.message, 500)}`;
}

function fieldRows(prefix: string, fields: readonly FieldChange[]): string[] {
  return fields.map((field) => `| ${cell(prefix)} | \`${cell(field.field)}\` | ${cell(field.before)} | ${cell(field.after)} |`);
}

function journeySection(change: JourneyChange): string {
  const parts = [
    change.added.length > 0 ? `${change.added.length} added` : '',
    change.removed.length > 0 ? `${change.removed.length} removed` : '',
    change.changed.length > 0 ? `${change.changed.length} changed` : '',
  ].filter(Boolean);
  const head = `Journey <b>${cell(change.title ?? change.id)}</b> (${cell(change.file)}): ${parts.length > 0 ? `touchpoints ${parts.join(', ')}` : 'details changed'}`;
  const lines = [`<details><summary>${head}</summary>`, ''];
  const rows = [
    ...fieldRows('(journey)', change.fields),
    ...change.added.map((t) => `| ➕ ${cell(t.id)} | ${cell([t.channel, t.stage, t.owner].filter(Boolean).join(', '))} |  | ${cell(t.text)} |`),
    ...change.removed.map((t) => `| ➖ ${cell(t.id)} | ${cell([t.channel, t.stage, t.owner].filter(Boolean).join(', '))} | ${cell(t.text)} |  |`),
    ...change.changed.flatMap((t) => fieldRows(t.id, t.fields)),
  ];
  if (rows.length > 0) lines.push('| touchpoint | field | before | after |', '|---|---|---|---|', ...rows, '');
  lines.push('</details>');
  return lines.join('\n');
}

function scenarioSection(change: ScenarioChange): string {
  const counts = [change.added.length > 0 ? `${plural(change.added.length, 'message')} more` : '', change.removed.length > 0 ? `${change.removed.length} fewer` : '']
    .filter(Boolean)
    .join(', ');
  const rows = [
    ...change.added.map((send) => ({ send, sign: '➕ now gets' })),
    ...change.removed.map((send) => ({ send, sign: '➖ no longer gets' })),
  ]
    .sort((a, b) => a.send.time - b.send.time)
    .map(({ send, sign }) => `| ${cell(send.when)} | ${sign} | ${cell(send.channel)} | ${cell(send.touchpoint)} | ${cell(send.journey)} |`);
  return [
    `<details><summary>Scenario <b>${cell(change.scenario)}</b>: ${counts}</summary>`,
    '',
    '| when | | channel | touchpoint | journey |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    '</details>',
  ].join('\n');
}

/** The pull-request comment: a summary first, the details folded. */
export function diffMarkdown(diff: JourneysDiff, base: { readonly revision: string; readonly commit: string }): string {
  const { journeys, timelines, findings, notes } = diff;
  const touchpoints = journeys.changed.reduce(
    (sum, change) => ({ added: sum.added + change.added.length, removed: sum.removed + change.removed.length, changed: sum.changed + change.changed.length }),
    { added: journeys.added.reduce((n, j) => n + j.touchpoints, 0), removed: journeys.removed.reduce((n, j) => n + j.touchpoints, 0), changed: 0 },
  );
  const more = timelines.reduce((n, t) => n + t.added.length, 0);
  const fewer = timelines.reduce((n, t) => n + t.removed.length, 0);
  const errors = findings.introduced.filter((f) => f.severity === 'error').length;
  const nothing =
    journeys.added.length + journeys.removed.length + journeys.renamed.length + journeys.changed.length + timelines.length + findings.introduced.length + findings.fixed.length === 0;

  const out: string[] = [COMMENT_MARKER, '### Journeys: what this change does', '', `Compared with \`${cell(base.revision)}\` (${base.commit.slice(0, 7)}).`, ''];
  if (nothing) {
    out.push('No journey, touchpoint, customer timeline or finding changes.');
  } else {
    out.push(
      '| | |',
      '|---|---|',
      `| Journeys | ${journeys.added.length} added · ${journeys.removed.length} removed · ${journeys.renamed.length} renamed · ${journeys.changed.length} changed |`,
      `| Touchpoints | ${touchpoints.added} added · ${touchpoints.removed} removed · ${touchpoints.changed} changed |`,
      `| Customer timelines | ${timelines.length === 0 ? 'unchanged' : `${plural(timelines.length, 'scenario')} change: ${plural(more, 'message')} more, ${fewer} fewer`} |`,
      `| Findings | ${findings.introduced.length} introduced${errors > 0 ? ` (${plural(errors, 'error')})` : ''} · ${findings.fixed.length} fixed |`,
      '',
    );
  }
  for (const note of notes) out.push(`> **Note:** ${cell(note, 1000)}`, '');
  if (findings.introduced.length > 0) {
    out.push('**Findings this change introduces**', '');
    out.push(...findings.introduced.slice(0, INLINE_FINDINGS).map((f) => `- ${findingLine(f)}`));
    if (findings.introduced.length > INLINE_FINDINGS) out.push(`- … and ${findings.introduced.length - INLINE_FINDINGS} more, listed below`);
    out.push('');
  }
  const details: string[] = [];
  for (const journey of journeys.added) details.push(`- ➕ Journey <b>${cell(journey.title ?? journey.id)}</b> added (${cell(journey.file)}, ${plural(journey.touchpoints, 'touchpoint')})`);
  for (const journey of journeys.removed) details.push(`- ➖ Journey <b>${cell(journey.title ?? journey.id)}</b> removed (${cell(journey.file)}, ${plural(journey.touchpoints, 'touchpoint')})`);
  for (const { from, to } of journeys.renamed) details.push(`- ✏️ Journey \`${cell(from.id)}\` (${cell(from.file)}) is now \`${cell(to.id)}\` (${cell(to.file)})`);
  if (details.length > 0) details.push('');
  details.push(...journeys.changed.map(journeySection), ...timelines.map(scenarioSection));
  if (findings.introduced.length > INLINE_FINDINGS) {
    details.push(`<details><summary>All ${findings.introduced.length} findings introduced</summary>\n\n${findings.introduced.map((f) => `- ${findingLine(f)}`).join('\n')}\n\n</details>`);
  }
  if (findings.fixed.length > 0) {
    details.push(`<details><summary>${plural(findings.fixed.length, 'finding')} fixed</summary>\n\n${findings.fixed.map((f) => `- ${findingLine(f)}`).join('\n')}\n\n</details>`);
  }
  let length = out.join('\n').length;
  let cut = 0;
  for (const section of details) {
    if (length + section.length + 200 > MAX_LENGTH) {
      cut += 1;
      continue;
    }
    out.push(section);
    length += section.length + 1;
  }
  if (cut > 0) out.push('', `_${plural(cut, 'more section')} not shown: the comment would be too long. Run \`journeys diff --base ${cell(base.revision)}\` for all of it._`);
  return `${out.join('\n')}\n`;
}
