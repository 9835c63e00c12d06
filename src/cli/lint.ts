import { join } from 'node:path';
import {
  applyBaseline,
  BASELINE_FILE,
  builtInRules,
  check,
  createBaseline,
  formatters,
  gitPrefix,
  loadAtRevision,
  parseBaseline,
  summarize,
  type Baseline,
  type BaselineEntry,
  type CheckResult,
  type Finding,
  escapeValue,
  plural,
} from '../index.ts';
import { parse, todayOption } from './args.ts';
import { readBaselineFile, writeBaselineFile } from './baseline-file.ts';
import { CommandError, EXIT, useColor, type Io } from './io.ts';
import { writeWorkflowCommands } from './safe-io.ts';

export const usage = `Usage: journeys lint [path] [options]

Lint the journeys repository at path (default: the current folder).

Options:
  -f, --format <name>     Output format: ${Object.keys(formatters).join(', ')} (default: stylish)
      --max-warnings <n>  Exit with status 1 when there are more than n warnings
      --quiet             Report errors only
      --today <date>      Lint as of this date (YYYY-MM-DD); default: today in the configured time zone
      --base <rev>        Also run the rules that compare with a git revision (version-not-bumped)
      --baseline-write    Record today's findings in ${BASELINE_FILE}; later runs report only new ones
      --baseline-prune    Remove from ${BASELINE_FILE} the entries that match no finding any more
                          (never adds one), so that a fixed finding that comes back is reported
      --no-baseline       Report every finding, even those recorded in ${BASELINE_FILE}
      --site-url <url>    Where the journey site is published, for links to rule pages
                          (sarif, markdown; default: $JOURNEYS_SITE_URL)
  -h, --help              Show this help

Exit status: 0 no errors, 1 errors (or too many warnings), 2 the command could not run.`;

/** A progress line on a terminal's stderr for large repositories; `end` clears it. */
function progress(io: Io): { onFile?: (done: number, total: number) => void; end: () => void } {
  if (!io.stderr.isTTY) return { end: () => {} };
  let shown = false;
  return {
    onFile(done, total) {
      if (total < 200 || (done % 100 !== 0 && done !== total)) return;
      shown = true;
      io.stderr.write(`\rParsing files: ${done.toLocaleString('en')}/${total.toLocaleString('en')}`);
    },
    end() {
      if (shown) io.stderr.write('\r\u001b[K');
    },
  };
}

export function printConfigErrors(result: CheckResult, io: Io): void {
  // Messages quote the configuration: a rule id or a value may hold anything.
  const errors = [...result.configErrors].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  for (const error of errors) io.stderr.write(`${escapeValue(error.file)}:${error.line}:${error.column}: ${escapeValue(error.message)}\n`);
  io.stderr.write('journeys: fix the configuration above, then run again.\n');
}

function readBaseline(text: string): Baseline {
  try {
    return parseBaseline(text);
  } catch (error) {
    throw new CommandError(`${BASELINE_FILE} cannot be used: ${(error as Error).message}. Write it again with --baseline-write, or run with --no-baseline.`);
  }
}

/** The most stale entries listed one by one; the others are counted. */
const STALE_LINES = 20;

/**
 * Entries of the baseline that match no finding: the finding was fixed. Said out loud,
 * because a stale entry would silently hide the same finding if it came back.
 */
function reportStale(stale: readonly BaselineEntry[], io: Io): void {
  for (const entry of stale.slice(0, STALE_LINES)) {
    const place = [entry.journey ?? entry.file, entry.touchpoint].filter((part) => part !== undefined).join(' / ');
    io.stderr.write(
      `journeys: ${BASELINE_FILE} records ${plural(entry.count, `"${escapeValue(entry.rule)}" finding`)} at ${escapeValue(place)} that no longer occur${entry.count === 1 ? 's' : ''}: ${escapeValue(entry.message)}\n`,
    );
  }
  if (stale.length > STALE_LINES) io.stderr.write(`journeys: and ${plural(stale.length - STALE_LINES, 'more stale baseline entry', 'more stale baseline entries')}.\n`);
  if (stale.length > 0) io.stderr.write('journeys: --baseline-prune removes the entries that match nothing.\n');
}

/** Rewrites the baseline without its stale entries, as version 2; it never records a finding it did not hold. */
function pruneBaseline(findings: readonly Finding[], path: string, io: Io): number {
  const text = readBaselineFile(path);
  if (text === undefined) throw new CommandError(`There is no ${BASELINE_FILE} to prune: write one with --baseline-write.`);
  const applied = applyBaseline(findings, readBaseline(text));
  const pruned = createBaseline(applied.hiddenFindings);
  writeBaselineFile(path, `${JSON.stringify(pruned, null, 2)}\n`);
  const removed = applied.stale.reduce((sum, entry) => sum + entry.count, 0);
  io.stdout.write(`Pruned ${BASELINE_FILE}: ${plural(removed, 'stale finding')} removed, ${plural(applied.hidden, 'finding')} still recorded.\n`);
  return EXIT.ok;
}

export function lintCommand(args: readonly string[], io: Io): number {
  const { values, positionals } = parse(
    'lint',
    args,
    {
      format: { type: 'string', short: 'f' },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean' },
      today: { type: 'string' },
      base: { type: 'string' },
      baseline: { type: 'boolean', default: true },
      'baseline-write': { type: 'boolean' },
      'baseline-prune': { type: 'boolean' },
      'site-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    1,
  );
  if (values.help) {
    io.stdout.write(`${usage}\n`);
    return EXIT.ok;
  }
  const formatName = values.format ?? 'stylish';
  const format = Object.hasOwn(formatters, formatName) ? formatters[formatName] : undefined;
  if (!format) throw new CommandError(`Unknown format "${formatName}": use one of ${Object.keys(formatters).join(', ')}.`);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new CommandError(`--max-warnings takes a whole number, not "${values['max-warnings']}".`);
  }

  const path = positionals[0] ?? io.cwd;
  const base = values.base === undefined ? undefined : loadAtRevision(path, values.base).repo;
  const meter = progress(io);
  const result = check(path, { today: todayOption(values.today), now: io.now(), onFile: meter.onFile, base });
  meter.end();
  if (result.configErrors.length > 0) {
    printConfigErrors(result, io);
    return EXIT.usage;
  }
  const baselinePath = join(result.root, BASELINE_FILE);
  if (values['baseline-write'] && values['baseline-prune']) throw new CommandError('--baseline-write and --baseline-prune do not go together: write records every finding, prune only removes entries.');
  if (values['baseline-prune']) return pruneBaseline(result.findings, baselinePath, io);
  if (values['baseline-write']) {
    const baseline = createBaseline(result.findings);
    const recorded = baseline.findings.reduce((sum, entry) => sum + entry.count, 0);
    writeBaselineFile(baselinePath, `${JSON.stringify(baseline, null, 2)}\n`);
    const kept = result.findings.length - recorded;
    io.stdout.write(
      `Wrote ${BASELINE_FILE}: ${plural(recorded, 'finding')} recorded. Later runs report only new ones.` +
        (kept > 0 ? ` ${plural(kept, 'parse or schema finding')} not recorded: a file that cannot be read or is malformed is always reported.` : '') +
        '\n',
    );
    return EXIT.ok;
  }
  let { findings, summary } = result;
  const text = values.baseline ? readBaselineFile(baselinePath) : undefined;
  if (text !== undefined) {
    const applied = applyBaseline(findings, readBaseline(text));
    findings = applied.findings;
    const stale = applied.stale.reduce((sum, entry) => sum + entry.count, 0);
    summary = { ...summarize(result.repo, findings), ...(stale > 0 ? { staleBaseline: stale } : {}) };
    if (applied.hidden > 0) io.stderr.write(`journeys: ${plural(applied.hidden, 'finding')} recorded in ${BASELINE_FILE} not shown (--no-baseline shows them).\n`);
    reportStale(applied.stale, io);
  }
  const shown = values.quiet ? findings.filter((finding) => finding.severity === 'error') : findings;
  const siteUrl = values['site-url'] ?? io.env.JOURNEYS_SITE_URL;
  const pathPrefix = gitPrefix(result.root);
  const output = format(shown, summary, { color: useColor(io), rules: builtInRules, pathPrefix, ...(siteUrl ? { siteUrl } : {}) });
  if (formatName === 'github') writeWorkflowCommands(io.stdout, output);
  else io.stdout.write(output);
  if (summary.errors > 0) return EXIT.findings;
  if (maxWarnings !== undefined && summary.warnings > maxWarnings) {
    io.stderr.write(`journeys: ${summary.warnings} warnings, more than --max-warnings ${maxWarnings}.\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}
