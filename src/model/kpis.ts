/**
 * Measured KPIs: the values of journeys/metrics/*.csv attached to the KPIs that
 * journeys declare, in period order, with the latest value, its trend and whether it
 * meets the target. Pure functions of the repository.
 */
import { pushTo } from './collections.ts';
import { dayNumber } from './dates.ts';
import type { Journey, Kpi, MetricValue, NodeRef, Repository, Touchpoint } from './types.ts';

/** Which way a metric is better. */
export type Direction = 'higher' | 'lower';

/** The latest value against the previous one, in the metric's direction. */
export type Trend = 'improving' | 'worsening' | 'steady';

/** One measured value of a KPI. */
export interface KpiMeasure {
  /** The normalised period label (`2026-Q3`). */
  readonly period: string;
  /** Days since 1970-01-01 of the period's first day. */
  readonly periodStart: number;
  readonly value: number;
  /** The metrics file and line the value comes from. */
  readonly file: string;
  readonly line: number;
}

/** A KPI with what was measured of it. */
export interface KpiStatus {
  readonly journey: string;
  /** Undefined for a value about the journey as a whole (a CSV row with no touchpoint). */
  readonly touchpoint?: string;
  readonly metric: string;
  readonly target?: number;
  readonly direction: Direction;
  /** The `kpis` item that declares it; undefined for a journey-level series. */
  readonly ref?: NodeRef;
  /** Measured values, oldest period first; one per period (the last row wins). */
  readonly series: readonly KpiMeasure[];
  readonly latest?: KpiMeasure;
  readonly previous?: KpiMeasure;
  /** Undefined with fewer than two periods. */
  readonly trend?: Trend;
  /** Whether the latest value meets the target; undefined with no target or no value. */
  readonly onTarget?: boolean;
}

/** Metric ids (exact) for which a lower value is better. */
const LOWER_IS_BETTER = new Set(['resolution-time', 'ces', 'handling-time', 'wait-time']);
/** Words that make a metric lower-is-better wherever they appear in its id. */
const LOWER_WORDS = ['churn', 'complaint', 'unsubscribe', 'bounce', 'abandon', 'error'];

/**
 * Which way a metric is better: the KPI's own `direction` when it has one; else lower
 * for resolution-time, ces, handling-time, wait-time, any id ending in `-time`, and any
 * id containing churn, complaint, unsubscribe, bounce, abandon(ment) or error; else higher.
 */
export function metricDirection(metric: string, override?: Direction): Direction {
  if (override) return override;
  let direction = directions.get(metric);
  if (direction === undefined) {
    direction = LOWER_IS_BETTER.has(metric) || metric.endsWith('-time') || LOWER_WORDS.some((word) => metric.includes(word)) ? 'lower' : 'higher';
    directions.set(metric, direction);
  }
  return direction;
}

/** Directions already worked out: a repository names a few metrics thousands of times. */
const directions = new Map<string, Direction>();

/** A measured value as people write it, without float noise (0.30000000000000004 is 0.3). */
export function formatValue(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/** Whether `value` is at or beyond `target` in the metric's direction. */
export function meetsTarget(value: number, target: number, direction: Direction): boolean {
  return direction === 'higher' ? value >= target : value <= target;
}

/** The trend from `previous` to `latest`: equal values (to rounding noise) are steady. */
export function trendOf(previous: number, latest: number, direction: Direction): Trend {
  const change = latest - previous;
  if (Math.abs(change) <= 1e-9 * Math.max(1, Math.abs(previous), Math.abs(latest))) return 'steady';
  return (change > 0) === (direction === 'higher') ? 'improving' : 'worsening';
}

function seriesOf(rows: readonly MetricValue[] | undefined): KpiMeasure[] {
  if (!rows) return [];
  const byPeriod = new Map<string, KpiMeasure>();
  for (const row of rows) {
    byPeriod.delete(row.period);
    byPeriod.set(row.period, { period: row.period, periodStart: row.periodStart, value: row.value, file: row.file, line: row.line });
  }
  return [...byPeriod.values()].sort((a, b) => a.periodStart - b.periodStart || (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function status(base: Omit<KpiStatus, 'series' | 'latest' | 'previous' | 'trend' | 'onTarget'>, series: KpiMeasure[]): KpiStatus {
  const result: Mutable<KpiStatus> = { ...base, series };
  const latest = series.at(-1);
  const previous = series.length > 1 ? series.at(-2) : undefined;
  if (latest) result.latest = latest;
  if (previous) result.previous = previous;
  if (latest && previous) result.trend = trendOf(previous.value, latest.value, base.direction);
  if (latest && base.target !== undefined) result.onTarget = meetsTarget(latest.value, base.target, base.direction);
  return result;
}

/** Every KPI of a repository and what was measured of it. */
export interface KpiIndex {
  /** Declared KPIs in journey, touchpoint and `kpis` order, each journey's own KPIs and journey-level series after its touchpoints'. */
  readonly all: readonly KpiStatus[];
  /**
   * The KPIs a touchpoint declares, in its `kpis` order. Made when first read: a map of
   * every touchpoint (tens of thousands) took longer to fill than the rest of the index,
   * each time `journeys dev` made it again after an edit; ofTouchpoints says the same.
   */
  readonly byTouchpoint: ReadonlyMap<Touchpoint, readonly KpiStatus[]>;
  /** The KPIs each touchpoint of a journey declares, by the touchpoint's place in `journey.touchpoints`. */
  readonly ofTouchpoints: ReadonlyMap<Journey, readonly (readonly KpiStatus[])[]>;
  /** The KPIs a journey declares under its own `kpis`, in order. */
  readonly byJourney: ReadonlyMap<Journey, readonly KpiStatus[]>;
}

const seriesKey = (touchpoint: string, metric: string): string => `${touchpoint}\u0000${metric}`;
const memo = new WeakMap<Repository, Map<string, KpiIndex>>();

/**
 * The KPIs of a repository with their measured series, as of `today` (YYYY-MM-DD): a
 * period whose first day is after it is not measured yet, whatever a file says.
 * Rows whose journey, touchpoint or metric is unknown (an `unknown-reference` finding)
 * are left out. Computed once per repository and day; linear in KPIs and rows.
 */
export function measureKpis(repo: Repository, today?: string): KpiIndex {
  let byDay = memo.get(repo);
  if (!byDay) memo.set(repo, (byDay = new Map()));
  const cached = byDay.get(today ?? '');
  if (cached) return cached;
  const rows = rowsByJourney(repo, today);
  const all: KpiStatus[] = [];
  const ofTouchpoints = new Map<Journey, readonly (readonly KpiStatus[])[]>();
  const byJourney = new Map<Journey, readonly KpiStatus[]>();
  const seenJourneys = new Set<string>();
  for (const journey of repo.journeys) {
    const journeyRows = rows.get(journey.id);
    // A journey id given twice is a finding of its own; the rows go to the first journey only.
    const first = !seenJourneys.has(journey.id);
    seenJourneys.add(journey.id);
    const statuses = journeyStatuses(journey, journeyRows, first);
    ofTouchpoints.set(journey, statuses.touchpoints);
    for (const own of statuses.touchpoints) for (const one of own) all.push(one);
    byJourney.set(journey, statuses.own);
    for (const one of statuses.own) all.push(one);
    for (const one of statuses.level) all.push(one);
  }
  let byTouchpoint: Map<Touchpoint, readonly KpiStatus[]> | undefined;
  const index: KpiIndex = {
    all,
    ofTouchpoints,
    byJourney,
    get byTouchpoint() {
      if (byTouchpoint === undefined) {
        byTouchpoint = new Map();
        for (const [journey, statuses] of ofTouchpoints) journey.touchpoints.forEach((touchpoint, at) => byTouchpoint!.set(touchpoint, statuses[at]!));
      }
      return byTouchpoint;
    },
  };
  byDay.set(today ?? '', index);
  return index;
}

/** A journey's statuses: of its touchpoints' KPIs, of its own, and the journey-wide series of its touchpoints' metrics. */
interface JourneyStatuses {
  readonly rows: ReadonlyMap<string, readonly MetricValue[]> | undefined;
  readonly first: boolean;
  readonly touchpoints: readonly (readonly KpiStatus[])[];
  readonly own: readonly KpiStatus[];
  readonly level: readonly KpiStatus[];
}

/**
 * Each journey's statuses as the last index made them, with what they were made of: its
 * rows (the very objects) and whether it was the first of its id. A journey object is
 * never changed, so that `journeys dev`, which keeps the journeys of the files that did
 * not change, makes again only the statuses of the others.
 */
const statusesOf = new WeakMap<Journey, JourneyStatuses>();

function journeyStatuses(journey: Journey, rows: ReadonlyMap<string, readonly MetricValue[]> | undefined, first: boolean): JourneyStatuses {
  const kept = statusesOf.get(journey);
  if (kept !== undefined && kept.first === first && sameRows(kept.rows, rows)) return kept;
  const made: JourneyStatuses = {
    rows,
    first,
    touchpoints: journey.touchpoints.map((touchpoint) => touchpoint.kpis.map((kpi) => declared(journey, touchpoint, kpi, rows?.get(seriesKey(touchpoint.id, kpi.metric))))),
    own: (journey.kpis ?? []).map((kpi) => declared(journey, undefined, kpi, first ? rows?.get(seriesKey('', kpi.metric)) : undefined)),
    level: first && rows ? journeyLevel(journey, rows) : [],
  };
  statusesOf.set(journey, made);
  return made;
}

/** Whether two journeys' rows are the same rows, in the same order. */
function sameRows(a: ReadonlyMap<string, readonly MetricValue[]> | undefined, b: ReadonlyMap<string, readonly MetricValue[]> | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.size !== b.size) return false;
  const others = b.entries();
  for (const [key, list] of a) {
    const [otherKey, other] = others.next().value!;
    if (key !== otherKey || list.length !== other.length || list.some((row, index) => row !== other[index])) return false;
  }
  return true;
}

/** The metrics rows measured by `today`, by journey, then by touchpoint and metric: most journeys have no measures, and their KPIs need no lookup. */
function rowsByJourney(repo: Repository, today: string | undefined): Map<string, Map<string, MetricValue[]>> {
  const last = today === undefined ? undefined : dayNumber(today);
  const rows = new Map<string, Map<string, MetricValue[]>>();
  for (const row of repo.metrics) {
    if (last !== undefined && row.periodStart > last) continue;
    let journeyRows = rows.get(row.journey);
    if (!journeyRows) rows.set(row.journey, (journeyRows = new Map()));
    pushTo(journeyRows, seriesKey(row.touchpoint ?? '', row.metric), row);
  }
  return rows;
}

/** A touchpoint's KPIs one touchpoint at a time, for a caller that needs a few of them. */
export interface TouchpointKpis {
  /** Whether any row measures the journey by that day: when none does, none of its KPIs has a value. */
  readonly measured: (journey: Journey) => boolean;
  /** The KPIs the touchpoint declares, as measureKpis's byTouchpoint has them. */
  readonly of: (journey: Journey, touchpoint: Touchpoint) => readonly KpiStatus[];
}

/**
 * measureKpis's statuses of a touchpoint, made only when asked: a rule that looks at the
 * important touchpoints of the measured journeys need not make one for each of the tens
 * of thousands of KPIs a large repository declares.
 */
export function touchpointKpis(repo: Repository, today?: string): TouchpointKpis {
  const rows = rowsByJourney(repo, today);
  return {
    measured: (journey) => rows.has(journey.id),
    of: (journey, touchpoint) => {
      const journeyRows = rows.get(journey.id);
      return touchpoint.kpis.map((kpi) => declared(journey, touchpoint, kpi, journeyRows?.get(seriesKey(touchpoint.id, kpi.metric))));
    },
  };
}

function declared(journey: Journey, touchpoint: Touchpoint | undefined, kpi: Kpi, rows: readonly MetricValue[] | undefined): KpiStatus {
  const direction = metricDirection(kpi.metric, kpi.direction);
  const base: Mutable<Omit<KpiStatus, 'series'>> = { journey: journey.id, metric: kpi.metric, direction, ref: kpi.ref };
  if (touchpoint) base.touchpoint = touchpoint.id;
  if (kpi.target !== undefined) base.target = kpi.target;
  return status(base, seriesOf(rows));
}

/**
 * Series of rows with no touchpoint, for metrics the journey does not declare itself but
 * some touchpoint of it does (a journey-wide view of a touchpoint's measure).
 */
function journeyLevel(journey: Journey, rows: ReadonlyMap<string, readonly MetricValue[]>): KpiStatus[] {
  const result: KpiStatus[] = [];
  const own = new Set((journey.kpis ?? []).map((kpi) => kpi.metric));
  const metrics = new Map<string, Kpi>();
  for (const touchpoint of journey.touchpoints) for (const kpi of touchpoint.kpis) if (!own.has(kpi.metric) && !metrics.has(kpi.metric)) metrics.set(kpi.metric, kpi);
  for (const [metric, kpi] of metrics) {
    const series = seriesOf(rows.get(seriesKey('', metric)));
    if (series.length > 0) result.push(status({ journey: journey.id, metric, direction: metricDirection(metric, kpi.direction) }, series));
  }
  return result;
}
