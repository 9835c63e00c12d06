import { join, resolve, sep } from 'node:path';
import {
  applyBaseline,
  BASELINE_FILE,
  builtInRules,
  check,
  createBaseline,
  formatters,
  gitPrefix,
  introducedFindings,
  parseBaseline,
  summarize,
  type Baseline,
  type BaselineEntry,
  type CheckOptions,
  type CheckResult,
  type Finding,
  type Repository,
  type Summary,
  didYouMean,
  escapeValue,
  formatCount,
  plural,
  terminalText,
} from '../index.ts';
import { parse, todayOption } from './args.ts';
import { readBaselineFile, writeBaselineFile } from './baseline-file.ts';
import { ruleTiming } from './timing.ts';
import { CommandError, EXIT, useColor, type Io } from './io.ts';
import { checkNotInRepository, outputFilePath, writeOutputFile } from './output-file.ts';
import { writeWorkflowCommands } from './safe-io.ts';
import { lintTarget, type LintTarget } from './target-files.ts';
import { lintAndFix } from './fix.ts';

export const usage = `Usage: journeys lint [path | file... | glob...] [options]

Lint the journeys repository at path (default: the current folder). Given files or
globs (quoted or not, relative to the current folder), lint their repository (the
folder above them that holds journeys/) and report only those files' findings.

Options:
  -f, --format <name>     Output format: ${Object.keys(formatters).join(', ')} (default: stylish)
  -o, --output-file <path>
                          Write the report to this file (its folders created) instead of stdout
      --max-warnings <n>  Exit with status 1 when there are more than n warnings
      --fail-severity <s> Exit with status 1 on findings of this severity or above:
                          error (default), warning (or warn) or info
      --quiet             Report errors only; the summary counts what is shown, while
                          --max-warnings and --fail-severity still count every finding
      --today <date>      Lint as of this date (YYYY-MM-DD); default: today in the configured time zone
      --base <rev>        Also run the rules that compare with a git revision (version-not-bumped)
      --baseline-write    Record today's findings in ${BASELINE_FILE}; later runs report only new ones
      --baseline-prune    Remove from ${BASELINE_FILE} the entries that match no finding any more
                          (never adds one), so that a fixed finding that comes back is reported
      --no-baseline       Report every finding, even those recorded in ${BASELINE_FILE}
      --cache             Keep each file's parse between runs, so that the next run parses only
                          the files that changed (the rules all run again)
      --cache-location <path>
                          The cache's file, or folder (default: node_modules/.cache/journeys/ in
                          the repository, or .cache/journeys/ when it has no node_modules/)
      --fix               Correct in place what has one certain correction (a misspelt channel,
                          stage, persona or event, 2 days as 2d, 9h30 as "09:30"), then report the rest
      --fix-dry-run       Print what --fix would change (file:line: old → new), write nothing
      --site-url <url>    Where the journey site is published, for links to rule pages
                          (sarif, markdown; default: $JOURNEYS_SITE_URL)
  -h, --help              Show this help

Exit status: 0 no errors, 1 errors (or too many warnings, or findings at --fail-severity),
2 the command could not run (or a mistake in journeys.config.yaml).`;

/** A progress line on a terminal's stderr for large repositories; `end` clears it. */
function progress(io: Io): { onFile?: (done: number, total: number) => void; end: () => void } {
  if (!io.stderr.isTTY) return { end: () => {} };
  let shown = false;
  return {
    onFile(done, total) {
      if (total < 200 || (done % 100 !== 0 && done !== total)) return;
      shown = true;
      io.stderr.write(`\rParsing files: ${formatCount(done)}/${formatCount(total)}`);
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

/** The severities --fail-severity takes, each with those that fail the run from it. */
const FAIL_SEVERITIES: Readonly<Record<string, readonly Finding['severity'][]>> = {
  error: ['error'],
  warning: ['error', 'warning'],
  warn: ['error', 'warning'],
  info: ['error', 'warning', 'info'],
};

function failSeverities(value: string | undefined): readonly Finding['severity'][] {
  const name = value ?? 'error';
  const failing = Object.hasOwn(FAIL_SEVERITIES, name) ? FAIL_SEVERITIES[name] : undefined;
  if (!failing) throw new CommandError(`--fail-severity takes error, warning or info, not "${name}"${didYouMean(name, Object.keys(FAIL_SEVERITIES))}.`);
  return failing;
}

/** The --cache option of check(): its location from the current folder (a final slash kept: it says "a folder"), its notes on stderr. */
function cacheOption(cache: boolean | undefined, location: string | undefined, io: Io): Pick<CheckOptions, 'cache'> {
  if (!cache) {
    if (location !== undefined) throw new CommandError('--cache-location goes with --cache: add --cache to use the cache.');
    return {};
  }
  const onNote = (message: string): void => {
    io.stderr.write(`journeys: ${escapeValue(message)}.\n`);
  };
  if (location === undefined) return { cache: { onNote } };
  if (location === '') throw new CommandError('--cache-location takes a path, not an empty text.');
  return { cache: { location: resolve(io.cwd, location) + (/[\\/]$/.test(location) ? sep : ''), onNote } };
}

/** The repository as the given files see it, for the summary's counts: their journeys and touchpoints. */
function targetView(repo: Repository, files: ReadonlySet<string>): Repository {
  return {
    ...repo,
    files: repo.files.filter((file) => files.has(file.path)),
    journeys: repo.journeys.filter((journey) => files.has(journey.file)),
    skipped: { ignored: 0, unread: 0 },
  };
}

/** Says which named files the tools do not read (ESLint's "file ignored"): their findings can only be none. */
function warnUnread(target: LintTarget, repo: Repository, findings: readonly Finding[], io: Io): void {
  const read = new Set([...repo.files.map((file) => file.path), ...findings.map((finding) => finding.file)]);
  for (const file of target.named ?? []) {
    if (!read.has(file)) io.stderr.write(`journeys: ${escapeValue(file)} is not a file journeys reads (or ignore: leaves it out): nothing to report for it.\n`);
  }
}

export function lintCommand(args: readonly string[], io: Io): number {
  const { values, positionals } = parse(
    'lint',
    args,
    {
      format: { type: 'string', short: 'f' },
      'output-file': { type: 'string', short: 'o' },
      'max-warnings': { type: 'string' },
      'fail-severity': { type: 'string' },
      quiet: { type: 'boolean' },
      today: { type: 'string' },
      base: { type: 'string' },
      baseline: { type: 'boolean', default: true },
      'baseline-write': { type: 'boolean' },
      'baseline-prune': { type: 'boolean' },
      'site-url': { type: 'string' },
      cache: { type: 'boolean' },
      'cache-location': { type: 'string' },
      fix: { type: 'boolean' },
      'fix-dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    Infinity,
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
  const failing = failSeverities(values['fail-severity']);
  const outputPath = values['output-file'];
  const outputFile = outputPath === undefined ? undefined : outputFilePath(outputPath, io.cwd);
  if (values['baseline-write'] && values['baseline-prune']) throw new CommandError('--baseline-write and --baseline-prune do not go together: write records every finding, prune only removes entries.');

  const target = lintTarget(positionals, io.cwd);
  const targets = target.files;
  if (targets && (values['baseline-write'] || values['baseline-prune'])) {
    throw new CommandError(`--baseline-${values['baseline-write'] ? 'write' : 'prune'} records the whole repository: give its folder, not files.`);
  }
  const path = target.path;
  const fixing = values.fix === true || values['fix-dry-run'] === true;
  if (values.fix && values['fix-dry-run']) throw new CommandError('--fix and --fix-dry-run do not go together: --fix writes, --fix-dry-run only shows.');
  // Only the working tree's files are written: a revision's are not there to fix.
  if (fixing && values.base !== undefined) throw new CommandError(`--${values.fix ? 'fix' : 'fix-dry-run'} corrects the files of the working tree: run it without --base.`);
  const meter = progress(io);
  const cache = cacheOption(values.cache, values['cache-location'], io);
  const timing = ruleTiming(io.env.JOURNEYS_TIMING);
  // The revision is read after the work tree, each file the same in both parsed once.
  const base = values.base === undefined ? {} : { baseRevision: values.base };
  const run = (): CheckResult => check(path, { today: todayOption(values.today), now: io.now(), onFile: meter.onFile, ...base, ...cache, ...(timing ? { onRuleTime: timing.add } : {}) });
  const changes = formatName === 'stylish' || outputFile !== undefined ? io.stdout : io.stderr;
  const result = fixing ? lintAndFix(run, { dryRun: values.fix !== true, wanted: (file) => targets === undefined || targets.has(file), changes }, io) : run();
  meter.end();
  timing?.print(io.stderr);
  if (result.configErrors.length > 0) {
    printConfigErrors(result, io);
    return EXIT.usage;
  }
  const baselinePath = join(result.root, BASELINE_FILE);
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
  if (outputFile !== undefined) checkNotInRepository(outputFile, result.root, [...result.repo.files.map((file) => file.path), BASELINE_FILE], outputPath!);

  const wanted = (file: string): boolean => targets === undefined || targets.has(file);
  const view = targets === undefined ? result.repo : targetView(result.repo, targets);
  let findings = result.findings.filter((finding) => wanted(finding.file));
  let stale = 0;
  const text = values.baseline ? readBaselineFile(baselinePath) : undefined;
  if (text !== undefined) {
    // Matched against every finding of the repository: an entry of another file is neither hidden nor stale here.
    const applied = applyBaseline(result.findings, readBaseline(text));
    findings = applied.findings.filter((finding) => wanted(finding.file));
    const staleEntries = applied.stale.filter((entry) => wanted(entry.file));
    stale = staleEntries.reduce((sum, entry) => sum + entry.count, 0);
    const hidden = applied.hiddenFindings.filter((finding) => wanted(finding.file)).length;
    if (hidden > 0) io.stderr.write(`journeys: ${plural(hidden, 'finding')} recorded in ${BASELINE_FILE} not shown (--no-baseline shows them).\n`);
    reportStale(staleEntries, io);
  }
  if (targets !== undefined) warnUnread(target, result.repo, result.findings, io);
  const withStale = (summary: Summary): Summary => ({ ...summary, ...(stale > 0 ? { staleBaseline: stale } : {}) });
  const counted = targets === undefined && text === undefined ? result.summary : withStale(summarize(view, findings));
  // --quiet hides warnings and infos, and the summary counts only what is shown (as ESLint's does).
  const shown = values.quiet ? findings.filter((finding) => finding.severity === 'error') : findings;
  const summary = values.quiet ? withStale(summarize(view, shown)) : counted;

  const siteUrl = values['site-url'] ?? io.env.JOURNEYS_SITE_URL;
  const pathPrefix = gitPrefix(result.root);
  const color = outputFile === undefined && useColor(io);
  // With --base, the findings the change introduces go first where only the first few are seen (annotations, a comment).
  const introduced = result.base !== undefined && (formatName === 'github' || formatName === 'markdown') ? introducedFindings(result, result.base) : undefined;
  // Texts are asked for by file, for the few a format quotes: the lint cache reads a file it kept only then.
  const files = new Map(result.repo.files.map((file) => [file.path, file]));
  const output = format(shown, summary, { color, rules: builtInRules, pathPrefix, source: (file) => files.get(file)?.text, ...(siteUrl ? { siteUrl } : {}), ...(introduced ? { introduced } : {}) });
  if (outputFile !== undefined) writeOutputFile(outputFile, outputPath!, terminalText(output, { workflowCommands: formatName === 'github' }));
  else if (formatName === 'github') writeWorkflowCommands(io.stdout, output);
  else io.stdout.write(output);
  return exitStatus(counted, failing, maxWarnings, values.quiet === true, io);
}

/** 1 when a finding is at --fail-severity or above, or warnings pass --max-warnings; said on stderr when --quiet hid them. */
function exitStatus(counted: Summary, failing: readonly Finding['severity'][], maxWarnings: number | undefined, quiet: boolean, io: Io): number {
  if (counted.errors > 0) return EXIT.findings;
  const hidden = quiet ? ' (not shown: --quiet)' : '';
  const failed = [
    ...(failing.includes('warning') && counted.warnings > 0 ? [plural(counted.warnings, 'warning')] : []),
    ...(failing.includes('info') && counted.infos > 0 ? [plural(counted.infos, 'info')] : []),
  ];
  if (failed.length > 0) {
    io.stderr.write(`journeys: ${failed.join(' and ')}${hidden}, at or above --fail-severity ${failing.includes('info') ? 'info' : 'warning'}.\n`);
    return EXIT.findings;
  }
  if (maxWarnings !== undefined && counted.warnings > maxWarnings) {
    io.stderr.write(`journeys: ${plural(counted.warnings, 'warning')}${hidden}, more than --max-warnings ${maxWarnings}.\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}
