/**
 * What the site's pages receive: plain, serializable data made from the engine's
 * results by buildModel (src/views/model.ts) and stored in Astro's content layer.
 * Pages only render these shapes; they never read files or run rules.
 */
import type { Severity, SiteLocale } from '../model/types.ts';
import type { Letter } from '../score/scorecard.ts';

export type Health = 'healthy' | 'notes' | 'warnings' | 'errors';

export interface Counts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

/** Where a commit of the repository can be seen, and what the site was built from. */
export interface BuildInfo {
  /** False when the repository is not in a git work tree. */
  readonly git: boolean;
  readonly commit?: string;
  readonly short?: string;
  /** Committer date of the commit, ISO 8601. */
  readonly date?: string;
  readonly subject?: string;
  /** Uncommitted changes under the repository folder when the site was built. */
  readonly dirty?: boolean;
  /** The link to the commit, when the repository's web address is configured. */
  readonly url?: string;
  /** The date the rules ran as (stale-journey), YYYY-MM-DD. */
  readonly today: string;
  /** Version of journeys that built the site. */
  readonly tool: string;
}

export interface LocationView {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Link to the file and line in the repository's web view, when configured. */
  readonly url?: string;
}

export interface FindingView extends LocationView {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly journey?: string;
  /** Page of the journey the finding belongs to, when there is one. */
  readonly journeySlug?: string;
  readonly touchpoint?: string;
  readonly scenario?: string;
  readonly scenarioSlug?: string;
  /** `day 2 14:00` in the scenario, for simulation findings. */
  readonly moment?: string;
  readonly related: readonly LocationView[];
}

export interface KpiView {
  readonly metric: string;
  readonly target?: number;
}

export interface MessageView {
  readonly intent?: string;
  readonly subject?: string;
  readonly text?: string;
  readonly cta?: string;
  /** The call to action, when it is a web address a link can safely point to. */
  readonly ctaHref?: string;
}

/** A reference to another page: its label and slug (undefined when it has no page). */
export interface RefView {
  readonly id: string;
  readonly name: string;
  readonly slug?: string;
}

export interface TouchpointView {
  readonly id: string;
  /** Its `name`, or its id in words (`welcome-email`: "Welcome email"). */
  readonly name: string;
  /** The message's subject, or the first line of its text. */
  readonly summary?: string;
  /** The id of the table row on the journey page. */
  readonly anchor: string;
  /** Its line in the forge's web editor (repository.edit-url), to propose a change. */
  readonly editUrl?: string;
  readonly stage?: RefView;
  readonly channel?: RefView & { readonly outbound?: boolean };
  readonly owner?: RefView;
  readonly role?: string;
  readonly trigger?: string;
  /** `2h`, or undefined when the touchpoint fires at once. */
  readonly after?: string;
  readonly afterMinutes: number;
  /** `10:00` */
  readonly at?: string;
  /** `every 3d, 2 more times` */
  readonly repeat?: string;
  readonly until?: string;
  /** All of the timing in one phrase: `2h after account.opened, at 10:00, ...` */
  readonly timing: string;
  readonly message?: MessageView;
  readonly personalization?: string;
  readonly tools: readonly string[];
  readonly automated?: boolean;
  readonly momentOfTruth: boolean;
  readonly importance?: number;
  readonly emotion?: number;
  readonly cost?: number;
  readonly kpis: readonly KpiView[];
  /** The `### <id>` section of a Markdown journey, sanitized HTML. */
  readonly narrativeHtml?: string;
  readonly counts: Counts;
}

export interface StageView {
  readonly id: string;
  readonly name: string;
  readonly anchor: string;
  readonly touchpoints: number;
}

export interface HistoryEntry {
  readonly hash: string;
  readonly short: string;
  readonly author: string;
  /** Author date, ISO 8601. */
  readonly date: string;
  readonly subject: string;
  /** The journey's `version` in the file at that commit. */
  readonly version?: number;
  /** The file's path at that commit (it may have been renamed since). */
  readonly file: string;
  readonly url?: string;
}

export interface JourneyView {
  readonly slug: string;
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly version?: number;
  readonly owner?: RefView;
  readonly personas: readonly RefView[];
  readonly reviewed?: string;
  readonly file: string;
  readonly fileUrl?: string;
  readonly format: 'yaml' | 'markdown';
  readonly stages: readonly StageView[];
  readonly touchpoints: readonly TouchpointView[];
  /** Channels used, in order of first use. */
  readonly channels: readonly RefView[];
  readonly narrativeHtml?: string;
  readonly findings: readonly FindingView[];
  readonly counts: Counts;
  readonly health: Health;
  readonly history: readonly HistoryEntry[];
  readonly momentsOfTruth: number;
  readonly scorecard: ScorecardView;
  /** Every KPI of the journey with what was measured of it: touchpoints' in their order, then the journey's own. */
  readonly kpis: readonly KpiSeriesView[];
  /** The journey's score at each of the last commits, oldest first (empty outside git). */
  readonly scoreHistory: readonly ScoreHistoryEntry[];
  /** The journey as one board: stages by channels, the emotion curve, findings on the cards. */
  readonly board: BoardView;
}

/** A touchpoint as listed on a channel's or a team's page. */
export interface TouchpointRow {
  readonly journeySlug: string;
  readonly journeyTitle: string;
  readonly journeyId: string;
  readonly touchpoint: string;
  readonly anchor: string;
  readonly stage?: RefView;
  /** The group of the touchpoint's stage on its channel's page (stages of one name across journeys): its anchor and its place among the groups. */
  readonly stageColumn: { readonly name: string; readonly anchor: string; readonly order: number };
  readonly channel?: RefView;
  readonly owner?: RefView;
  readonly role?: string;
  readonly summary?: string;
  readonly timing: string;
}

export interface ChannelView {
  readonly slug: string;
  readonly id: string;
  readonly name: string;
  readonly outbound: boolean;
  readonly builtIn: boolean;
  readonly touchpoints: readonly TouchpointRow[];
  readonly journeys: number;
  /** Undefined for a channel no touchpoint uses. */
  readonly scorecard?: ScorecardView;
}

export interface TeamView {
  readonly slug: string;
  readonly id: string;
  readonly name: string;
  readonly contact?: string;
  /** False for an owner that journeys name but owners.yaml does not declare. */
  readonly declared: boolean;
  readonly journeys: readonly { readonly slug: string; readonly title: string; readonly health: Health; readonly counts: Counts; readonly touchpoints: number }[];
  readonly touchpoints: readonly TouchpointRow[];
  readonly findings: readonly FindingView[];
  readonly counts: Counts;
  readonly scorecard?: ScorecardView;
}

export interface BreachView {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
}

export type TimelineRow =
  | { readonly kind: 'event'; readonly time: number; readonly clock: string; readonly event: string }
  | {
      readonly kind: 'send';
      readonly time: number;
      readonly clock: string;
      readonly channel: RefView;
      readonly outbound: boolean;
      readonly journeySlug: string;
      readonly journeyTitle: string;
      readonly touchpoint: string;
      readonly anchor: string;
      readonly subject?: string;
      readonly intent?: string;
      readonly trigger: string;
      readonly repeat: number;
      readonly breaches: readonly BreachView[];
    };

export interface ScenarioDay {
  readonly day: number;
  readonly label: string;
  readonly outbound: number;
  readonly rows: readonly TimelineRow[];
}

export interface ScenarioView {
  readonly slug: string;
  readonly id: string;
  /** Its `title`, or its id in words. */
  readonly title: string;
  readonly file: string;
  readonly fileUrl?: string;
  readonly persona?: RefView;
  readonly start?: string;
  readonly events: number;
  readonly sends: number;
  readonly outbound: number;
  readonly breached: number;
  readonly days: readonly ScenarioDay[];
  readonly findings: readonly FindingView[];
  readonly counts: Counts;
}

export interface RuleOptionView {
  readonly name: string;
  readonly type: string;
  readonly description?: string;
  /** The default, as YAML would write it. */
  readonly default?: string;
}

export interface RuleExampleView {
  readonly title?: string;
  readonly files: readonly { readonly path: string; readonly text: string }[];
  /** The options as a journeys.config.yaml line, when the example sets any. */
  readonly options?: string;
  readonly today?: string;
  readonly findings: readonly { readonly file: string; readonly line: number; readonly column: number; readonly message?: string }[];
}

export interface RuleView {
  readonly id: string;
  readonly severity: Severity;
  /** The severity this repository's configuration gives the rule. */
  readonly configured: Severity | 'off';
  readonly description: string;
  readonly rationale: string;
  readonly fix: string;
  readonly options: readonly RuleOptionView[];
  readonly examples: { readonly fail: readonly RuleExampleView[]; readonly pass: readonly RuleExampleView[] };
  readonly findings: readonly FindingView[];
}

export interface SiteView {
  readonly build: BuildInfo;
  /** The language of the site's own words, from journeys.config.yaml (`locale:`). */
  readonly locale: SiteLocale;
  /** The repository's web address, from journeys.config.yaml. */
  readonly repositoryUrl?: string;
  readonly figures: {
    readonly journeys: number;
    readonly touchpoints: number;
    readonly channels: number;
    readonly teams: number;
    readonly scenarios: number;
    readonly momentsOfTruth: number;
    readonly files: number;
  };
  readonly counts: Counts;
  readonly health: Readonly<Record<Health, number>>;
  /** Every finding of the repository, in the linter's order. */
  readonly findings: readonly FindingView[];
  /** Mistakes in journeys.config.yaml: when there are any, the findings are not to be trusted. */
  readonly configErrors: readonly (LocationView & { readonly message: string })[];
  /** The company's scorecard. */
  readonly scorecard: ScorecardView;
  /** How a grade is computed, to show beside every grade. */
  readonly grading: GradingView;
  /** The four quadrants of the importance/performance matrix, in Mermaid order (1 top right, 2 top left, ...). */
  readonly quadrants: readonly QuadrantView[];
  /** The company's score at each of the last commits, oldest first (empty outside git). */
  readonly scoreHistory: readonly ScoreHistoryEntry[];
}

// --- Scorecards ---------------------------------------------------------------


/** A count out of a total; `share` (0..1) is undefined when the total is 0. */
export interface ShareView {
  readonly count: number;
  readonly of: number;
  readonly share?: number;
}

export interface GradeView {
  /** 0..100, one decimal. */
  readonly score: number;
  readonly letter: Letter;
  /** Each part of the formula with its value (0..1) for this scope. */
  readonly parts: readonly { readonly id: string; readonly label: string; readonly weight: number; readonly value: number }[];
}

export interface GradingView {
  readonly formula: string;
  readonly parts: readonly { readonly id: string; readonly label: string; readonly weight: number; readonly description: string }[];
  readonly letters: readonly { readonly letter: Letter; readonly min: number }[];
  readonly rounding: string;
  /** The window of peak contact pressure, `1d`. */
  readonly window: string;
}

export interface QuadrantView {
  readonly id: string;
  readonly name: string;
  readonly importance: 'high' | 'low';
  readonly performance: 'high' | 'low';
  readonly mermaid: 1 | 2 | 3 | 4;
  readonly advice: string;
}

/** A touchpoint placed on the importance/performance matrix by the engine. */
export interface QuadrantPointView {
  readonly journey: string;
  readonly journeySlug?: string;
  readonly journeyTitle: string;
  readonly touchpoint: string;
  /** The touchpoint's row on its journey page. */
  readonly anchor?: string;
  readonly importance: number;
  readonly metric: string;
  readonly value: string;
  readonly target: string;
  readonly period: string;
  readonly direction: 'higher' | 'lower';
  /** latest/target in the metric's direction, capped; 1 is on target. */
  readonly performance: number;
  /** 0..1 on the chart. */
  readonly x: number;
  readonly y: number;
  readonly quadrant: string;
  readonly quadrantName: string;
}

export interface ScorecardView {
  readonly kind: 'company' | 'journey' | 'channel' | 'team';
  readonly id: string;
  readonly name: string;
  /** The scope's page (journey, channel or team slug). */
  readonly slug?: string;
  readonly touchpoints: number;
  readonly outboundPerCustomer: { readonly mean?: number; readonly messages: number; readonly scenarios: number };
  readonly ownerCoverage: ShareView;
  readonly kpiCoverage: ShareView;
  readonly momentsOfTruthMeasured: ShareView;
  /** The fullest window of outbound messages one scenario's customer gets; `from` and `to` as the timeline writes them. */
  readonly peakPressure?: { readonly messages: number; readonly scenario: string; readonly scenarioSlug?: string; readonly from: string; readonly to: string };
  readonly findings: Counts;
  readonly emotion: { readonly mean?: number; readonly touchpoints: number };
  readonly costPerCustomer: { readonly mean?: number; readonly total: number; readonly scenarios: number };
  readonly kpiTargets: { readonly withTarget: number; readonly measured: number; readonly onTarget: number };
  readonly quadrant: readonly QuadrantPointView[];
  /** Undefined for a scope with no touchpoint. */
  readonly grade?: GradeView;
}

/** One measured value of a KPI. */
export interface MeasureView {
  readonly period: string;
  readonly value: number;
  /** The value as people write it. */
  readonly text: string;
  /** The metrics file and line it comes from, and its link in the repository. */
  readonly file: string;
  readonly line: number;
  readonly url?: string;
}

/** A KPI of a journey and what was measured of it. */
export interface KpiSeriesView {
  /** Undefined for a value about the journey as a whole. */
  readonly touchpoint?: string;
  readonly anchor?: string;
  readonly metric: string;
  readonly target?: number;
  readonly targetText?: string;
  readonly direction: 'higher' | 'lower';
  /** Oldest period first. */
  readonly series: readonly MeasureView[];
  readonly trend?: 'improving' | 'worsening' | 'steady';
  readonly onTarget?: boolean;
}

/** A score at one commit of the repository. */
export interface ScoreHistoryEntry {
  readonly commit: string;
  readonly short: string;
  /** Committer date, ISO 8601. */
  readonly date: string;
  readonly subject: string;
  readonly url?: string;
  readonly touchpoints: number;
  readonly score?: number;
  readonly letter?: Letter;
}

// --- The journey board -------------------------------------------------------

/** A channel's colour and icon (src/views/channel-style.ts), carried with the data so pages need no lookup. */
export interface ChannelStyleView {
  readonly light: string;
  readonly dark: string;
  readonly glyph: string;
  readonly icon: string;
}

/** One stage of the board: a column. */
export interface BoardColumn {
  /** Undefined for the column of touchpoints with no known stage. */
  readonly id?: string;
  readonly name: string;
  /** The stage's anchor on the journey page. */
  readonly anchor?: string;
  readonly touchpoints: number;
}

/** One channel of the board: a swimlane. */
export interface BoardLane {
  /** Undefined for the lane of touchpoints with no channel. */
  readonly channel?: RefView & { readonly outbound?: boolean };
  readonly style: ChannelStyleView;
  /** For each column, the cards (indexes into `cards`) in this lane and stage, in the journey's order. */
  readonly cells: readonly (readonly number[])[];
}

export interface BoardCard {
  /** Index of the touchpoint in the journey's `touchpoints`. */
  readonly touchpoint: number;
  /** Its place on the board, from 1: stage by stage, in the journey's order within a stage. */
  readonly step: number;
  readonly column: number;
  readonly lane: number;
  /** The touchpoint's findings: how many, the worst, and the anchor of the first of the worst on the page. */
  readonly findings?: { readonly count: number; readonly worst: Severity; readonly anchor: string };
}

/** A point of the emotion curve, at a card's step; x and y from 0 to 1 (x across the stage columns, y from 5 at the top to 1). */
export interface CurvePoint {
  readonly card: number;
  readonly step: number;
  readonly emotion: number;
  readonly x: number;
  readonly y: number;
}

export interface BoardView {
  readonly columns: readonly BoardColumn[];
  /** Channels in order of first use; the lane of touchpoints with no channel last. */
  readonly lanes: readonly BoardLane[];
  /** One per touchpoint, in the journey's order. */
  readonly cards: readonly BoardCard[];
  readonly curve: {
    /** In step order: only the touchpoints with an emotion. */
    readonly points: readonly CurvePoint[];
    /** One SVG path through every point, in a box of CURVE_BOX; empty when there is no point. */
    readonly path: string;
  };
}
