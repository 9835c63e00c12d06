import type { Summary } from '../engine/run.ts';
import type { Finding, Severity } from '../model/types.ts';
import { formatCount, plural } from '../model/text.ts';
import { byPriority, gitPath } from './priority.ts';

/**
 * GitHub Actions shows at most this many annotations of each kind per step (and 50 per
 * job); more are dropped without a word, so the formatter cuts them itself and says so.
 */
export const ANNOTATIONS_PER_KIND = 10;

const COMMAND: Readonly<Record<Severity, 'error' | 'warning' | 'notice'>> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escaping of a workflow command's message (its data). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a workflow command's property value: the data's, plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** What the github formatter reads of the format options. */
export interface GithubOptions {
  /** Where the repository sits in its git work tree (`cx/`): GitHub places annotations by paths from the top of the git repository. */
  readonly pathPrefix?: string;
  /** With `--base`, the findings the change introduces: annotated first. */
  readonly introduced?: ReadonlySet<Finding>;
}

/** Related places listed in an annotation; more are counted. */
const RELATED_SHOWN = 3;

/** The other places of a finding (the other half of a duplicate), in words: GitHub links none of them, so they are named. */
function relatedText(finding: Finding, prefix: string | undefined): string {
  if (finding.related.length === 0) return '';
  const places = finding.related.slice(0, RELATED_SHOWN).map((place) => {
    const what = [place.journey, place.touchpoint].filter((part) => part !== undefined).join(' › ');
    return `${gitPath(prefix, place.file)}:${place.line}${what !== '' ? ` (${what})` : ''}`;
  });
  const more = finding.related.length - RELATED_SHOWN;
  return ` See also ${places.join(', ')}${more > 0 ? ` and ${plural(more, 'more place')}` : ''}.`;
}

function annotation(finding: Finding, prefix: string | undefined): string {
  const properties: [string, string | number][] = [
    ['file', gitPath(prefix, finding.file)],
    ['line', finding.line],
    ['col', finding.column],
  ];
  if (finding.endLine !== undefined) properties.push(['endLine', finding.endLine]);
  if (finding.endColumn !== undefined) properties.push(['endColumn', finding.endColumn]);
  properties.push(['title', `journeys(${finding.rule})`]);
  const list = properties.map(([name, value]) => `${name}=${escapeProperty(String(value))}`).join(',');
  return `::${COMMAND[finding.severity]} ${list}::${escapeData(`${finding.message}${relatedText(finding, prefix)}`)}`;
}

/** A finding GitHub would not show as an annotation, as a plain line of the log, indented: it can never start a workflow command. */
function logLine(finding: Finding, prefix: string | undefined, fresh: boolean): string {
  const where = `${gitPath(prefix, finding.file)}:${finding.line}:${finding.column}`;
  return `  ${where}: ${finding.severity}${fresh ? ' (introduced by this change)' : ''}: ${finding.message}${relatedText(finding, prefix)} [${finding.rule}]`;
}

/**
 * Workflow commands for GitHub Actions: one annotation per finding, at most ten of each
 * kind, chosen so that the ten are the ones a reviewer needs: with `--base`, those the
 * change introduces (errors first), then the others; without it, severity first. What
 * GitHub would drop is written in the log, in a collapsed group, one line each, and
 * counted; a closing line gives the totals. Paths are from the top of the git repository.
 */
export function github(findings: readonly Finding[], summary: Summary, options: GithubOptions = {}): string {
  const { pathPrefix: prefix, introduced } = options;
  const lines: string[] = [];
  const shown: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const hidden: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const rest: string[] = [];
  let hiddenNew = 0;
  for (const finding of byPriority(findings, introduced)) {
    if (shown[finding.severity] < ANNOTATIONS_PER_KIND) {
      shown[finding.severity] += 1;
      lines.push(annotation(finding, prefix));
    } else {
      hidden[finding.severity] += 1;
      const fresh = introduced?.has(finding) === true;
      if (fresh) hiddenNew += 1;
      rest.push(logLine(finding, prefix, fresh));
    }
  }
  const notShown = hidden.error + hidden.warning + hidden.info;
  if (notShown > 0) {
    const parts = [
      hidden.error > 0 ? plural(hidden.error, 'error') : '',
      hidden.warning > 0 ? plural(hidden.warning, 'warning') : '',
      hidden.info > 0 ? plural(hidden.info, 'notice') : '',
    ].filter((part) => part !== '');
    const fresh = introduced === undefined ? '' : `, ${formatCount(hiddenNew)} of them introduced by this change`;
    lines.push(
      `::group::journeys: ${plural(notShown, 'more finding')} not shown as annotations (${parts.join(', ')}${fresh})`,
      ...rest,
      '::endgroup::',
      `journeys: ${plural(notShown, 'more finding')} not shown as annotations (${parts.join(', ')}${fresh}): GitHub shows at most ${ANNOTATIONS_PER_KIND} errors, ${ANNOTATIONS_PER_KIND} warnings and ${ANNOTATIONS_PER_KIND} notices per step. They are listed in the group above, in the SARIF upload (code scanning) and in the pull-request comment.`,
    );
  }
  const scope = `${plural(summary.journeys, 'journey')}, ${plural(summary.touchpoints, 'touchpoint')} in ${plural(summary.files, 'file')}`;
  const total = summary.errors + summary.warnings + summary.infos;
  const fresh = introduced === undefined ? '' : `; ${plural(findings.filter((finding) => introduced.has(finding)).length, 'problem')} introduced by this change`;
  lines.push(
    total === 0
      ? `journeys: no problems in ${scope}.`
      : `journeys: ${plural(total, 'problem')} (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')}) in ${scope}${fresh}.`,
  );
  return `${lines.join('\n')}\n`;
}
