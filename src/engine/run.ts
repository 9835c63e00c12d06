import type { Finding, Position, RelatedLocation, Repository, Severity } from '../model/types.ts';
import { Positions } from './locate.ts';
import { resolveFix } from './fix.ts';
import { keptAcrossDates, perFilePart, type FileFindings, type Report, type Rule, type RuleContext, type RunContext, type Suppression } from '../model/rule.ts';
import { resolveSettings, type ConfigError, type RuleSettings } from './settings.ts';
import { findSuppressions, silences, type DisableComment } from './suppressions.ts';
import { pushTo } from '../model/collections.ts';

export interface Summary {
  readonly files: number;
  readonly journeys: number;
  readonly touchpoints: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  /** Files skipped by `ignore:` in the configuration. */
  readonly ignored: number;
  /** Files and folders not read: not regular files, links out of the repository or to a folder already read, unreadable folders. */
  readonly skipped: number;
  /** Entries of the baseline that match no finding any more (`--baseline-prune` removes them); only when a baseline was applied. */
  readonly staleBaseline?: number;
}

export interface LintResult {
  readonly findings: readonly Finding[];
  readonly summary: Summary;
  /** Mistakes in the configuration; when there are any, findings are not to be trusted. */
  readonly configErrors: readonly (ConfigError & { readonly line: number; readonly column: number })[];
}

export interface LintOptions {
  readonly rules: readonly Rule[];
  readonly run: RunContext;
  /** Told how long each rule's check took, in milliseconds (JOURNEYS_TIMING on the command line). */
  readonly onRuleTime?: (rule: string, ms: number) => void;
  /** What the rules of `file` scope found in an earlier run (lint --cache): they run only on the files it lacks. */
  readonly fileFindings?: FileFindings;
}

interface Raw {
  readonly rule: string;
  readonly severity: Severity;
  readonly report: Report;
  /** The rule's message templates, by id. */
  readonly messages: Readonly<Record<string, string>>;
}

/** The engine's own message, when a rule crashes. */
const INTERNAL_MESSAGES: Readonly<Record<string, string>> = {
  'rule-failed': 'Rule "{{rule}}" failed on this repository ({{error}}). This is a bug in journeys: please report it with the file that caused it.',
};

/** Fills a message template's `{{name}}` placeholders from a report's data; a name without a value stays as written. */
export function renderMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{\{\s*([\w-]+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(data, name) ? String(data[name]) : whole));
}

/** The order findings are printed in: file, line, column, rule. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/** Which of a rule's checks to run: `check`, or its per-file part (`checkFiles`). */
type RulePart = 'check' | 'checkFiles';

const undatedRuns = new WeakMap<RunContext, RunContext>();

/**
 * The run as the per-file part of a rule that does not say it reads the date sees it:
 * what that part finds on a file is kept for other dates (keptAcrossDates), so reading
 * the date there fails, and the rule's `internal` finding says why.
 */
function undatedRun(run: RunContext): RunContext {
  let undated = undatedRuns.get(run);
  if (undated === undefined) {
    undated = Object.defineProperty({ ...run }, 'today', {
      enumerable: true,
      get(): never {
        throw new Error("it reads today's date where it checks each file alone, which its meta must then say with usesToday: true, since what it finds there is kept for other dates");
      },
    });
    undatedRuns.set(run, undated);
  }
  return undated;
}

function runRule(setting: RuleSettings, given: Omit<RuleContext, 'options' | 'report'>, sink: Raw[], onTime?: LintOptions['onRuleTime'], part: RulePart = 'check'): void {
  const { rule, severity, options } = setting;
  const base = part === perFilePart(rule) && keptAcrossDates(rule) ? { ...given, run: undatedRun(given.run) } : given;
  const report = (r: Report): void => {
    sink.push({ rule: rule.meta.id, severity: r.severity !== undefined && RANK[r.severity] < RANK[severity] ? r.severity : severity, report: r, messages: rule.meta.messages });
  };
  const started = onTime ? performance.now() : 0;
  try {
    if (part === 'check') rule.check({ ...base, options, report });
    else rule.checkFiles?.({ ...base, options, report });
    if (onTime) onTime(rule.meta.id, performance.now() - started);
  } catch (error) {
    // A crashing rule must not hide the others' findings.
    const first = base.repo.files[0]?.path ?? '.';
    sink.push({
      rule: 'internal',
      severity: 'error',
      report: {
        at: { file: first, path: [] },
        position: { line: 1, column: 1 },
        messageId: 'rule-failed',
        data: { rule: rule.meta.id, error: error instanceof Error ? error.message : String(error) },
      },
      messages: INTERNAL_MESSAGES,
    });
  }
}

function toFinding(raw: Raw, positions: Positions): Finding {
  const { report } = raw;
  const position: Position = report.position ?? (report.offset !== undefined ? positions.ofOffset(report.at.file, report.offset) : positions.of(report.at, report.key));
  const related: RelatedLocation[] = (report.related ?? []).map((r) => {
    const where = r.position ?? positions.of(r.at, r.key);
    return { file: r.at.file, line: where.line, column: where.column, journey: r.journey, touchpoint: r.touchpoint };
  });
  const data = report.data ?? {};
  const template = raw.messages[report.messageId];
  const fix = report.fix && resolveFix(report.fix, positions.file(report.at.file), positions.locator(report.at.file));
  return {
    rule: raw.rule,
    severity: raw.severity,
    // A message id the rule does not declare is a bug in the rule: its id still says which finding it is.
    message: template === undefined ? report.messageId : renderMessage(template, data),
    file: report.at.file,
    line: position.line,
    column: position.column,
    endLine: position.endLine,
    endColumn: position.endColumn,
    journey: report.journey,
    touchpoint: report.touchpoint,
    ...(report.scenario !== undefined ? { scenario: report.scenario } : {}),
    ...(report.time !== undefined ? { time: report.time } : {}),
    related,
    messageId: report.messageId,
    data,
    ...(fix ? { fix } : {}),
  };
}

/** How many findings there are of each severity. */
export function countBySeverity(findings: readonly Pick<Finding, 'severity'>[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const finding of findings) {
    if (finding.severity === 'error') errors += 1;
    else if (finding.severity === 'warning') warnings += 1;
    else infos += 1;
  }
  return { errors, warnings, infos };
}

/** Counts of a repository and of its findings by severity. */
export function summarize(repo: Repository, findings: readonly Finding[]): Summary {
  const { errors, warnings, infos } = countBySeverity(findings);
  const touchpoints = repo.journeys.reduce((sum, journey) => sum + journey.touchpoints.length, 0);
  return { files: repo.files.length, journeys: repo.journeys.length, touchpoints, errors, warnings, infos, ignored: repo.skipped?.ignored ?? 0, skipped: repo.skipped?.unread ?? 0 };
}

/**
 * The findings of the rules of `file` scope and of the per-file parts of the others
 * (`checkFiles`) that may be kept (keptAcrossDates): those kept for a file, and for the
 * files without any, what the rules find running on those files alone (then kept for them).
 */
function fileScoped(
  repo: Repository,
  settings: readonly RuleSettings[],
  base: Omit<RuleContext, 'options' | 'report'>,
  kept: FileFindings,
  positions: Positions,
  onTime: LintOptions['onRuleTime'],
): Finding[] {
  const findings: Finding[] = [];
  const fresh = new Set<string>();
  for (const file of repo.files) {
    const known = kept.get(file.path);
    if (known) findings.push(...known);
    else fresh.add(file.path);
  }
  if (fresh.size === 0) return findings;
  const part: Repository = {
    ...repo,
    files: repo.files.filter((file) => fresh.has(file.path)),
    journeys: repo.journeys.filter((journey) => fresh.has(journey.file)),
    problems: repo.problems.filter((problem) => fresh.has(problem.at.file)),
  };
  const raws: Raw[] = [];
  for (const setting of settings) {
    const which = perFilePart(setting.rule);
    if (which && keptAcrossDates(setting.rule)) runRule(setting, { ...base, repo: part }, raws, onTime, which);
  }
  const byPath = new Map<string, Finding[]>([...fresh].map((path) => [path, []]));
  for (const raw of raws) {
    const finding = toFinding(raw, positions);
    findings.push(finding);
    // A finding on another file than those the rule was given (none should be) is not kept: the next run makes it again.
    const list = byPath.get(finding.file);
    if (list) list.push(finding);
    else byPath.clear();
  }
  for (const [path, list] of byPath) kept.set(path, list);
  return findings;
}

/**
 * Runs every enabled rule on a loaded repository. Rules in the `model` phase run
 * first; their findings are matched against disable comments; then rules of the
 * `suppressions` phase run with the comments and whether each was used.
 */
export function lint(repo: Repository, options: LintOptions): LintResult {
  const positions = new Positions(repo.files);
  const resolved = resolveSettings(options.rules, repo.config);
  const errors = resolved.errors;
  // Rules that compare with a base revision stay silent without one.
  const settings = resolved.settings.filter((setting) => setting.rule.meta.requires !== 'base' || options.run.base !== undefined);
  const configErrors = errors.map((error) => ({ ...error, ...positions.of({ file: error.file, path: error.path }) }));
  const ruleIds = new Set(options.rules.map((rule) => rule.meta.id));
  const enabledRules = new Set(settings.map((setting) => setting.rule.meta.id));
  const unsuppressible = new Set(options.rules.filter((rule) => rule.meta.unsuppressible === true).map((rule) => rule.meta.id));
  const base = { repo, run: options.run, ruleIds, enabledRules, unsuppressible, suppressions: [] as Suppression[] };

  const modelPhase = settings.filter((setting) => (setting.rule.meta.phase ?? 'model') === 'model');
  const kept = options.fileFindings;
  const raws: Raw[] = [];
  for (const setting of modelPhase) {
    // With kept findings, what runs on the files alone runs in fileScoped, on the files without any; but for
    // the parts that read the date (usesToday), which run on every file each time, as without kept findings.
    const part = perFilePart(setting.rule);
    const keptPart = kept && keptAcrossDates(setting.rule) ? part : undefined;
    if (keptPart !== 'check') runRule(setting, base, raws, options.onRuleTime);
    if (part === 'checkFiles' && keptPart === undefined) runRule(setting, base, raws, options.onRuleTime, 'checkFiles');
  }
  const made = raws.map((raw) => toFinding(raw, positions));
  if (kept) made.push(...fileScoped(repo, modelPhase, base, kept, positions, options.onRuleTime));

  const comments: DisableComment[] = repo.files.flatMap((file) => findSuppressions(file, positions));
  const byFile = new Map<string, DisableComment[]>();
  for (const comment of comments) pushTo(byFile, comment.file, comment);

  const findings: Finding[] = [];
  for (const finding of made) {
    const candidates = unsuppressible.has(finding.rule) ? undefined : byFile.get(finding.file);
    // Every matching comment is marked used, so that none is reported as unused.
    if (candidates && candidates.map((c) => silences(c, finding.rule, finding.line)).includes(true)) continue;
    findings.push(finding);
  }

  const later: Raw[] = [];
  const suppressions: Suppression[] = comments;
  for (const setting of settings) if (setting.rule.meta.phase === 'suppressions') runRule(setting, { ...base, suppressions }, later, options.onRuleTime);
  for (const raw of later) findings.push(toFinding(raw, positions));

  findings.sort(compareFindings);
  return { findings, summary: summarize(repo, findings), configErrors };
}
