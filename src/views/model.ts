/**
 * The engine's results -> the site's view data. Pure: every input is given (the
 * check result, the timelines, git's answers, a Markdown renderer), so that the
 * tests can build it from a small repository without Astro. No rule logic here:
 * findings come from the engine as they are; this only groups and labels them.
 */
import { countBySeverity } from '../engine/run.ts';
import { pushTo } from '../model/collections.ts';
import type { GitFacts } from '../load/git.ts';
import type { RuleExample, RuleMeta } from '../model/rule.ts';
import { formatDuration, formatTimeOfDay } from '../model/duration.ts';
import type { Finding, Journey, MetricValue, Repository, Touchpoint } from '../model/types.ts';
import { builtInRules } from '../rules/index.ts';
import { measureKpis, type KpiStatus } from '../model/kpis.ts';
import { findingPlaces } from '../score/owners.ts';
import { QUADRANTS, type QuadrantPoint } from '../score/quadrant.ts';
import { GRADING, scorecards, type Scorecard } from '../score/scorecard.ts';
import type { Send, Timeline } from '../simulate/timeline.ts';
import type { LintResult } from '../engine/run.ts';
import type { HistoryGrade, HistoryPoint } from './score-history.ts';
import { findingsByScenario, timelineDays } from './timeline.ts';
import { journeyBoard, messageSummary, readableId } from './board.ts';
import { touchpointEditLinks } from './edit-links.ts';
import { dayLabel, momentLabel, translator, type Translator } from './i18n.ts';
import type { ReviewView } from './review.ts';
import type { CustomerView } from './customer.ts';
import type { ChannelDashboardView } from './channel-dashboard.ts';
import type {
  BuildInfo,
  ChannelView,
  Counts,
  FindingView,
  GradingView,
  Health,
  JourneyView,
  KpiSeriesView,
  LocationView,
  QuadrantPointView,
  RefView,
  RuleExampleView,
  RuleOptionView,
  RuleView,
  ScenarioDay,
  ScenarioView,
  ScorecardView,
  ScoreHistoryEntry,
  SiteView,
  TeamView,
  TimelineRow,
  TouchpointRow,
  TouchpointView,
} from './types.ts';

export type { GitFacts } from '../load/git.ts';

/** What buildModel needs of a check: the engine's answer for the repository. */
export interface CheckedRepository extends LintResult {
  readonly repo: Repository;
  readonly today: string;
}

export interface ModelInput {
  readonly result: CheckedRepository;
  readonly timelines: readonly Timeline[];
  readonly git?: GitFacts;
  /** Markdown -> sanitized HTML. */
  readonly markdown: (text: string) => string;
  readonly rules?: readonly { readonly meta: RuleMeta }[];
  /** Version of journeys, shown in the footer. */
  readonly tool: string;
  /** The scorecards at the last commits (the engine's scoreHistory), oldest first; none outside git. */
  readonly scoreHistory?: readonly HistoryPoint[];
  /** What the last model of the same repository made that this one may keep (journeys dev): see ViewReuse. */
  readonly reuse?: ViewReuse;
}

export interface SiteModel {
  readonly site: SiteView;
  readonly journeys: readonly JourneyView[];
  readonly channels: readonly ChannelView[];
  readonly teams: readonly TeamView[];
  readonly scenarios: readonly ScenarioView[];
  readonly rules: readonly RuleView[];
  /** The quarterly review, what each persona's customer lives, the channel dashboard: added by siteSnapshot. */
  readonly review?: ReviewView;
  readonly customers?: readonly CustomerView[];
  readonly channelDashboard?: ChannelDashboardView;
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A path segment safe in a URL and a file name, unique among the ones `taken`. */
export function slugFor(id: string, taken: Set<string>): string {
  let base = ID.test(id)
    ? id
    : id
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60);
  if (base === '') base = 'item';
  let slug = base;
  for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}

export function countsOf(findings: readonly Pick<Finding, 'severity'>[]): Counts {
  return countBySeverity(findings);
}

export function healthOf(counts: Counts): Health {
  if (counts.errors > 0) return 'errors';
  if (counts.warnings > 0) return 'warnings';
  if (counts.infos > 0) return 'notes';
  return 'healthy';
}

/** A web address that a link may point to: http or https only. */
export function safeHref(value: string | undefined): string | undefined {
  if (value === undefined || !/^https?:\/\//i.test(value.trim())) return undefined;
  try {
    return new URL(value.trim()).href;
  } catch {
    return undefined;
  }
}

export function describeRepeat(every: number, times: number, words: Translator = translator()): string {
  return words.t('timing.repeat', formatDuration(every), words.number(times), times);
}

/** All of a touchpoint's timing in one phrase, in the site's language (the events stay as written). */
export function timingOf(touchpoint: Touchpoint, words: Translator = translator()): string {
  const parts: string[] = [];
  const { trigger } = touchpoint;
  if (touchpoint.after > 0) parts.push(words.t('timing.after', formatDuration(touchpoint.after), trigger ?? words.t('timing.noTrigger')));
  else parts.push(trigger ? words.t('timing.on', trigger) : words.t('timing.noTrigger'));
  if (touchpoint.at !== undefined) parts.push(words.t('timing.at', formatTimeOfDay(touchpoint.at)));
  if (touchpoint.repeat) parts.push(words.t('timing.repeated', formatDuration(touchpoint.repeat.every), words.number(touchpoint.repeat.times), touchpoint.repeat.times));
  if (touchpoint.until) parts.push(words.t('timing.until', touchpoint.until));
  return parts.join(', ');
}

function yamlScalar(value: unknown): string {
  if (typeof value === 'string') return /^[\w.:/-][\w .:/-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value) ? value : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(yamlScalar).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{ ${Object.entries(value)
      .map(([key, inner]) => `${key}: ${yamlScalar(inner)}`)
      .join(', ')} }`;
  }
  return String(value);
}

function ruleOptions(meta: RuleMeta): RuleOptionView[] {
  const properties = (meta.options as { properties?: Record<string, Record<string, unknown>> } | undefined)?.properties ?? {};
  return Object.entries(properties).map(([name, schema]) => {
    const type = Array.isArray(schema.enum) ? schema.enum.map((value) => yamlScalar(value)).join(' | ') : typeof schema.type === 'string' ? schema.type : 'value';
    const fallback = meta.defaults && Object.hasOwn(meta.defaults, name) ? meta.defaults[name] : schema.default;
    return {
      name,
      type,
      description: typeof schema.description === 'string' ? schema.description : undefined,
      default: fallback === undefined ? undefined : yamlScalar(fallback),
    };
  });
}

function ruleExample(meta: RuleMeta, example: RuleExample): RuleExampleView {
  const files = Object.entries(example.files).map(([path, text]) => ({ path, text }));
  const first = files[0]?.path ?? '';
  return {
    title: example.title,
    files,
    options: example.options ? `${meta.id}: [${meta.severity}, ${yamlScalar(example.options)}]` : undefined,
    today: example.context?.today,
    findings: (example.findings ?? []).map((finding) => ({ file: finding.file ?? first, line: finding.line, column: finding.column, message: finding.message })),
  };
}

function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name, 'en');
}

/**
 * The journey's own narrative: its Markdown body up to the first `### <touchpoint>`
 * section, which the touchpoint's notes show instead. Cut by the section lines
 * the loader gives, whether or not its narrative already stops there.
 */
export function journeyNarrative(journey: Journey): string | undefined {
  const narrative = journey.narrative;
  if (!narrative) return undefined;
  const headings = [
    ...journey.touchpoints.flatMap((touchpoint) => (touchpoint.narrative ? [touchpoint.narrative.line - 1] : [])),
    ...journey.orphanSections.map((section) => section.line),
  ].filter((line) => line >= narrative.line);
  const lines = narrative.markdown.split('\n');
  const cut = headings.length > 0 ? Math.min(...headings) - narrative.line : lines.length;
  const markdown = lines.slice(0, Math.max(0, cut)).join('\n').trim();
  return markdown === '' ? undefined : markdown;
}

/**
 * What buildModel keeps from one model to the next of the same repository (`journeys dev`):
 * each journey's own part of its page, by journey model object, with the key of the other
 * inputs it was made of (see journeyPart). A load that keeps a file's parse keeps its
 * journey object (ParseReuse), so that after an edit only the journeys whose file or
 * whose inputs changed are made again. The Markdown renderer of the models it serves
 * must be pure: its HTML is kept with the rest.
 */
export interface ViewReuse {
  /** Each journey's part, with the key of its own input beside the journey: its findings. */
  journeys: WeakMap<Journey, { readonly key: string; readonly part: JourneyPart }>;
  /** What every part of `journeys` was made with (see journeyPart), and the metrics rows (the very objects): when any of it changes, every part is made again. */
  shared: string;
  metrics: readonly MetricValue[];
  /** Each journey's rows on the channel and team pages, made of its part and its slug, and the stage columns they were placed in. */
  rows: WeakMap<Journey, JourneyRows>;
  columns: string;
  /** How many journeys' parts the last model made, and how many it kept. */
  made: number;
  reused: number;
}

/** An empty ViewReuse, for a first model. */
export function viewReuse(): ViewReuse {
  return { journeys: new WeakMap(), shared: '', metrics: [], rows: new WeakMap(), columns: '', made: 0, reused: 0 };
}

/** The part of a journey's page made of the journey itself, beside its findings and the references it shows. */
interface JourneyPart {
  readonly stages: JourneyView['stages'];
  readonly touchpoints: readonly TouchpointView[];
  /** The anchor of each touchpoint id (the first touchpoint of an id). */
  readonly anchors: ReadonlyMap<string, string>;
  /** The series of the KPIs its touchpoints declare, in order. */
  readonly kpis: readonly KpiSeriesView[];
  readonly channels: JourneyView['channels'];
  readonly narrativeHtml?: string;
  readonly momentsOfTruth: number;
  readonly board: JourneyView['board'];
}

/** A journey's rows on the channel and team pages, by channel and by team, and what they were made of. */
interface JourneyRows {
  readonly part: JourneyPart;
  readonly slug: string;
  readonly byChannel: ReadonlyMap<string, readonly TouchpointRow[]>;
  readonly byTeam: ReadonlyMap<string, readonly TouchpointRow[]>;
}

/** The key of a stage name, for grouping stages across journeys: case and spacing aside. */
const stageKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** What buildModel's passes over every journey read of one: its channels and teams (each once, in order), its stages' keys. */
interface JourneyIds {
  readonly channels: readonly string[];
  readonly owners: readonly string[];
  readonly stageKeys: readonly string[];
}

/** Each journey's ids, made once per journey object (a model's journeys are never changed): `journeys dev` keeps the unchanged ones. */
const idsOfJourney = new WeakMap<Journey, JourneyIds>();

function idsOf(journey: Journey): JourneyIds {
  let ids = idsOfJourney.get(journey);
  if (ids === undefined) {
    const channels = new Set<string>();
    const owners = new Set<string>();
    if (journey.owner !== undefined) owners.add(journey.owner);
    for (const touchpoint of journey.touchpoints) {
      if (touchpoint.channel !== undefined) channels.add(touchpoint.channel);
      if (touchpoint.owner !== undefined) owners.add(touchpoint.owner);
    }
    ids = { channels: [...channels], owners: [...owners], stageKeys: journey.stages.map((stage) => stageKey(stage.name ?? stage.id)) };
    idsOfJourney.set(journey, ids);
  }
  return ids;
}

/** What journeyPart reads beside the journey and its findings: the same for every journey of a model. */
interface PartInput {
  readonly words: Translator;
  readonly channelRef: (id: string | undefined) => (RefView & { outbound?: boolean }) | undefined;
  readonly teamRef: (id: string | undefined) => RefView | undefined;
  readonly editUrl: (touchpoint: Touchpoint) => string | undefined;
  readonly markdown: (text: string) => string;
  /** The KPIs each touchpoint of a journey declares, by its place in `journey.touchpoints`, as measured (by the metrics files, as of today); and their view. */
  readonly kpisOf: (journey: Journey) => readonly (readonly KpiStatus[])[] | undefined;
  readonly seriesView: (kpi: KpiStatus, anchor: string | undefined) => KpiSeriesView;
}

/**
 * A journey's stages, touchpoints, board, narrative and its touchpoints' KPIs. It depends
 * on the journey, its findings (each touchpoint's counts, the board's marks), and on what
 * every journey shares: the site's language, the references of channels and teams, the
 * links to the repository's files (its address, the journey's folder in git, the branch
 * or commit), the metrics and today (the KPIs' series). buildModel keys a kept part with
 * all of these; nothing else may be read here, or a kept part could show stale data.
 */
function journeyPart(journey: Journey, findings: readonly FindingView[], { words, channelRef, teamRef, editUrl, markdown, kpisOf, seriesView }: PartInput): JourneyPart {
  const anchors = new Set<string>();
  const stageAnchors = new Set<string>();
  const stageName = new Map(journey.stages.map((stage) => [stage.id, stage.name ?? stage.id]));
  const stages = journey.stages.map((stage) => ({
    id: stage.id,
    name: stage.name ?? stage.id,
    anchor: `stage-${slugFor(stage.id, stageAnchors)}`,
    touchpoints: journey.touchpoints.filter((touchpoint) => touchpoint.stage === stage.id).length,
  }));
  const stageRef = (id: string | undefined): RefView | undefined => {
    if (id === undefined) return undefined;
    const stage = stages.find((candidate) => candidate.id === id);
    return { id, name: stageName.get(id) ?? id, slug: stage?.anchor };
  };
  const touchpoints: TouchpointView[] = journey.touchpoints.map((touchpoint) => {
    const mine = findings.filter((finding) => finding.touchpoint === touchpoint.id);
    const message = touchpoint.message;
    return {
      id: touchpoint.id,
      name: touchpoint.name ?? readableId(touchpoint.id),
      summary: messageSummary(message),
      anchor: `tp-${slugFor(touchpoint.id, anchors)}`,
      editUrl: editUrl(touchpoint),
      stage: stageRef(touchpoint.stage),
      channel: channelRef(touchpoint.channel),
      owner: teamRef(touchpoint.owner),
      role: touchpoint.role,
      trigger: touchpoint.trigger,
      after: touchpoint.after > 0 ? formatDuration(touchpoint.after) : undefined,
      afterMinutes: touchpoint.after,
      at: touchpoint.at !== undefined ? formatTimeOfDay(touchpoint.at) : undefined,
      repeat: touchpoint.repeat ? describeRepeat(touchpoint.repeat.every, touchpoint.repeat.times, words) : undefined,
      until: touchpoint.until,
      timing: timingOf(touchpoint, words),
      message: message ? { intent: message.intent, subject: message.subject, text: message.text, cta: message.cta, ctaHref: safeHref(message.cta) } : undefined,
      personalization: touchpoint.personalization,
      tools: touchpoint.tools,
      automated: touchpoint.automated,
      momentOfTruth: touchpoint.momentOfTruth,
      importance: touchpoint.importance,
      emotion: touchpoint.emotion,
      cost: touchpoint.cost,
      kpis: touchpoint.kpis.map((kpi) => ({ metric: kpi.metric, target: kpi.target })),
      narrativeHtml: touchpoint.narrative && touchpoint.narrative.markdown.trim() !== '' ? markdown(touchpoint.narrative.markdown) : undefined,
      counts: countsOf(mine),
    };
  });
  const channelIds = [...new Set(journey.touchpoints.map((touchpoint) => touchpoint.channel).filter((id): id is string => id !== undefined))];
  const narrative = journeyNarrative(journey);
  const anchorOf = new Map<string, string>();
  for (const touchpoint of touchpoints) if (!anchorOf.has(touchpoint.id)) anchorOf.set(touchpoint.id, touchpoint.anchor);
  return {
    stages,
    touchpoints,
    anchors: anchorOf,
    kpis: (kpisOf(journey) ?? []).flatMap((declared, index) => declared.map((kpi) => seriesView(kpi, touchpoints[index]!.anchor))),
    channels: channelIds.map((id) => channelRef(id)!),
    narrativeHtml: narrative === undefined ? undefined : markdown(narrative),
    momentsOfTruth: journey.touchpoints.filter((touchpoint) => touchpoint.momentOfTruth).length,
    board: journeyBoard({ stages, touchpoints, findings }),
  };
}

/**
 * Makes `key` of `model` when it is first read, then keeps it: a view that only its own
 * pages show is not made before a page asks for it. In `journeys dev`, the page open
 * after an edit seldom does.
 */
export function lazily<K extends keyof SiteModel>(model: SiteModel, key: K, make: () => SiteModel[K]): void {
  Object.defineProperty(model, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      const value = make();
      Object.defineProperty(model, key, { value, enumerable: true, configurable: false, writable: false });
      return value;
    },
  });
}

const sameItems = <T>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((item, index) => item === b[index]);

/** Builds every page's data from one check of the repository. */
export function buildModel(input: ModelInput): SiteModel {
  const { result, timelines, git, markdown } = input;
  const { repo } = result;
  const rules = input.rules ?? builtInRules;
  const { repository } = result.repo.config;
  const words = translator(result.repo.config.locale);
  const prefix = git?.prefix ?? '';
  const ref = repository?.branch ?? git?.commit?.hash ?? 'main';

  const fileUrl = (file: string, line?: number): string | undefined => {
    if (!repository) return undefined;
    const path = `${prefix}${file}`.split('/').map(encodeURIComponent).join('/');
    return `${repository.url}/blob/${encodeURIComponent(ref)}/${path}${line !== undefined ? `#L${line}` : ''}`;
  };
  const commitUrl = (hash: string): string | undefined => (repository ? `${repository.url}/commit/${hash}` : undefined);
  const editUrl = touchpointEditLinks(repo, prefix);
  const location = (at: { file: string; line: number; column: number }): LocationView => ({ file: at.file, line: at.line, column: at.column, url: fileUrl(at.file, at.line) });

  // --- Slugs ---------------------------------------------------------------
  const journeySlugs = new Set<string>();
  const journeySlug = new Map<Journey, string>();
  const journeyByFile = new Map<string, Journey>();
  const journeyById = new Map<string, Journey>();
  for (const journey of repo.journeys) {
    journeySlug.set(journey, slugFor(journey.id, journeySlugs));
    if (!journeyByFile.has(journey.file)) journeyByFile.set(journey.file, journey);
    if (!journeyById.has(journey.id)) journeyById.set(journey.id, journey);
  }

  const channelSlugs = new Set<string>();
  const channelInfo = new Map<string, { slug: string; name: string; outbound: boolean; builtIn: boolean }>();
  const used = new Set<string>();
  for (const journey of repo.journeys) for (const id of idsOf(journey).channels) used.add(id);
  for (const channel of repo.channels) {
    if (channelInfo.has(channel.id)) continue;
    if (channel.builtIn && !used.has(channel.id)) continue;
    channelInfo.set(channel.id, { slug: slugFor(channel.id, channelSlugs), name: channel.name, outbound: channel.outbound, builtIn: channel.builtIn });
  }
  for (const id of used) {
    if (!channelInfo.has(id)) channelInfo.set(id, { slug: slugFor(id, channelSlugs), name: id, outbound: false, builtIn: false });
  }
  const channelRef = (id: string | undefined): (RefView & { outbound?: boolean }) | undefined => {
    if (id === undefined) return undefined;
    const info = channelInfo.get(id);
    return info ? { id, name: info.name, slug: info.slug, outbound: info.outbound } : { id, name: id };
  };

  const teamSlugs = new Set<string>();
  const teamInfo = new Map<string, { slug: string; name: string; contact?: string; declared: boolean }>();
  for (const owner of repo.owners) {
    if (!teamInfo.has(owner.id)) teamInfo.set(owner.id, { slug: slugFor(owner.id, teamSlugs), name: owner.name ?? owner.id, contact: owner.contact, declared: true });
  }
  for (const journey of repo.journeys) {
    for (const id of idsOf(journey).owners) if (!teamInfo.has(id)) teamInfo.set(id, { slug: slugFor(id, teamSlugs), name: id, declared: false });
  }
  const teamRef = (id: string | undefined): RefView | undefined => {
    if (id === undefined) return undefined;
    const info = teamInfo.get(id);
    return info ? { id, name: info.name, slug: info.slug } : { id, name: id };
  };
  const personaName = new Map(repo.personas.map((persona) => [persona.id, persona.name ?? persona.id]));

  const scenarioSlugs = new Set<string>();
  const scenarioSlug = new Map(repo.scenarios.map((scenario) => [scenario, slugFor(scenario.id, scenarioSlugs)]));
  const scenarioSlugById = new Map<string, string>();
  for (const [scenario, slug] of scenarioSlug) if (!scenarioSlugById.has(scenario.id)) scenarioSlugById.set(scenario.id, slug);
  const scenarioStart = new Map(repo.scenarios.map((scenario) => [scenario.id, scenario.start]));

  // --- Findings ------------------------------------------------------------
  const journeyOf = (finding: Finding): Journey | undefined =>
    journeyByFile.get(finding.file) ?? (finding.journey !== undefined ? journeyById.get(finding.journey) : undefined);
  const views = new Map<Finding, FindingView>();
  for (const finding of result.findings) {
    const journey = journeyOf(finding);
    views.set(finding, {
      ...location(finding),
      rule: finding.rule,
      severity: finding.severity,
      message: finding.message,
      journey: finding.journey ?? journey?.id,
      journeySlug: journey ? journeySlug.get(journey) : undefined,
      touchpoint: finding.touchpoint,
      scenario: finding.scenario,
      scenarioSlug: finding.scenario !== undefined ? scenarioSlugById.get(finding.scenario) : undefined,
      moment: finding.time !== undefined ? momentLabel(words, finding.time, finding.scenario !== undefined ? scenarioStart.get(finding.scenario) : undefined) : undefined,
      related: finding.related.map(location),
    });
  }
  const view = (finding: Finding): FindingView => views.get(finding)!;
  const findingsOfJourney = new Map<Journey, Finding[]>();
  for (const finding of result.findings) {
    const journey = journeyOf(finding);
    if (!journey) continue;
    let list = findingsOfJourney.get(journey);
    if (!list) findingsOfJourney.set(journey, (list = []));
    list.push(finding);
  }

  // --- Stage names, the groups of a channel page's touchpoints -----------------
  const NO_STAGE = '\u0000';
  const stageNames = new Map<string, { name: string; positions: number[]; first: number; journeys: number }>();
  let seen = 0;
  for (const journey of repo.journeys) {
    const { stageKeys } = idsOf(journey);
    journey.stages.forEach((stage, index) => {
      const name = stage.name ?? stage.id;
      const key = stageKeys[index]!;
      let entry = stageNames.get(key);
      if (!entry) stageNames.set(key, (entry = { name, positions: [], first: seen++, journeys: 0 }));
      entry.positions.push(journey.stages.length > 1 ? index / (journey.stages.length - 1) : 0);
      entry.journeys += 1;
    });
  }
  const columnSlugs = new Set<string>();
  const stageColumns = [...stageNames]
    .map(([key, entry]) => ({ key, entry, mean: entry.positions.reduce((a, b) => a + b, 0) / entry.positions.length }))
    .sort((a, b) => a.mean - b.mean || a.entry.first - b.entry.first)
    .map(({ key, entry }, order) => ({ key, name: entry.name, anchor: `stage-${slugFor(entry.name, columnSlugs)}`, journeys: entry.journeys, order }));
  const noStage = { key: NO_STAGE, name: words.t('stage.unknown'), anchor: `stage-${slugFor('none', columnSlugs)}`, journeys: 0, order: stageColumns.length };
  const columnOf = new Map(stageColumns.map((column) => [column.key, column]));

  // --- Scorecards (the engine's), as the pages show them ----------------------
  const cards = scorecards(repo, result.findings, timelines, result.today);
  const kpiIndex = measureKpis(repo, result.today);
  /** The KPIs of each journey as a whole (no touchpoint named), by journey id: one pass rather than one per journey. */
  const journeyKpis = new Map<string, KpiStatus[]>();
  for (const kpi of kpiIndex.all) if (kpi.touchpoint === undefined) pushTo(journeyKpis, kpi.journey, kpi);
  /** Each touchpoint's row on its journey page, by journey and touchpoint id (the first journey of an id wins). */
  const touchpointAnchor = new Map<string, ReadonlyMap<string, string>>();
  const quadrantName = new Map(QUADRANTS.map((quadrant) => [quadrant.id, quadrant.name]));
  const pointView = (point: QuadrantPoint): QuadrantPointView => {
    const journey = journeyById.get(point.journey);
    return {
      journey: point.journey,
      journeySlug: journey ? journeySlug.get(journey) : undefined,
      journeyTitle: journey?.title ?? point.journey,
      touchpoint: point.touchpoint,
      anchor: touchpointAnchor.get(point.journey)?.get(point.touchpoint),
      importance: point.importance,
      metric: point.metric,
      value: words.figure(point.value),
      target: words.figure(point.target),
      period: point.period,
      direction: point.direction,
      performance: point.performance,
      x: point.x,
      y: point.y,
      quadrant: point.quadrant,
      quadrantName: quadrantName.get(point.quadrant) ?? point.quadrant,
    };
  };
  const partLabel = new Map<string, string>(GRADING.parts.map((part) => [part.id, part.label]));
  const scorecardView = (card: Scorecard, name: string, slug?: string): ScorecardView => {
    const peak = card.peakPressure;
    const start = peak ? scenarioStart.get(peak.scenario) : undefined;
    return {
      kind: card.kind,
      id: card.id,
      name,
      slug,
      touchpoints: card.touchpoints,
      outboundPerCustomer: card.outboundPerCustomer,
      ownerCoverage: card.ownerCoverage,
      kpiCoverage: card.kpiCoverage,
      momentsOfTruthMeasured: card.momentsOfTruthMeasured,
      peakPressure: peak
        ? { messages: peak.messages, scenario: peak.scenario, scenarioSlug: scenarioSlugById.get(peak.scenario), from: momentLabel(words, peak.from, start), to: momentLabel(words, peak.to, start) }
        : undefined,
      findings: { errors: card.findings.error, warnings: card.findings.warning, infos: card.findings.info },
      emotion: card.emotion,
      costPerCustomer: card.costPerCustomer,
      kpiTargets: card.kpiTargets,
      quadrant: card.quadrant.map(pointView),
      grade: card.grade
        ? { score: card.grade.score, letter: card.grade.letter, parts: card.grade.parts.map((part) => ({ id: part.id, label: partLabel.get(part.id) ?? part.id, weight: part.weight, value: part.value })) }
        : undefined,
    };
  };
  const journeyCards = new Map(cards.journeys.map((card) => [card.id, card]));
  const channelCards = new Map(cards.channels.map((card) => [card.id, card]));
  const teamCards = new Map(cards.teams.map((card) => [card.id, card]));
  const seriesView = (kpi: KpiStatus, anchor: string | undefined): KpiSeriesView => ({
    touchpoint: kpi.touchpoint,
    anchor,
    metric: kpi.metric,
    target: kpi.target,
    targetText: kpi.target !== undefined ? words.figure(kpi.target) : undefined,
    direction: kpi.direction,
    series: kpi.series.map((measure) => ({ period: measure.period, value: measure.value, text: words.figure(measure.value), file: measure.file, line: measure.line, url: fileUrl(measure.file, measure.line) })),
    trend: kpi.trend,
    onTarget: kpi.onTarget,
  });
  const historyEntry = (point: HistoryPoint, grade: HistoryGrade): ScoreHistoryEntry => ({
    commit: point.commit,
    short: point.commit.slice(0, 7),
    date: point.date,
    subject: point.subject,
    url: commitUrl(point.commit),
    touchpoints: grade.touchpoints,
    score: grade.score,
    letter: grade.letter,
  });
  const scoreHistory = input.scoreHistory ?? [];

  // --- Journeys ------------------------------------------------------------
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
    let list = map.get(key);
    if (!list) map.set(key, (list = []));
    list.push(value);
  };

  // What every journey's part depends on beside its own inputs (see journeyPart).
  const partInput = { words, channelRef, teamRef, editUrl, markdown, kpisOf: (journey: Journey) => kpiIndex.ofTouchpoints.get(journey), seriesView };
  const reuse = input.reuse;
  if (reuse) {
    const shared = JSON.stringify([words.locale, repository ?? null, prefix, ref, result.today, [...channelInfo], [...teamInfo]]);
    if (shared !== reuse.shared || !sameItems(repo.metrics, reuse.metrics)) {
      reuse.journeys = new WeakMap();
      reuse.shared = shared;
      reuse.metrics = repo.metrics;
    }
    reuse.made = 0;
    reuse.reused = 0;
  }
  const partOf = (journey: Journey, findings: readonly FindingView[]): JourneyPart => {
    if (!reuse) return journeyPart(journey, findings, partInput);
    const key = JSON.stringify(findings);
    const kept = reuse.journeys.get(journey);
    if (kept?.key === key) {
      reuse.reused += 1;
      return kept.part;
    }
    const part = journeyPart(journey, findings, partInput);
    reuse.journeys.set(journey, { key, part });
    reuse.made += 1;
    return part;
  };
  /** Each commit's grade of each journey, by id (the first of an id, as the pages showed it). */
  const gradesAt = scoreHistory.map((point) => {
    const byId = new Map<string, HistoryGrade>();
    for (const grade of point.journeys) if (!byId.has(grade.id)) byId.set(grade.id, grade);
    return byId;
  });

  // Where each stage name's touchpoints are on a channel's page: what every journey's rows were placed by.
  const columns = JSON.stringify([...stageColumns.map((column) => [column.key, column.name, column.anchor, column.order]), [noStage.name, noStage.anchor, noStage.order]]);
  if (reuse && columns !== reuse.columns) {
    reuse.rows = new WeakMap();
    reuse.columns = columns;
  }
  /** A journey's rows on the channel and team pages: made of its part, its slug and the stage columns (kept while none changes). */
  const rowsOf = (journey: Journey, slug: string, part: JourneyPart): JourneyRows => {
    const kept = reuse?.rows.get(journey);
    if (kept !== undefined && kept.part === part && kept.slug === slug) return kept;
    const byChannel = new Map<string, TouchpointRow[]>();
    const byTeam = new Map<string, TouchpointRow[]>();
    journey.touchpoints.forEach((touchpoint, index) => {
      const tp = part.touchpoints[index]!;
      const message = touchpoint.message;
      const stageName = touchpoint.stage !== undefined && journey.stages.some((stage) => stage.id === touchpoint.stage) ? tp.stage!.name : undefined;
      const column = stageName !== undefined ? (columnOf.get(stageKey(stageName)) ?? noStage) : noStage;
      const row: TouchpointRow = {
        journeySlug: slug,
        journeyTitle: journey.title ?? journey.id,
        journeyId: journey.id,
        touchpoint: touchpoint.id,
        anchor: tp.anchor,
        stage: tp.stage,
        stageColumn: { name: column.name, anchor: column.anchor, order: column.order },
        channel: tp.channel,
        owner: tp.owner,
        role: tp.role,
        summary: message?.subject ?? message?.intent ?? message?.text,
        timing: tp.timing,
      };
      if (touchpoint.channel !== undefined) push(byChannel, touchpoint.channel, row);
      if (touchpoint.owner !== undefined) push(byTeam, touchpoint.owner, row);
    });
    const made = { part, slug, byChannel, byTeam };
    reuse?.rows.set(journey, made);
    return made;
  };
  const pushAll = <K, V>(map: Map<K, V[]>, key: K, values: readonly V[]): void => {
    let list = map.get(key);
    if (!list) map.set(key, (list = []));
    for (const value of values) list.push(value);
  };

  /** Each journey's rows, in order: grouped by channel and by team when a channel's or a team's page first asks. */
  const placed: JourneyRows[] = [];
  let grouped: { readonly byChannel: Map<string, TouchpointRow[]>; readonly byTeam: Map<string, TouchpointRow[]> } | undefined;
  const rowsBy = (): NonNullable<typeof grouped> => {
    if (grouped === undefined) {
      grouped = { byChannel: new Map(), byTeam: new Map() };
      for (const rows of placed) {
        for (const [id, list] of rows.byChannel) pushAll(grouped.byChannel, id, list);
        for (const [id, list] of rows.byTeam) pushAll(grouped.byTeam, id, list);
      }
    }
    return grouped;
  };

  const journeys: JourneyView[] = repo.journeys.map((journey) => {
    const slug = journeySlug.get(journey)!;
    const own = findingsOfJourney.get(journey) ?? [];
    const findings = own.map(view);
    const part = partOf(journey, findings);
    const { touchpoints } = part;
    const first = journeyById.get(journey.id) === journey;
    if (first) touchpointAnchor.set(journey.id, part.anchors);
    const rows = rowsOf(journey, slug, part);
    placed.push(rows);
    const counts = countsOf(own);
    const history = (git?.histories.get(journey.file) ?? []).map((entry) => ({ ...entry, short: entry.hash.slice(0, 7), url: commitUrl(entry.hash) }));
    return {
      slug,
      id: journey.id,
      title: journey.title ?? journey.id,
      description: journey.description,
      version: journey.version,
      owner: teamRef(journey.owner),
      personas: journey.personas.map((id) => ({ id, name: personaName.get(id) ?? id })),
      reviewed: journey.reviewed,
      file: journey.file,
      fileUrl: fileUrl(journey.file),
      format: journey.format,
      stages: part.stages,
      touchpoints,
      channels: part.channels,
      narrativeHtml: part.narrativeHtml,
      findings,
      counts,
      health: healthOf(counts),
      history,
      momentsOfTruth: part.momentsOfTruth,
      scorecard: scorecardView(journeyCards.get(journey.id)!, journey.title ?? journey.id, slug),
      kpis: [
        ...part.kpis,
        ...(first ? (journeyKpis.get(journey.id) ?? []).map((kpi) => seriesView(kpi, undefined)) : []),
      ],
      scoreHistory: scoreHistory.flatMap((point, index) => {
        const grade = gradesAt[index]!.get(journey.id);
        return grade ? [historyEntry(point, grade)] : [];
      }),
      board: part.board,
    };
  });
  const journeyView = new Map(repo.journeys.map((journey, index) => [journey, journeys[index]!]));

  // --- Channels ------------------------------------------------------------
  // The channels', teams', scenarios' and rules' pages are made when one of them is first asked for
  // (see lazily): in journeys dev, the page open after an edit is most often a journey's.
  const channelViews = (): ChannelView[] => [...channelInfo].map(([id, info]) => {
    const rows = rowsBy().byChannel.get(id) ?? [];
    return {
      slug: info.slug,
      id,
      name: info.name,
      outbound: info.outbound,
      builtIn: info.builtIn,
      touchpoints: rows,
      journeys: new Set(rows.map((row) => row.journeySlug)).size,
      scorecard: ((card) => (card ? scorecardView(card, info.name, info.slug) : undefined))(channelCards.get(id)),
    };
  });


  // --- Teams ---------------------------------------------------------------
  const teamViews = (): TeamView[] => {
    // Placed by the function the scorecards use: a team's page lists what its scorecard counts.
    const placeOf = findingPlaces(repo);
    const findingsOfTeam = new Map<string, Finding[]>();
    for (const finding of result.findings) {
      const { team } = placeOf(finding);
      if (team !== undefined) push(findingsOfTeam, team, finding);
    }
    const teams: TeamView[] = [...teamInfo].map(([id, info]) => {
      const owned = repo.journeys.filter((journey) => journey.owner === id);
      const findings = findingsOfTeam.get(id) ?? [];
      return {
        slug: info.slug,
        id,
        name: info.name,
        contact: info.contact,
        declared: info.declared,
        journeys: owned.map((journey) => {
          const v = journeyView.get(journey)!;
          return { slug: v.slug, title: v.title, health: v.health, counts: v.counts, touchpoints: v.touchpoints.length };
        }),
        touchpoints: rowsBy().byTeam.get(id) ?? [],
        findings: findings.map(view),
        counts: countsOf(findings),
        scorecard: ((card) => (card ? scorecardView(card, info.name, info.slug) : undefined))(teamCards.get(id)),
      };
    });
    teams.sort(byName);
    return teams;
  };

  // --- Scenarios -----------------------------------------------------------
  // Implicit scenarios (one per trigger and persona) may number thousands: their findings
  // are on the journeys' pages, and only the scenarios people wrote get a page.
  const scenarioViews = (): ScenarioView[] => {
    const ownOf = findingsByScenario(result.findings);
    return timelines.filter((timeline) => !timeline.scenario.implicit).map((timeline) => {
      const { scenario, sends } = timeline;
      const own = ownOf(scenario.id);
      let breached = 0;
      const sendRow = (send: Send, found: readonly Finding[]): TimelineRow => {
        if (found.length > 0) breached += 1;
        const v = journeyView.get(send.journey);
        const tp = v?.touchpoints.find((candidate) => candidate.id === send.touchpoint.id);
        return {
          kind: 'send',
          time: send.time,
          clock: formatTimeOfDay(send.time),
          channel: channelRef(send.channel) ?? { id: send.channel, name: send.channel },
          outbound: send.outbound,
          journeySlug: v?.slug ?? '',
          journeyTitle: v?.title ?? send.journey.id,
          touchpoint: send.touchpoint.id,
          anchor: tp?.anchor ?? '',
          subject: send.touchpoint.message?.subject,
          intent: send.intent,
          trigger: send.cause.event,
          repeat: send.repeat,
          breaches: found.map((finding) => ({ rule: finding.rule, severity: finding.severity, message: finding.message })),
        };
      };
      const days: ScenarioDay[] = timelineDays(timeline, own).map(({ day, entries, outbound }) => ({
        day,
        label: dayLabel(words, day, scenario.start),
        outbound,
        rows: entries.map((entry): TimelineRow => (entry.kind === 'event' ? { kind: 'event', time: entry.time, clock: formatTimeOfDay(entry.time), event: entry.event.event } : sendRow(entry.send, entry.breaches))),
      }));
      return {
        slug: scenarioSlug.get(scenario) ?? slugFor(scenario.id, scenarioSlugs),
        id: scenario.id,
        title: scenario.title ?? readableId(scenario.id),
        file: scenario.file,
        fileUrl: fileUrl(scenario.file),
        persona: scenario.persona !== undefined ? { id: scenario.persona, name: personaName.get(scenario.persona) ?? scenario.persona } : undefined,
        start: scenario.start,
        events: scenario.events.length,
        sends: sends.length,
        outbound: sends.filter((send) => send.outbound).length,
        breached,
        days,
        findings: own.map(view),
        counts: countsOf(own),
      };
    });
  };

  // --- Rules ---------------------------------------------------------------
  const ruleViews = (): RuleView[] => rules.map(({ meta }) => {
    const setting = Object.hasOwn(repo.config.rules, meta.id) ? repo.config.rules[meta.id]?.severity : undefined;
    return {
      id: meta.id,
      severity: meta.severity,
      configured: setting ?? meta.severity,
      description: meta.description,
      rationale: meta.rationale,
      fix: meta.fix,
      options: ruleOptions(meta),
      examples: { fail: meta.examples.fail.map((example) => ruleExample(meta, example)), pass: meta.examples.pass.map((example) => ruleExample(meta, example)) },
      findings: result.findings.filter((finding) => finding.rule === meta.id).map(view),
    };
  });

  // --- Site ----------------------------------------------------------------
  const counts = countsOf(result.findings);
  const health: Record<Health, number> = { healthy: 0, notes: 0, warnings: 0, errors: 0 };
  for (const journey of journeys) health[journey.health] += 1;
  const commit = git?.commit;
  const build: BuildInfo = {
    git: commit !== undefined,
    commit: commit?.hash,
    short: commit?.hash.slice(0, 7),
    date: commit?.date,
    subject: commit?.subject,
    dirty: commit?.dirty,
    url: commit ? commitUrl(commit.hash) : undefined,
    today: result.today,
    tool: input.tool,
  };
  const site: SiteView = {
    build,
    repositoryUrl: repository?.url,
    figures: {
      journeys: repo.journeys.length,
      touchpoints: repo.journeys.reduce((sum, journey) => sum + journey.touchpoints.length, 0),
      channels: used.size,
      teams: teamInfo.size,
      scenarios: repo.scenarios.length,
      momentsOfTruth: journeys.reduce((sum, journey) => sum + journey.momentsOfTruth, 0),
      files: result.summary.files,
    },
    counts,
    health,
    findings: result.findings.map(view),
    configErrors: result.configErrors.map((error) => ({ ...location(error), message: error.message })),
    locale: words.locale,
    scorecard: scorecardView(cards.company, 'Company'),
    grading: {
      formula: GRADING.formula,
      parts: GRADING.parts.map(({ id, label, weight, description }) => ({ id, label, weight, description })),
      letters: GRADING.letters.map(({ letter, min }) => ({ letter, min })),
      rounding: GRADING.rounding,
      window: formatDuration(cards.window),
    } satisfies GradingView,
    quadrants: QUADRANTS.map(({ id, name, importance, performance, mermaid, advice }) => ({ id, name, importance, performance, mermaid, advice })),
    scoreHistory: scoreHistory.map((point) => historyEntry(point, point.company)),
  };

  // The other views are made on first use, below.
  const model = { site, journeys } as Partial<SiteModel> as SiteModel;
  lazily(model, 'channels', channelViews);
  lazily(model, 'teams', teamViews);
  lazily(model, 'scenarios', scenarioViews);
  lazily(model, 'rules', ruleViews);
  return model;
}
