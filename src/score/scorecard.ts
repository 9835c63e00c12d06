/**
 * Scorecards: the figures of the method's living dashboard, for the company, each
 * journey, each channel and each team, from the repository, its findings and its
 * simulated timelines. One pure function, linear in touchpoints, findings and sends.
 */
import type { Finding, Journey, Repository, Touchpoint } from '../model/types.ts';
import type { Timeline } from '../simulate/timeline.ts';
import { measureKpis, type KpiIndex, type KpiStatus } from '../model/kpis.ts';
import { findingPlaces } from './owners.ts';
import { placeTouchpoint, type QuadrantPoint } from './quadrant.ts';

export type ScopeKind = 'company' | 'journey' | 'channel' | 'team';

/** A count out of a total; `share` is undefined when the total is 0. */
export interface Share {
  readonly count: number;
  readonly of: number;
  readonly share?: number;
}

/** The fullest window of outbound messages that one scenario's customer gets. */
export interface PeakPressure {
  readonly messages: number;
  readonly scenario: string;
  /** Minutes after the start of day 0 of the window's first and last message. */
  readonly from: number;
  readonly to: number;
}

export type Letter = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

export type GradePartId = 'owner-coverage' | 'kpi-coverage' | 'kpis-on-target' | 'moments-of-truth-measured' | 'findings';

export interface GradePart {
  readonly id: GradePartId;
  readonly weight: number;
  /** 0..1. */
  readonly value: number;
}

export interface Grade {
  /** 0..100, rounded to one decimal; the letter is read from this rounded score. */
  readonly score: number;
  readonly letter: Letter;
  readonly parts: readonly GradePart[];
}

export interface Scorecard {
  readonly kind: ScopeKind;
  /** `company` for the company; else the journey, channel or team id. */
  readonly id: string;
  /** The journey's title, the channel's or the team's name, when there is one. */
  readonly name?: string;
  readonly touchpoints: number;
  /** Outbound messages in scope per scenario customer: the mean over the scenarios that get at least one. */
  readonly outboundPerCustomer: { readonly mean?: number; readonly messages: number; readonly scenarios: number };
  /** Touchpoints with an owner. */
  readonly ownerCoverage: Share;
  /** Touchpoints with at least one KPI. */
  readonly kpiCoverage: Share;
  /** Moments of truth with at least one KPI that has a measured value. */
  readonly momentsOfTruthMeasured: Share;
  /** Undefined when no scenario sends an outbound message in scope. */
  readonly peakPressure?: PeakPressure;
  readonly findings: { readonly error: number; readonly warning: number; readonly info: number };
  /** Mean emotion (1..5) of the touchpoints that have one. */
  readonly emotion: { readonly mean?: number; readonly touchpoints: number };
  /** Mean, over the scenarios that reach the scope, of the sum of cost × sends (a touchpoint with no cost costs 0). */
  readonly costPerCustomer: { readonly mean?: number; readonly total: number; readonly scenarios: number };
  /** KPIs that have a target: how many have a measured value, how many of those meet the target. */
  readonly kpiTargets: { readonly withTarget: number; readonly measured: number; readonly onTarget: number };
  /** Touchpoints placed on the importance/performance matrix. */
  readonly quadrant: readonly QuadrantPoint[];
  /** Undefined for a scope with no touchpoint. */
  readonly grade?: Grade;
}

export interface Scorecards {
  readonly grading: typeof GRADING;
  /** Length in minutes of the sliding window of peak contact pressure: the longest policy.max-messages `per`, 7 days by default. */
  readonly window: number;
  readonly company: Scorecard;
  readonly journeys: readonly Scorecard[];
  readonly channels: readonly Scorecard[];
  readonly teams: readonly Scorecard[];
  /** Every KPI and its measured series. */
  readonly kpis: readonly KpiStatus[];
}

/**
 * How a grade is computed, as data, so that every reader can show it beside the grade:
 *
 *   score = 100 × (0.2 × owner coverage + 0.2 × KPI coverage + 0.2 × KPIs on target
 *                  + 0.2 × moments of truth measured + 0.2 × 1 / (1 + errors + 0.25 × warnings))
 *
 * KPIs on target is the share of KPIs with a target whose latest measured value meets
 * it (0 when no KPI has a target); moments of truth measured counts 1 when the scope
 * has none. The score is rounded to one decimal, then A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60,
 * E ≥ 50, F below. A scope with no touchpoint has no grade.
 */
export const GRADING = {
  formula: 'score = 100 × (0.2 × owner coverage + 0.2 × KPI coverage + 0.2 × KPIs on target + 0.2 × moments of truth measured + 0.2 × 1 / (1 + errors + 0.25 × warnings))',
  parts: [
    { id: 'owner-coverage', weight: 0.2, label: 'Owner coverage', description: 'Share of touchpoints with an owner.' },
    { id: 'kpi-coverage', weight: 0.2, label: 'KPI coverage', description: 'Share of touchpoints with at least one KPI.' },
    { id: 'kpis-on-target', weight: 0.2, label: 'KPIs on target', description: 'Share of KPIs with a target whose latest measured value meets it; 0 when no KPI has a target.' },
    { id: 'moments-of-truth-measured', weight: 0.2, label: 'Moments of truth measured', description: 'Share of moments of truth with a KPI that has a measured value; 1 when there is no moment of truth.' },
    { id: 'findings', weight: 0.2, label: 'Findings', description: '1 / (1 + errors + 0.25 × warnings); infos do not count.' },
  ],
  letters: [
    { letter: 'A', min: 90 },
    { letter: 'B', min: 80 },
    { letter: 'C', min: 70 },
    { letter: 'D', min: 60 },
    { letter: 'E', min: 50 },
    { letter: 'F', min: 0 },
  ],
  rounding: 'The score is rounded to one decimal; the letter is read from the rounded score. A scope with no touchpoint has no grade.',
} as const satisfies {
  formula: string;
  parts: readonly { id: GradePartId; weight: number; label: string; description: string }[];
  letters: readonly { letter: Letter; min: number }[];
  rounding: string;
};

/** The letter of a score (already rounded). */
export function letterOf(score: number): Letter {
  return GRADING.letters.find((entry) => score >= entry.min)?.letter ?? 'F';
}

/** The grade of five parts, each 0..1 (see GRADING). */
export function gradeOf(values: Readonly<Record<GradePartId, number>>): Grade {
  const parts = GRADING.parts.map(({ id, weight }) => ({ id, weight, value: values[id] }));
  // Weights are fifths: 100 × Σ 0.2 × v is computed as 20 × Σ v, which stays exact for exact parts.
  const raw = 20 * parts.reduce((sum, part) => sum + part.value, 0);
  const score = Math.round(raw * 10) / 10;
  return { score, letter: letterOf(score), parts };
}

/** The default window of peak contact pressure: 7 days, in minutes. */
export const DEFAULT_WINDOW = 7 * 24 * 60;

/** Running totals of one scope. */
class Tally {
  touchpoints = 0;
  owned = 0;
  measuredTouchpoints = 0;
  momentsOfTruth = 0;
  momentsMeasured = 0;
  emotionSum = 0;
  emotionCount = 0;
  withTarget = 0;
  measured = 0;
  onTarget = 0;
  errors = 0;
  warnings = 0;
  infos = 0;
  outboundMessages = 0;
  outboundScenarios = 0;
  costTotal = 0;
  costScenarios = 0;
  peak: PeakPressure | undefined;
  readonly quadrant: QuadrantPoint[] = [];
  // Per timeline, reset after each.
  seen = false;
  outbound: number[] = [];
  cost = 0;

  readonly kind: ScopeKind;
  readonly id: string;
  readonly name: string | undefined;

  constructor(kind: ScopeKind, id: string, name: string | undefined) {
    this.kind = kind;
    this.id = id;
    this.name = name;
  }
}

const share = (count: number, of: number): Share => (of === 0 ? { count, of } : { count, of, share: count / of });

function toScorecard(t: Tally): Scorecard {
  const ownerCoverage = share(t.owned, t.touchpoints);
  const kpiCoverage = share(t.measuredTouchpoints, t.touchpoints);
  const momentsOfTruthMeasured = share(t.momentsMeasured, t.momentsOfTruth);
  const grade =
    t.touchpoints === 0
      ? undefined
      : gradeOf({
          'owner-coverage': ownerCoverage.share ?? 0,
          'kpi-coverage': kpiCoverage.share ?? 0,
          'kpis-on-target': t.withTarget === 0 ? 0 : t.onTarget / t.withTarget,
          'moments-of-truth-measured': momentsOfTruthMeasured.share ?? 1,
          findings: 1 / (1 + t.errors + 0.25 * t.warnings),
        });
  return {
    kind: t.kind,
    id: t.id,
    ...(t.name !== undefined ? { name: t.name } : {}),
    touchpoints: t.touchpoints,
    outboundPerCustomer: {
      ...(t.outboundScenarios > 0 ? { mean: t.outboundMessages / t.outboundScenarios } : {}),
      messages: t.outboundMessages,
      scenarios: t.outboundScenarios,
    },
    ownerCoverage,
    kpiCoverage,
    momentsOfTruthMeasured,
    ...(t.peak ? { peakPressure: t.peak } : {}),
    findings: { error: t.errors, warning: t.warnings, info: t.infos },
    emotion: { ...(t.emotionCount > 0 ? { mean: t.emotionSum / t.emotionCount } : {}), touchpoints: t.emotionCount },
    costPerCustomer: { ...(t.costScenarios > 0 ? { mean: t.costTotal / t.costScenarios } : {}), total: t.costTotal, scenarios: t.costScenarios },
    kpiTargets: { withTarget: t.withTarget, measured: t.measured, onTarget: t.onTarget },
    quadrant: t.quadrant,
    ...(grade ? { grade } : {}),
  };
}

/** The most sends of `times` (sorted) that fit in a window shorter than `window`: two pointers, linear. */
function fullestWindow(times: readonly number[], window: number): { count: number; from: number; to: number } {
  let best = { count: 0, from: 0, to: 0 };
  let first = 0;
  for (let last = 0; last < times.length; last += 1) {
    while (times[last]! - times[first]! >= window) first += 1;
    if (last - first + 1 > best.count) best = { count: last - first + 1, from: times[first]!, to: times[last]! };
  }
  return best;
}

function sortedIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort();
}

/** What touchpoints add to a scope's figures (beside findings and sends). */
interface Figures {
  touchpoints: number;
  owned: number;
  measuredTouchpoints: number;
  momentsOfTruth: number;
  momentsMeasured: number;
  /** The touchpoints' emotions in order, and their sum (kept exact: see addFigures). */
  readonly emotions: number[];
  emotionSum: number;
  withTarget: number;
  measured: number;
  onTarget: number;
  readonly quadrant: QuadrantPoint[];
}

const noFigures = (): Figures => ({ touchpoints: 0, owned: 0, measuredTouchpoints: 0, momentsOfTruth: 0, momentsMeasured: 0, emotions: [], emotionSum: 0, withTarget: 0, measured: 0, onTarget: 0, quadrant: [] });

/** What one journey adds: to its own scope and the company's, and to the scopes of the channels and teams of its touchpoints. */
interface Contribution {
  /** What it was made of beside the journey: the statuses of its touchpoints' KPIs and of its own (measureKpis keeps them while nothing measured changes). */
  readonly statuses: readonly (readonly KpiStatus[] | undefined)[];
  readonly all: Figures;
  readonly channels: ReadonlyMap<string, Figures>;
  readonly teams: ReadonlyMap<string, Figures>;
}

/** Each journey's contribution, kept with it: journeys dev keeps the journeys of the files that did not change. */
const contributions = new WeakMap<Journey, Contribution>();

function contributionOf(journey: Journey, kpis: KpiIndex): Contribution {
  const statuses = [...(kpis.ofTouchpoints.get(journey) ?? journey.touchpoints.map(() => undefined)), kpis.byJourney.get(journey)];
  const kept = contributions.get(journey);
  if (kept !== undefined && kept.statuses.every((list, index) => list === statuses[index])) return kept;
  const all = noFigures();
  const channels = new Map<string, Figures>();
  const teams = new Map<string, Figures>();
  journey.touchpoints.forEach((touchpoint, index) => {
    const scopes = [all];
    if (touchpoint.channel !== undefined) scopes.push(mapGet(channels, touchpoint.channel, noFigures));
    if (touchpoint.owner !== undefined) scopes.push(mapGet(teams, touchpoint.owner, noFigures));
    const own = statuses[index] ?? [];
    const measured = own.some((kpi) => kpi.latest !== undefined);
    const point = placeTouchpoint(touchpoint, own);
    for (const figures of scopes) {
      figures.touchpoints += 1;
      if (touchpoint.owner !== undefined) figures.owned += 1;
      if (own.length > 0) figures.measuredTouchpoints += 1;
      if (touchpoint.momentOfTruth) {
        figures.momentsOfTruth += 1;
        if (measured) figures.momentsMeasured += 1;
      }
      if (touchpoint.emotion !== undefined) {
        figures.emotions.push(touchpoint.emotion);
        figures.emotionSum += touchpoint.emotion;
      }
      for (const kpi of own) {
        if (kpi.target === undefined) continue;
        figures.withTarget += 1;
        if (kpi.latest !== undefined) figures.measured += 1;
        if (kpi.onTarget) figures.onTarget += 1;
      }
      if (point) figures.quadrant.push(point);
    }
  });
  // The journey's own KPIs (an NPS) belong to no touchpoint: they count for the journey and the company.
  for (const kpi of statuses.at(-1) ?? []) {
    if (kpi.target === undefined) continue;
    all.withTarget += 1;
    if (kpi.latest !== undefined) all.measured += 1;
    if (kpi.onTarget) all.onTarget += 1;
  }
  const made = { statuses, all, channels, teams };
  contributions.set(journey, made);
  return made;
}

function mapGet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

/**
 * Adds a journey's figures to a scope's. Emotions are whole numbers (1 to 5), whose sums
 * are exact in any order; one that is not (a schema finding) is added one by one, in
 * the touchpoints' order, so that the mean is the one a pass over every touchpoint makes.
 */
function addFigures(tally: Tally, figures: Figures): void {
  tally.touchpoints += figures.touchpoints;
  tally.owned += figures.owned;
  tally.measuredTouchpoints += figures.measuredTouchpoints;
  tally.momentsOfTruth += figures.momentsOfTruth;
  tally.momentsMeasured += figures.momentsMeasured;
  if (Number.isInteger(tally.emotionSum) && figures.emotions.every(Number.isInteger)) tally.emotionSum += figures.emotionSum;
  else for (const emotion of figures.emotions) tally.emotionSum += emotion;
  tally.emotionCount += figures.emotions.length;
  tally.withTarget += figures.withTarget;
  tally.measured += figures.measured;
  tally.onTarget += figures.onTarget;
  for (const point of figures.quadrant) tally.quadrant.push(point);
}

/**
 * The scorecards of a repository: the company, each journey, each channel that a
 * touchpoint uses, and each team (declared or named as an owner).
 *
 * - A touchpoint belongs to its journey, its channel and the team that owns it.
 * - A finding belongs to the company; to its journey (the one it names, else the one
 *   of its file); when it names a touchpoint, to that touchpoint's channel and owner
 *   (the journey's owner when the touchpoint has none); else to the journey's owner
 *   (see findingPlaces, which the site's team pages use too).
 * - A send belongs to the scopes of its touchpoint.
 */
export function scorecards(repo: Repository, findings: readonly Finding[], timelines: readonly Timeline[], today?: string): Scorecards {
  // Periods that start after today are not measured yet (see measureKpis).
  const kpis = measureKpis(repo, today);
  const window = repo.config.policy.maxMessages.reduce((longest, limit) => Math.max(longest, limit.per), 0) || DEFAULT_WINDOW;

  const company = new Tally('company', 'company', undefined);
  const journeys = new Map<string, Tally>();
  const channels = new Map<string, Tally>();
  const teams = new Map<string, Tally>();
  const channelNames = new Map(repo.channels.map((channel) => [channel.id, channel.name]));
  const teamNames = new Map(repo.owners.map((owner) => [owner.id, owner.name]));
  for (const owner of repo.owners) if (!teams.has(owner.id)) teams.set(owner.id, new Tally('team', owner.id, owner.name));
  const team = (id: string): Tally => {
    let tally = teams.get(id);
    if (!tally) teams.set(id, (tally = new Tally('team', id, teamNames.get(id))));
    return tally;
  };

  // Touchpoints: each to its scopes, with its KPI figures, one journey at a time (see contributionOf).
  for (const journey of repo.journeys) {
    let journeyTally = journeys.get(journey.id);
    if (!journeyTally) journeys.set(journey.id, (journeyTally = new Tally('journey', journey.id, journey.title)));
    if (journey.owner !== undefined) team(journey.owner);
    const part = contributionOf(journey, kpis);
    addFigures(company, part.all);
    addFigures(journeyTally, part.all);
    for (const [id, figures] of part.channels) {
      let channel = channels.get(id);
      if (!channel) channels.set(id, (channel = new Tally('channel', id, channelNames.get(id))));
      addFigures(channel, figures);
    }
    for (const [id, figures] of part.teams) addFigures(team(id), figures);
  }
  /** The scopes of a touchpoint of a journey of the repository, worked out for the touchpoints that are sent. */
  const known = new Set(repo.journeys);
  const scopesOf = new Map<Touchpoint, Tally[]>();
  const scopesOfSend = (send: Timeline['sends'][number]): readonly Tally[] => {
    if (!known.has(send.journey)) return [];
    const { touchpoint } = send;
    let scopes = scopesOf.get(touchpoint);
    if (scopes === undefined) {
      scopes = [company, journeys.get(send.journey.id)!];
      if (touchpoint.channel !== undefined) scopes.push(channels.get(touchpoint.channel)!);
      if (touchpoint.owner !== undefined) scopes.push(team(touchpoint.owner));
      scopesOf.set(touchpoint, scopes);
    }
    return scopes;
  };

  // Findings: placed by the same function as the site's team pages.
  const placeOf = findingPlaces(repo);
  for (const finding of findings) {
    const scopes = [company];
    const { journey, touchpoint, team: owner } = placeOf(finding);
    if (journey) {
      scopes.push(journeys.get(journey.id)!);
      if (touchpoint?.channel !== undefined) scopes.push(channels.get(touchpoint.channel)!);
      if (owner !== undefined) scopes.push(team(owner));
    }
    for (const tally of scopes) {
      if (finding.severity === 'error') tally.errors += 1;
      else if (finding.severity === 'warning') tally.warnings += 1;
      else tally.infos += 1;
    }
  }

  // Timelines: per scenario, the scopes it reaches, their outbound messages and cost.
  for (const { scenario, sends } of timelines) {
    const reached: Tally[] = [];
    for (const send of sends) {
      for (const tally of scopesOfSend(send)) {
        if (!tally.seen) {
          tally.seen = true;
          reached.push(tally);
        }
        tally.cost += send.touchpoint.cost ?? 0;
        if (send.outbound) tally.outbound.push(send.time);
      }
    }
    for (const tally of reached) {
      tally.costScenarios += 1;
      tally.costTotal += tally.cost;
      if (tally.outbound.length > 0) {
        tally.outboundScenarios += 1;
        tally.outboundMessages += tally.outbound.length;
        const fullest = fullestWindow(tally.outbound, window);
        if (!tally.peak || fullest.count > tally.peak.messages) {
          tally.peak = { messages: fullest.count, scenario: scenario.id, from: fullest.from, to: fullest.to };
        }
      }
      tally.seen = false;
      tally.outbound = [];
      tally.cost = 0;
    }
  }

  const channelOrder = [...new Set(repo.channels.map((channel) => channel.id))].filter((id) => channels.has(id));
  const otherChannels = sortedIds([...channels.keys()].filter((id) => !channelNames.has(id)));
  const teamOrder = [...teams.keys()].filter((id) => teamNames.has(id));
  const otherTeams = sortedIds([...teams.keys()].filter((id) => !teamNames.has(id)));
  return {
    grading: GRADING,
    window,
    company: toScorecard(company),
    journeys: [...journeys.values()].map(toScorecard),
    channels: [...channelOrder, ...otherChannels].map((id) => toScorecard(channels.get(id)!)),
    teams: [...teamOrder, ...otherTeams].map((id) => toScorecard(teams.get(id)!)),
    kpis: kpis.all,
  };
}
