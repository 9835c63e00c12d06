import { createColors } from 'picocolors';
import type { Finding } from '../model/types.ts';
import type { Summary } from '../engine/run.ts';
import { plural } from '../model/text.ts';
import { pushTo } from '../model/collections.ts';
import { codeFrame } from './code-frame.ts';

export interface StylishOptions {
  readonly color: boolean;
  /** The text of a repository file, for the lines shown under a YAML syntax error. */
  readonly source?: (file: string) => string | undefined;
}

/** The lines under a YAML syntax error that show where it is; none for other findings. */
function frameOf(finding: Finding, options: StylishOptions): string[] {
  if (finding.rule !== 'parse' || finding.messageId !== 'syntax') return [];
  const text = options.source?.(finding.file);
  return text === undefined ? [] : codeFrame(text, finding.line, finding.column);
}

/** Findings grouped by file, one line each, like ESLint's stylish output. */
export function stylish(findings: readonly Finding[], summary: Summary, options: StylishOptions = { color: false }): string {
  const c = createColors(options.color);
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) pushTo(byFile, finding.file, finding);
  for (const [file, list] of byFile) {
    lines.push(c.underline(file));
    const places = list.map((f) => `${f.line}:${f.column}`);
    const placeWidth = Math.max(...places.map((p) => p.length));
    list.forEach((finding, index) => {
      const severity =
        finding.severity === 'error' ? c.red('error  ') : finding.severity === 'warning' ? c.yellow('warning') : c.blue('info   ');
      lines.push(`  ${c.dim(places[index]!.padEnd(placeWidth))}  ${severity}  ${finding.message}  ${c.dim(finding.rule)}`);
      for (const row of frameOf(finding, options)) lines.push(`    ${c.dim(row)}`);
    });
    lines.push('');
  }
  const total = summary.errors + summary.warnings + summary.infos;
  const left = [
    ...(summary.ignored > 0 ? [`${plural(summary.ignored, 'file')} skipped (ignore: in journeys.config.yaml)`] : []),
    ...(summary.skipped > 0 ? [`${plural(summary.skipped, 'file or folder', 'files or folders')} not read (see the parse infos)`] : []),
    ...(summary.staleBaseline ? [`${plural(summary.staleBaseline, 'baseline entry', 'baseline entries')} matching nothing (--baseline-prune)`] : []),
  ];
  const scope = `${plural(summary.journeys, 'journey')}, ${plural(summary.touchpoints, 'touchpoint')} in ${plural(summary.files, 'file')}${left.map((part) => `; ${part}`).join('')}`;
  if (total === 0) {
    lines.push(c.green(`✔ No problems in ${scope}.`));
  } else {
    const counts = `${plural(total, 'problem')} (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')})`;
    const paint = summary.errors > 0 ? c.red : summary.warnings > 0 ? c.yellow : c.blue;
    lines.push(paint(c.bold(`✖ ${counts}`)) + c.dim(` in ${scope}`));
  }
  return `${lines.join('\n')}\n`;
}
