import type { Finding, NodeRef, Repository, Severity } from './types.ts';

/**
 * A rule's example: a small repository (file path -> content) and, for a failing
 * example, the findings it must produce. Examples are the rule's documentation
 * and its tests at once.
 */
export interface RuleExample {
  /** One sentence on what the example shows. */
  readonly title?: string;
  /** Files of the example repository, by repository-relative path. */
  readonly files: Readonly<Record<string, string>>;
  /** Options for the rule, as a user would write them in journeys.config.yaml. */
  readonly options?: Readonly<Record<string, unknown>>;
  /** Extra context, such as the date the example is linted on. */
  readonly context?: Partial<Pick<RunContext, 'today'>>;
  /** For rules that compare with a base revision: the files as they were there. */
  readonly base?: Readonly<Record<string, string>>;
  /** Findings of this rule expected in a failing example (file defaults to the first file). */
  readonly findings?: readonly {
    readonly line: number;
    readonly column: number;
    readonly file?: string;
    /** A fragment the message contains. */
    readonly message?: string;
  }[];
}

export interface RuleMeta {
  /** Stable kebab-case id, used in config, suppressions and output. */
  readonly id: string;
  readonly severity: Severity;
  /** One line: what the rule catches. */
  readonly description: string;
  /** Why it matters to the customer or the team, in plain words. */
  readonly rationale: string;
  /** What to do about a finding. */
  readonly fix: string;
  /** JSON Schema of the options object; omitted when the rule takes none. */
  readonly options?: Readonly<Record<string, unknown>>;
  /** Values of the options when the user sets none. */
  readonly defaults?: Readonly<Record<string, unknown>>;
  /**
   * When the rule runs: `model` (default) on the loaded repository; `suppressions`
   * after the other rules' findings were matched against the disable comments.
   */
  readonly phase?: 'model' | 'suppressions';
  /**
   * `file`: what the rule finds on a file depends on that file alone, beside the
   * declarations (owners, channels, personas, events), the configuration, the metrics
   * and the date, never on another journey or scenario; it reads only `repo.journeys`,
   * `repo.files` and `repo.problems` of the files it is given. A cached run
   * (`lint --cache`) then keeps its findings for the files that did not change and runs
   * it on the others alone. Default `repository`: the rule runs on every file each time.
   */
  readonly scope?: 'file' | 'repository';
  /**
   * What the rule finds on a file depends on today's date (`run.today`). The findings of a
   * rule of `file` scope, or of a `checkFiles` part, are kept per file from one run to the
   * next (`lint --cache`, `journeys dev`, the score history from one commit to the next)
   * whatever the date, but for those of a rule that says this: it runs on every file each
   * time. Such a rule that reads the date without saying so is an `internal` finding.
   */
  readonly usesToday?: boolean;
  /** `base`: the rule compares with a base revision, and runs only when one is given (`--base`). */
  readonly requires?: 'base';
  /**
   * No disable comment silences its findings and no baseline hides them (a comment that
   * names the rule is an unused-suppression finding): a file that cannot be read or is
   * malformed drops its journey from every check, which nobody must be able to miss.
   */
  readonly unsuppressible?: boolean;
  /**
   * The messages the rule reports, by id: templates whose `{{name}}` placeholders are
   * filled from a report's `data`. A finding is known by its message id, never by its wording.
   */
  readonly messages: Readonly<Record<string, string>>;
  /**
   * What identifies a finding of this rule across edits (see engine/identity.ts): `journey`,
   * `touchpoint`, `scenario`, `touchpoints` (its own and the related ones, sorted) and data keys.
   * Default: journey, touchpoint and scenario.
   */
  readonly identity?: readonly string[];
  readonly examples: {
    readonly fail: readonly RuleExample[];
    readonly pass: readonly RuleExample[];
  };
}

/** What the run knows about the world outside the repository, given by the caller. */
export interface RunContext {
  /** Today's date in the user's time zone, `YYYY-MM-DD`. */
  readonly today: string;
  /** The repository at the base revision, when comparing with one. */
  readonly base?: Repository;
}

/**
 * The findings of the rules of `file` scope kept from an earlier run, by file (see
 * load/cache.ts): the findings as made, before disable comments and the baseline apply.
 */
export interface FileFindings {
  /** What the file-scoped rules found on the file in an earlier run of the same rules, settings and date; undefined: run them on it. */
  readonly get: (file: string) => readonly Finding[] | undefined;
  /** Keeps what the file-scoped rules found on the file in this run. */
  readonly set: (file: string, findings: readonly Finding[]) => void;
}

/** What every disable comment names (`# journeys-disable`, `# journeys-disable-next-line`). */
const DISABLE_MARKER = 'journeys-disable';

/** Whether a file's text, up to the end of its YAML, may hold a disable comment: only then are its lines looked at. */
export function mayHoldDisableComments(file: { readonly text: string; readonly yamlEnd: number }): boolean {
  return file.text.slice(0, file.yamlEnd).includes(DISABLE_MARKER);
}

/** A disable comment found in a file, and whether it silenced anything. */
export interface Suppression {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly scope: 'file' | 'next-line';
  readonly rules: readonly string[];
  readonly reason?: string;
  /** The rule ids among `rules` that silenced at least one finding. */
  readonly used: ReadonlySet<string>;
  /** The line the comment applies to (next-line scope). */
  readonly target?: number;
}

export interface Report {
  /** The node the finding is about. */
  readonly at: NodeRef;
  /** Which of the rule's `meta.messages` this is. */
  readonly messageId: string;
  /** Values of the message's placeholders; those the rule names in `meta.identity` identify the finding. */
  readonly data?: Readonly<Record<string, string | number>>;
  /** Point at the key of `at` rather than its value (for a field whose value is missing or irrelevant). */
  readonly key?: boolean;
  /** A position given directly, for problems that are not at a node (comments). */
  readonly position?: { readonly line: number; readonly column: number };
  /** An offset in the file's text, for problems that are not at a node (syntax errors). */
  readonly offset?: number;
  readonly journey?: string;
  readonly touchpoint?: string;
  /** At most this severe, whatever the rule's severity (a file skipped on purpose is an info). */
  readonly severity?: Severity;
  /**
   * The one change that corrects the problem, when it is certain (ESLint's fix): `text`, as YAML,
   * replaces the scalar at `at` (a node of the report's file) or the text between two offsets
   * of that file. `journeys lint --fix` applies it; anything with two possible corrections,
   * or that would change what was meant, has none.
   */
  readonly fix?: { readonly at: NodeRef | readonly [start: number, end: number]; readonly text: string };
  /** The scenario whose simulation found the problem, and when in it (minutes after day 0). */
  readonly scenario?: string;
  readonly time?: number;
  readonly related?: readonly {
    readonly at: NodeRef;
    readonly key?: boolean;
    /** A position given directly, for places that are not YAML nodes (a row of a CSV file). */
    readonly position?: { readonly line: number; readonly column: number };
    readonly journey?: string;
    readonly touchpoint?: string;
  }[];
}

export interface RuleContext<Options = Record<string, unknown>> {
  readonly repo: Repository;
  readonly options: Options;
  readonly run: RunContext;
  /** Only in the `suppressions` phase. */
  readonly suppressions: readonly Suppression[];
  /** Ids of every registered rule, for rules that check references to rules. */
  readonly ruleIds: ReadonlySet<string>;
  /** Ids of the rules that run in this run. */
  readonly enabledRules: ReadonlySet<string>;
  /** Ids of the rules whose findings cannot be suppressed (`meta.unsuppressible`). */
  readonly unsuppressible: ReadonlySet<string>;
  report(report: Report): void;
}

export interface Rule<Options = Record<string, unknown>> {
  readonly meta: RuleMeta;
  check(context: RuleContext<Options>): void;
  /**
   * The part of a rule of `repository` scope whose findings on a file depend on that file
   * alone, as `scope: 'file'` says of a whole rule: it reads only `repo.journeys`,
   * `repo.files` and `repo.problems` of the files it is given, beside the declarations, the
   * configuration, the metrics and the date. A cached run keeps its findings for the files
   * that did not change and runs it on the others alone; `check`, the rest of the rule,
   * runs on the whole repository each time. Both run on every run without a cache. A rule
   * of `file` scope is all of it per file: its checkFiles is never run.
   */
  checkFiles?(context: RuleContext<Options>): void;
}

/**
 * What of a rule runs on each file alone, its findings kept per file by a cached run: the
 * whole rule (`check`) when it is of `file` scope, its `checkFiles` part when it has one,
 * else nothing. The engine runs rules by it, and the README lists them by it.
 */
export function perFilePart(rule: Rule): 'check' | 'checkFiles' | undefined {
  return rule.meta.scope === 'file' ? 'check' : rule.checkFiles ? 'checkFiles' : undefined;
}

/** Whether what a rule finds on each file alone may be kept for another date: it has such a part, and does not read the date. */
export function keptAcrossDates(rule: Rule): boolean {
  return perFilePart(rule) !== undefined && rule.meta.usesToday !== true;
}

/** Identity helper that gives a rule file its types without a cast. */
export function defineRule<Options = Record<string, unknown>>(rule: Rule<Options>): Rule<Options> {
  return rule;
}
