import { byPriority } from '../format/priority.ts';
import { plural } from '../model/text.ts';
import type { Finding } from '../model/types.ts';
import type { FieldChange, JourneyChange, JourneysDiff, ScenarioChange, TouchpointSummary } from './compare.ts';
import { changeWords } from './field-words.ts';
import { cell } from './markdown-text.ts';

export { cell } from './markdown-text.ts';

/** The marker by which a CI job finds its own comment on a pull request, to update it rather than add another. */
export const COMMENT_MARKER = '<!-- journeys-diff -->';

/** GitHub refuses comments longer than 65,536 characters; stay clear of it. */
const MAX_LENGTH = 60_000;

/** Room kept for the closing notes on what was cut. */
const RESERVE = 600;

/** Where the comment links `file:line`: the repository's web address, the journeys' folder in git, and the commits compared. */
export interface DiffLinks {
  /** `repository.url` of the configuration, such as https://github.com/acme/journeys. */
  readonly url: string;
  /** Where the journeys sit in the git work tree (`cx/`), `''` at the top. */
  readonly pathPrefix?: string;
  /** The commit of the head, whose lines the introduced findings are at; without it they are not linked. */
  readonly head?: string;
}

const ICON: Readonly<Record<Finding['severity'], string>> = { error: '❌', warning: '⚠️', info: 'ℹ️' };

/** A characters a Markdown link's address cannot hold as they are. */
const urlPart = (text: string): string => text.replace(/[()<>"\s]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/** The address of a line of a file at a commit, on GitHub (and GitLab, Gitea, which read the same form). */
function lineUrl(links: DiffLinks, commit: string, file: string, line: number): string {
  const prefix = links.pathPrefix === undefined || links.pathPrefix === '' ? '' : links.pathPrefix.replace(/\/?$/, '/');
  const path = `${prefix}${file}`.split('/').map(encodeURIComponent).join('/');
  return urlPart(`${links.url}/blob/${encodeURIComponent(commit)}/${path}#L${line}`);
}

function findingLine(finding: Finding, links: DiffLinks | undefined, commit: string | undefined): string {
  const where = [finding.journey, finding.touchpoint].filter(Boolean).join(' › ');
  const place = `${cell(finding.file)}:${finding.line}`;
  const linked = links !== undefined && commit !== undefined ? `[${place}](${lineUrl(links, commit, finding.file, finding.line)})` : place;
  return `${ICON[finding.severity]} \`${finding.rule}\` ${linked}${where ? ` (${cell(where)})` : ''}: ${cell(finding.message, 500)}`;
}

function fieldRows(prefix: string, fields: readonly FieldChange[]): string[] {
  return fields.map((field) => `| ${cell(prefix)} | \`${cell(field.field)}\` | ${changeWords(field.before, field.after)} |`);
}

/** A touchpoint added or removed, in words: where it is and what it says. */
const touchpointWords = (t: TouchpointSummary): string => {
  const where = [t.channel, t.stage, t.owner].filter(Boolean).join(', ');
  return [cell(where), t.text !== undefined ? `“${cell(t.text)}”` : ''].filter((part) => part !== '').join(': ');
};

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
    ...change.added.map((t) => `| ➕ ${cell(t.id)} | added | ${touchpointWords(t)} |`),
    ...change.removed.map((t) => `| ➖ ${cell(t.id)} | removed | ${touchpointWords(t)} |`),
    ...change.changed.flatMap((t) => fieldRows(t.id, t.fields)),
  ];
  if (rows.length > 0) lines.push('| touchpoint | field | change |', '|---|---|---|', ...rows, '');
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

/** The comment's length so far, and whether a part still fits in it. */
class Budget {
  private length: number;
  private readonly out: string[];
  constructor(out: string[]) {
    this.out = out;
    this.length = out.join('\n').length;
  }
  /** Adds the lines when they fit (with room for the notes on what was cut); says whether they did. */
  add(...lines: string[]): boolean {
    const size = lines.join('\n').length + 1;
    if (this.length + size + RESERVE > MAX_LENGTH) return false;
    this.out.push(...lines);
    this.length += size;
    return true;
  }
  /** Adds a line on what was cut: the reserve is kept for these. */
  note(...lines: string[]): void {
    this.out.push(...lines);
    this.length += lines.join('\n').length + 1;
  }
}

/** A list of findings, line by line while they fit, then how many did not. */
function findingList(budget: Budget, title: string, findings: readonly Finding[], line: (finding: Finding) => string, rest: (count: number) => string): void {
  if (findings.length === 0) return;
  if (!budget.add(title, '')) {
    budget.note(rest(findings.length), '');
    return;
  }
  let shown = 0;
  for (const finding of byPriority(findings)) {
    if (!budget.add(`- ${line(finding)}`)) break;
    shown += 1;
  }
  if (shown < findings.length) budget.note(`- ${rest(findings.length - shown)}`);
  budget.note('');
}

/**
 * The pull-request comment (and the job summary): the counts first, then what a reviewer
 * must see, in that order while the size allows: the findings the change introduces
 * (errors first), those it fixes, then journey by journey and scenario by scenario, folded.
 * What does not fit is counted, never dropped without a word. With `links`, each
 * `file:line` links to its line: introduced findings at the head commit, fixed ones at the base.
 */
export function diffMarkdown(diff: JourneysDiff, base: { readonly revision: string; readonly commit: string }, links?: DiffLinks): string {
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

  const budget = new Budget(out);
  const again = `\`journeys lint --base ${cell(base.revision)}\``;
  findingList(
    budget,
    '**Findings this change introduces**',
    findings.introduced,
    (finding) => findingLine(finding, links, links?.head),
    (count) => `… and ${plural(count, 'more finding')} introduced, not shown: the comment would be too long. ${again} lists them all.`,
  );
  findingList(
    budget,
    '**Findings this change fixes**',
    findings.fixed,
    (finding) => `✅ ${findingLine(finding, links, base.commit)}`,
    (count) => `… and ${plural(count, 'more finding')} fixed, not shown: the comment would be too long.`,
  );

  const details: string[] = [];
  for (const journey of journeys.added) details.push(`- ➕ Journey <b>${cell(journey.title ?? journey.id)}</b> added (${cell(journey.file)}, ${plural(journey.touchpoints, 'touchpoint')})`);
  for (const journey of journeys.removed) details.push(`- ➖ Journey <b>${cell(journey.title ?? journey.id)}</b> removed (${cell(journey.file)}, ${plural(journey.touchpoints, 'touchpoint')})`);
  for (const { from, to } of journeys.renamed) details.push(`- ✏️ Journey \`${cell(from.id)}\` (${cell(from.file)}) is now \`${cell(to.id)}\` (${cell(to.file)})`);
  const sections = [...journeys.changed.map(journeySection), ...timelines.map(scenarioSection)];
  let cut = 0;
  for (const line of details) if (!budget.add(line)) cut += 1;
  if (details.length > 0) budget.add('');
  for (const section of sections) if (!budget.add(section)) cut += 1;
  if (cut > 0) out.push('', `_${plural(cut, 'more journey or scenario detail')} not shown: the comment would be too long. Run \`journeys diff --base ${cell(base.revision)}\` for all of it._`);
  return `${out.join('\n')}\n`;
}
