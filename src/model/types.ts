/**
 * The model: what the loader makes of a journeys repository. Plain data only,
 * so that rules, the simulator, formatters and the site can share it freely.
 */

import type { Delay } from './duration.ts';

/** A step into a YAML document: a mapping key or a sequence index. */
export type PathSegment = string | number;
export type Path = readonly PathSegment[];

/**
 * Where a value came from. Positions are resolved lazily (see load/positions.ts),
 * so a reference is a file and a path into its YAML, not a line number.
 */
export interface NodeRef {
  /** Repository-relative path with forward slashes. */
  readonly file: string;
  readonly path: Path;
}

export type SourceKind = 'journey' | 'owners' | 'channels' | 'personas' | 'events' | 'scenario' | 'config' | 'metrics';

/** A file of the repository as read from disk. */
export interface SourceFile {
  /** Repository-relative path with forward slashes. */
  readonly path: string;
  readonly kind: SourceKind;
  /** The whole text of the file (decoded, BOM removed); empty when it could not be read. */
  readonly text: string;
  /** Offset in `text` where the YAML starts (after the `---` of a Markdown front matter). */
  readonly yamlStart: number;
  /** Offset in `text` where the YAML ends. */
  readonly yamlEnd: number;
  /** Parsed YAML, or undefined when the file could not be parsed. */
  readonly data: unknown;
  /**
   * Whether the text before the YAML's end names `journeys-disable` (may hold a disable
   * comment), when the loader knows it without reading the text (a file the lint cache
   * kept by its stamp, whose text is read only if asked for); absent: the text says.
   */
  readonly disableComments?: boolean;
}

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface Position {
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

export interface RelatedLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly journey?: string;
  readonly touchpoint?: string;
}

/** One problem found in the repository, as every formatter receives it. */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly journey?: string;
  readonly touchpoint?: string;
  /** The scenario whose simulation found the problem. */
  readonly scenario?: string;
  /** When, in that scenario: minutes after the start of day 0. */
  readonly time?: number;
  readonly related: readonly RelatedLocation[];
  /** Which of its rule's messages the finding is; with `data`, what `message` was rendered from. Set by the engine. */
  readonly messageId?: string;
  /** The values of the message's placeholders. */
  readonly data?: Readonly<Record<string, string | number>>;
  /** A change certain to correct it (`journeys lint --fix`): `text` replaces the file's text from offset `range[0]` to `range[1]`. */
  readonly fix?: { readonly range: readonly [number, number]; readonly text: string };
}

/** A problem the loader met before any rule ran (unreadable file, bad YAML, schema). */
export interface LoadProblem {
  readonly kind: 'parse' | 'schema';
  readonly message: string;
  /** The node at fault; for syntax errors, `position` is given instead. */
  readonly at: NodeRef;
  /** When the problem is not at a node (a syntax error), its offset in the file's text. */
  readonly offset?: number;
  /** Point at the key of `at` rather than at its value. */
  readonly key?: boolean;
  readonly journey?: string;
  readonly touchpoint?: string;
  /** At most this severe (a file skipped on purpose is worth an info, not an error). */
  readonly severity?: Severity;
  /** YAML text that corrects the value at `at` without changing what was meant, for `journeys lint --fix`. */
  readonly fix?: string;
  /** A YAML syntax error, at `offset`: the stylish output shows the line under the finding. */
  readonly syntax?: boolean;
}

export interface Owner {
  readonly id: string;
  readonly name?: string;
  readonly contact?: string;
  /** The team's GitHub handle (`@org/team` or `@user`), for `journeys codeowners`. */
  readonly github?: string;
  readonly ref: NodeRef;
}

export interface Channel {
  readonly id: string;
  readonly name: string;
  readonly outbound: boolean;
  readonly builtIn: boolean;
  /** Undefined for built-in channels. */
  readonly ref?: NodeRef;
}

export interface Persona {
  readonly id: string;
  readonly name?: string;
  /** IANA time zone of these customers (`timezone:`), for their wall-clock times. */
  readonly timeZone?: string;
  /** Public holidays of these customers (`holidays:`): a country, or a country and region such as `DE-BY`. */
  readonly holidays?: string;
  readonly ref: NodeRef;
}

/** An event of journeys/events.yaml: something that happens to a customer. */
export interface EventDeclaration {
  readonly id: string;
  readonly name?: string;
  readonly ref: NodeRef;
}

export interface Stage {
  readonly id: string;
  readonly name?: string;
  readonly ref: NodeRef;
}

export interface Repeat {
  /** Minutes between two sends. */
  readonly every: number;
  /** Sends after the first one. */
  readonly times: number;
}

export interface Message {
  readonly intent?: string;
  readonly subject?: string;
  readonly text?: string;
  readonly cta?: string;
}

export interface Kpi {
  readonly metric: string;
  readonly target?: number;
  /** Which way is better, when the journey says so; otherwise guessed from the metric's id (model/kpis.ts). */
  readonly direction?: 'higher' | 'lower';
  readonly ref: NodeRef;
}

/** A section of a Markdown journey's body. */
export interface Narrative {
  readonly markdown: string;
  /** Line of the `.md` file where the section starts. */
  readonly line: number;
}

/**
 * What kind of message a touchpoint sends, as contact policies and consent law sort them:
 * caps and quiet hours may apply to some kinds only, and marketing needs consent.
 */
export type Category = 'marketing' | 'service' | 'transactional' | 'regulatory';

export interface Touchpoint {
  readonly id: string;
  /** The name people use for it (`name:`), shown before the id; undefined when not written. */
  readonly name?: string;
  readonly journey: string;
  readonly stage?: string;
  readonly channel?: string;
  readonly owner?: string;
  readonly role?: string;
  /** As written, or the default of its role (model/categories.ts). */
  readonly category: Category;
  /** Whether `category` was written, rather than taken from the role. */
  readonly categoryWritten?: boolean;
  readonly trigger?: string;
  /** Delay after the trigger, in minutes; months and business days counted roughly (see `delay`). */
  readonly after: number;
  /** Delay after the trigger, part by part, as the simulator applies it on the customer's calendar. */
  readonly delay: Delay;
  /** Local time of day, in minutes after midnight. */
  readonly at?: number;
  readonly repeat?: Repeat;
  readonly until?: string;
  readonly message?: Message;
  readonly personalization?: string;
  readonly tools: readonly string[];
  readonly automated?: boolean;
  readonly momentOfTruth: boolean;
  readonly importance?: number;
  readonly emotion?: number;
  readonly cost?: number;
  readonly kpis: readonly Kpi[];
  readonly narrative?: Narrative;
  readonly ref: NodeRef;
}

export interface Journey {
  readonly id: string;
  readonly file: string;
  readonly format: 'yaml' | 'markdown';
  readonly version?: number;
  readonly title?: string;
  readonly owner?: string;
  readonly personas: readonly string[];
  /** ISO date `YYYY-MM-DD`. */
  readonly reviewed?: string;
  readonly description?: string;
  readonly stages: readonly Stage[];
  readonly touchpoints: readonly Touchpoint[];
  /** Measures of the journey as a whole (metrics rows with no touchpoint); absent when it declares none. */
  readonly kpis?: readonly Kpi[];
  /** The Markdown body before the first touchpoint section. */
  readonly narrative?: Narrative;
  /** `### <id>` sections of the body whose id names no touchpoint. */
  readonly orphanSections: readonly { readonly id: string; readonly line: number }[];
  /** The parsed data as written, for rules and views that need a field the model does not name. */
  readonly raw: Readonly<Record<string, unknown>>;
  readonly ref: NodeRef;
}

export interface ScenarioEvent {
  /** Minutes after the start of day 0, local time. */
  readonly at: number;
  readonly event: string;
  /** The channel the event is about (`consent.withdrawn` on `sms`); undefined for every channel. */
  readonly channel?: string;
  readonly ref: NodeRef;
}

/**
 * What must hold for a scenario's customer (its `expect:` list), checked on the simulated
 * timeline by the rule scenario-expectation. Touchpoints are named as written:
 * `journey/touchpoint`, or `touchpoint` when only one journey has it.
 */
export type Expectation =
  | {
      readonly kind: 'at-most';
      readonly max: number;
      /** Only the sends on this channel; otherwise every outbound message. */
      readonly channel?: string;
      /** Window length in minutes; otherwise the whole scenario. */
      readonly within?: number;
      readonly ref: NodeRef;
    }
  | { readonly kind: 'before'; readonly touchpoints: readonly ExpectedTouchpoint[]; readonly ref: NodeRef }
  | { readonly kind: 'never'; readonly touchpoints: readonly ExpectedTouchpoint[]; readonly ref: NodeRef };

/** A touchpoint as an expectation names it, and where. */
export interface ExpectedTouchpoint {
  readonly name: string;
  readonly ref: NodeRef;
}

export interface Scenario {
  readonly id: string;
  /** The story's title (`title:`), shown before the id; undefined when not written. */
  readonly title?: string;
  readonly file: string;
  readonly persona?: string;
  readonly start?: string;
  /** IANA time zone of this customer (`timezone:`), over the persona's and the policy's. */
  readonly timeZone?: string;
  readonly events: readonly ScenarioEvent[];
  /** In the order written; empty when the scenario expects nothing. */
  readonly expectations?: readonly Expectation[];
  /**
   * True for a scenario the simulator made up (`policy.implicit-scenarios`): one trigger
   * at day 0 10:00, whose `ref` is that option in the configuration, not a scenario file.
   */
  readonly implicit?: boolean;
  readonly ref: NodeRef;
}

export interface MaxMessages {
  /** Window length in minutes. */
  readonly per: number;
  readonly max: number;
  readonly channels?: readonly string[];
  /** Only messages of these categories count; otherwise every outbound message. */
  readonly categories?: readonly Category[];
  /**
   * `sliding`: any span of `per` holds at most `max`. `calendar-day`: each calendar day of the
   * customer's (`per` whole days, counted from day 0's midnight) holds at most `max`.
   */
  readonly count: 'sliding' | 'calendar-day';
  readonly ref: NodeRef;
}

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

/**
 * A time during which messages in its scope are not sent: hours of each day (`from`, `to`,
 * which may span midnight), on some days only (`days`: weekdays, and `holiday` for the
 * customer's public holidays), or whole days when it has days and no hours.
 */
export interface QuietWindow {
  /** Minutes after midnight; both undefined for whole days. */
  readonly from?: number;
  readonly to?: number;
  /** Weekdays and `holiday`; undefined for every day. */
  readonly days?: readonly (Weekday | 'holiday')[];
  readonly channels?: readonly string[];
  readonly categories?: readonly Category[];
  readonly ref: NodeRef;
}

export interface Policy {
  readonly maxMessages: readonly MaxMessages[];
  /** In the order written; empty when there are no quiet hours. */
  readonly quietHours: readonly QuietWindow[];
  /** Minutes. */
  readonly conflictWindow?: number;
  /** The customers' IANA time zone when neither scenario nor persona gives one (`policy.timezone`). */
  readonly timeZone?: string;
  /** The customers' public holidays when their persona gives none (`policy.holidays`): `FR`, `DE-BY`. */
  readonly holidays?: string;
  /**
   * Whether every trigger is also simulated as a scenario of its own, once per persona
   * (`policy.implicit-scenarios`), so that a repository without scenarios is checked too.
   */
  readonly implicitScenarios?: boolean;
}

/** One measured value of a KPI, from a row of journeys/metrics/*.csv. */
export interface MetricValue {
  readonly journey: string;
  /** Undefined for a value about the journey as a whole. */
  readonly touchpoint?: string;
  readonly metric: string;
  /** The period as written, normalised (`2026-Q3`). */
  readonly period: string;
  /** Days since 1970-01-01 of the period's first day, to sort periods. */
  readonly periodStart: number;
  readonly value: number;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A rule's entry in journeys.config.yaml, as written. */
export interface RuleSetting {
  /** Undefined when the value written is not a severity (a schema problem says so). */
  readonly severity?: SeveritySetting;
  readonly options?: Readonly<Record<string, unknown>>;
  readonly ref: NodeRef;
}

/** A value of journeys.config.yaml that cannot be applied, found while reading it. */
export interface ConfigMistake {
  /** Path in the config file, resolved to a line by the engine. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export interface Config {
  readonly file?: string;
  /** Values left out because they cannot be applied: each is a configuration error that stops the run. */
  readonly mistakes?: readonly ConfigMistake[];
  /** IANA time zone that decides today's date, when set. */
  readonly timeZone?: string;
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly policy: Policy;
  /** Where the journeys are kept (`repository:`), for links to each file. */
  readonly repository?: RepositoryLink;
  /** The language of the site's own words (`locale:`); English when absent. */
  readonly locale?: SiteLocale;
}

/** `en`, `fr`, or the pseudo-locale `qps` that marks every translated word. */
export type SiteLocale = 'en' | 'fr' | 'qps';

/** `repository: { url, branch }` of the configuration. */
export interface RepositoryLink {
  /** http or https, without a trailing slash. */
  readonly url: string;
  readonly branch?: string;
  /** The web editor's address for a file and line (`edit-url`), with {url} {branch} {path} {line}. */
  readonly editUrl?: string;
}

/** Everything the rules see. */
export interface Repository {
  readonly files: readonly SourceFile[];
  readonly journeys: readonly Journey[];
  readonly owners: readonly Owner[];
  /** Built-in channels first, then declared ones. */
  readonly channels: readonly Channel[];
  readonly personas: readonly Persona[];
  /** The events of journeys/events.yaml; empty when there is none (see `declared.events`). */
  readonly events?: readonly EventDeclaration[];
  readonly scenarios: readonly Scenario[];
  /** Measured KPI values, in file and row order. */
  readonly metrics: readonly MetricValue[];
  readonly config: Config;
  /** Whether each declaration file exists, so that rules can say where to declare. */
  readonly declared: {
    readonly owners?: string;
    readonly channels?: string;
    readonly personas?: string;
    readonly events?: string;
  };
  readonly problems: readonly LoadProblem[];
  /** Files not read: ignored by `ignore:` in the configuration, or skipped (not regular files, links out of the repository). */
  readonly skipped?: { readonly ignored: number; readonly unread: number };
  /**
   * Files under journeys/ that no pattern reads though they look meant to be read
   * (`home-loan.yaml`), with the name they probably meant: the unread-file rule reports them.
   */
  readonly unreadFiles?: readonly { readonly path: string; readonly meant?: string }[];
}
