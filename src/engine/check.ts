/**
 * The one orchestration of a check: load the repository, work out today in its time
 * zone, run the rules. The public API, the site's views and the score history all
 * call it, so that they cannot disagree on what "today" or "the rules" are.
 */
import { loadAtRevision, resolveBaseRevision } from '../load/git.ts';
import { loadRepository, type LoadOptions } from '../load/repository.ts';
import { todayIn } from '../model/dates.ts';
import type { FileFindings, Rule } from '../model/rule.ts';
import type { Repository } from '../model/types.ts';
import { builtInRules } from '../rules/index.ts';
import { lint, type LintResult } from './run.ts';
import { isTimeZone } from './settings.ts';

export interface CheckOptions extends LoadOptions {
  /** Today's date, `YYYY-MM-DD`; by default from `now` in the configured time zone. */
  readonly today?: string;
  /** The clock reading used when `today` is not given. */
  readonly now?: Date;
  readonly rules?: readonly Rule[];
  /** The repository at a base revision, for the rules that compare with one. */
  readonly base?: Repository;
  /**
   * A git revision to load as `base` (what `lint --base` gives), once the work tree is loaded:
   * each file the same at the revision keeps the work tree's parse. Ignored when `base` is given.
   */
  readonly baseRevision?: string;
  /** Told how long each rule's check took, in milliseconds. */
  readonly onRuleTime?: (rule: string, ms: number) => void;
  /** The file-scoped rules' findings kept from an earlier run of the same date and rules (what `cache` gives). */
  readonly fileFindings?: FileFindings;
}

export interface CheckResult extends LintResult {
  /** Absolute path of the repository root. */
  readonly root: string;
  readonly repo: Repository;
  readonly today: string;
  /** The repository at the base revision, when one was given (`base`) or loaded (`baseRevision`). */
  readonly base?: Repository;
  /** The commit `baseRevision` named, when it was loaded. */
  readonly baseCommit?: string;
}

/** Today's date for a repository: `today` when given, else `now` in its configured time zone. */
export function todayFor(repo: Repository, options: Pick<CheckOptions, 'today' | 'now'> = {}): string {
  const zone = repo.config.timeZone !== undefined && isTimeZone(repo.config.timeZone) ? repo.config.timeZone : undefined;
  return options.today ?? todayIn(options.now ?? new Date(), zone);
}

/**
 * What findings kept from an earlier run (the cache's, `journeys dev`'s, the score
 * history's) were made for: the rules. Their settings and the files the rules read across
 * files key the stores themselves; the findings of the rules that read the date are not
 * kept (usesToday), so the others hold on any date.
 */
export function findingsContext(rules: readonly Rule[] = builtInRules): string {
  return JSON.stringify({ rules: rules.map((rule) => rule.meta.id) });
}

/** Lints a repository already loaded (at a revision, say), as `check` does. */
export function checkRepository(root: string, repo: Repository, options: Omit<CheckOptions, keyof LoadOptions> = {}): CheckResult {
  const today = todayFor(repo, options);
  const result = lint(repo, {
    rules: options.rules ?? builtInRules,
    run: { today, base: options.base },
    ...(options.onRuleTime ? { onRuleTime: options.onRuleTime } : {}),
    ...(options.fileFindings ? { fileFindings: options.fileFindings } : {}),
  });
  return { ...result, root, repo, today, ...(options.base ? { base: options.base } : {}) };
}

/** Loads and lints the repository at `path`: the one call most callers need. */
export function check(path: string, options: CheckOptions = {}): CheckResult {
  // A revision that does not exist is said before the work tree is read, and the one resolved is the one loaded.
  const baseCommit = options.base === undefined && options.baseRevision !== undefined ? resolveBaseRevision(path, options.baseRevision) : undefined;
  // The rules read the journeys' models, not their data: the parse worker sends models (LoadOptions.dataOnDemand).
  const { root, repo, parsed, saveCache, fileFindings } = loadRepository(path, { dataOnDemand: true, ...options });
  const base = options.base ?? (baseCommit !== undefined ? loadAtRevision(path, baseCommit, { reuse: parsed }).repo : undefined);
  const today = todayFor(repo, options);
  // Findings kept by the cache hold for the same rules on any date (their settings key the whole cache).
  const kept = fileFindings?.(findingsContext(options.rules));
  const result = checkRepository(root, repo, { ...options, today, base, ...(kept ? { fileFindings: kept } : {}) });
  // After the rules: the cache keeps the line numbers their findings asked for.
  saveCache?.();
  return baseCommit !== undefined ? { ...result, baseCommit } : result;
}
