import type { Summary } from '../engine/run.ts';
import type { Finding, Severity } from '../model/types.ts';
import { plural } from '../model/text.ts';

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

function annotation(finding: Finding): string {
  const properties: [string, string | number][] = [
    ['file', finding.file],
    ['line', finding.line],
    ['col', finding.column],
  ];
  if (finding.endLine !== undefined) properties.push(['endLine', finding.endLine]);
  if (finding.endColumn !== undefined) properties.push(['endColumn', finding.endColumn]);
  properties.push(['title', `journeys(${finding.rule})`]);
  const list = properties.map(([name, value]) => `${name}=${escapeProperty(String(value))}`).join(',');
  return `::${COMMAND[finding.severity]} ${list}::${escapeData(finding.message)}`;
}

/**
 * Workflow commands for GitHub Actions: one annotation per finding, at most ten of each
 * kind, then a line on what was not shown and a closing line with the counts. Both of
 * these are plain text, printed in the step's log.
 */
export function github(findings: readonly Finding[], summary: Summary): string {
  const lines: string[] = [];
  const shown: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const hidden: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) {
    if (shown[finding.severity] < ANNOTATIONS_PER_KIND) {
      shown[finding.severity] += 1;
      lines.push(annotation(finding));
    } else {
      hidden[finding.severity] += 1;
    }
  }
  const notShown = hidden.error + hidden.warning + hidden.info;
  if (notShown > 0) {
    const parts = [
      hidden.error > 0 ? plural(hidden.error, 'error') : '',
      hidden.warning > 0 ? plural(hidden.warning, 'warning') : '',
      hidden.info > 0 ? plural(hidden.info, 'notice') : '',
    ].filter((part) => part !== '');
    lines.push(
      `journeys: ${plural(notShown, 'more finding')} not shown as annotations (${parts.join(', ')}): GitHub shows at most ${ANNOTATIONS_PER_KIND} errors, ${ANNOTATIONS_PER_KIND} warnings and ${ANNOTATIONS_PER_KIND} notices per step. The full list is in the SARIF upload (code scanning) and in the pull-request comment.`,
    );
  }
  const scope = `${plural(summary.journeys, 'journey')}, ${plural(summary.touchpoints, 'touchpoint')} in ${plural(summary.files, 'file')}`;
  const total = summary.errors + summary.warnings + summary.infos;
  lines.push(
    total === 0
      ? `journeys: no problems in ${scope}.`
      : `journeys: ${plural(total, 'problem')} (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')}) in ${scope}.`,
  );
  return `${lines.join('\n')}\n`;
}
