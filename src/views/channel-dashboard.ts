/**
 * The channel dashboard: for each channel in use, side by side, its volume (sends in the
 * written scenarios, and a measured volume metric), satisfaction, cost (touchpoints'
 * `cost`) and conversion, each measured one with its trend, from the metrics the
 * journeys' KPIs measure. Pure: the site's views and the simulated timelines are given.
 */
import { metricDirection, trendOf, type Trend } from '../model/kpis.ts';
import { parsePeriod } from '../model/periods.ts';
import type { Timeline } from '../simulate/timeline.ts';
import { channelStyle } from './channel-style.ts';
import { reviewChart, type ReviewChart } from './review.ts';
import type { ChannelStyleView, ChannelView, JourneyView, RefView } from './types.ts';
import { translator, type Translator } from './i18n.ts';

export type DashboardKind = 'volume' | 'satisfaction' | 'conversion';

/** Which metric ids count as what: a metric's words, matched whole. */
const KINDS: readonly (readonly [DashboardKind, RegExp])[] = [
  ['volume', /(^|-)(volume|sends|sent|contacts|calls|visits|sessions|messages|count)(-|$)/],
  ['satisfaction', /(^|-)(csat|nps|satisfaction)(-|$)/],
  ['conversion', /(^|-)(conversion|converted)(-|$)/],
];

/** What a metric measures for the dashboard, if anything. */
export function dashboardKind(metric: string): DashboardKind | undefined {
  return KINDS.find(([, pattern]) => pattern.test(metric))?.[0];
}

/** Preferred satisfaction metrics, when a channel measures several. */
const PREFERRED = ['csat', 'nps'];

export interface DashboardMeasure {
  readonly metric: string;
  /** `sum` for volumes, `mean` for rates and scores, over the channel's touchpoints. */
  readonly aggregate: 'sum' | 'mean';
  /** Touchpoints of the channel measured by this metric. */
  readonly touchpoints: number;
  /** Per period, oldest first. */
  readonly periods: readonly { readonly period: string; readonly value: number; readonly text: string }[];
  readonly latest?: { readonly period: string; readonly text: string };
  readonly trend?: Trend;
  readonly chart?: ReviewChart;
  /** Other metrics of this kind the channel measures, not shown. */
  readonly others: readonly string[];
}

export interface ChannelDashboardRow {
  readonly channel: RefView & { readonly outbound: boolean };
  readonly style: ChannelStyleView;
  readonly touchpoints: number;
  readonly journeys: number;
  readonly volume: { readonly sends: number; readonly scenarios: number; readonly measured?: DashboardMeasure };
  readonly satisfaction?: DashboardMeasure;
  readonly conversion?: DashboardMeasure;
  readonly cost: {
    /** Touchpoints of the channel with a `cost`. */
    readonly touchpoints: number;
    /** Their mean cost per contact. */
    readonly mean?: number;
    readonly meanText?: string;
    /** The cost of every send in the written scenarios, for those with a cost. */
    readonly scenarios?: number;
    readonly scenariosText?: string;
  };
}

export interface ChannelDashboardView {
  readonly rows: readonly ChannelDashboardRow[];
  /** Written scenarios simulated (the volume's base). */
  readonly scenarios: number;
  readonly measured: boolean;
}

export interface DashboardInput {
  readonly journeys: readonly JourneyView[];
  readonly channels: readonly ChannelView[];
  readonly timelines: readonly Timeline[];
  /** The site's language, for the charts' descriptions. */
  readonly words?: Translator;
}

interface Values {
  readonly touchpoints: Set<string>;
  readonly byPeriod: Map<string, number[]>;
}

function measure(metric: string, values: Values, aggregate: 'sum' | 'mean', others: string[], words: Translator | undefined): DashboardMeasure {
  const periods = [...values.byPeriod]
    .map(([period, list]) => {
      const total = list.reduce((sum, value) => sum + value, 0);
      const value = aggregate === 'sum' ? total : total / list.length;
      return { period, value, text: (words ?? translator()).figure(value), start: parsePeriod(period)?.start ?? 0 };
    })
    .sort((a, b) => a.start - b.start || (a.period < b.period ? -1 : 1))
    .map(({ period, value, text }) => ({ period, value, text }));
  const latest = periods.at(-1);
  const previous = periods.at(-2);
  const chart = reviewChart(periods, undefined, metric, words);
  return {
    metric,
    aggregate,
    touchpoints: values.touchpoints.size,
    periods,
    ...(latest ? { latest: { period: latest.period, text: latest.text } } : {}),
    ...(latest && previous ? { trend: trendOf(previous.value, latest.value, metricDirection(metric)) } : {}),
    ...(chart ? { chart } : {}),
    others,
  };
}

/** The metric of a kind that most of the channel's touchpoints measure (csat, then nps, first on a tie). */
function pick(metrics: Map<string, Values>, kind: DashboardKind, words: Translator | undefined): DashboardMeasure | undefined {
  const candidates = [...metrics].filter(([metric]) => dashboardKind(metric) === kind);
  if (candidates.length === 0) return undefined;
  const rank = (metric: string): number => (PREFERRED.includes(metric) ? PREFERRED.indexOf(metric) : PREFERRED.length);
  candidates.sort(([a, x], [b, y]) => y.touchpoints.size - x.touchpoints.size || rank(a) - rank(b) || (a < b ? -1 : 1));
  const [metric, values] = candidates[0]!;
  return measure(metric, values, kind === 'volume' ? 'sum' : 'mean', candidates.slice(1).map(([other]) => other), words);
}

/** Each channel in use, with its volume, satisfaction, cost and conversion. */
export function channelDashboard(input: DashboardInput): ChannelDashboardView {
  const written = input.timelines.filter((timeline) => !timeline.scenario.implicit);
  const sends = new Map<string, { count: number; scenarios: Set<string>; cost: number; costed: boolean }>();
  const costOf = new Map<string, number | undefined>();
  const journeyOf = new Map<string, JourneyView>();
  for (const journey of input.journeys) if (!journeyOf.has(journey.id)) journeyOf.set(journey.id, journey);
  for (const timeline of written) {
    for (const send of timeline.sends) {
      let entry = sends.get(send.channel);
      if (!entry) sends.set(send.channel, (entry = { count: 0, scenarios: new Set(), cost: 0, costed: false }));
      entry.count += 1;
      entry.scenarios.add(timeline.scenario.id);
      const key = `${send.journey.id}\u0000${send.touchpoint.id}`;
      if (!costOf.has(key)) costOf.set(key, send.touchpoint.cost);
      const cost = costOf.get(key);
      if (cost !== undefined) {
        entry.cost += cost;
        entry.costed = true;
      }
    }
  }

  // Measured values by channel, metric and period, over the touchpoints of the channel.
  const measured = new Map<string, Map<string, Values>>();
  const costs = new Map<string, number[]>();
  for (const journey of input.journeys) {
    const byId = new Map(journey.touchpoints.map((touchpoint) => [touchpoint.id, touchpoint]));
    for (const touchpoint of journey.touchpoints) {
      if (touchpoint.channel && touchpoint.cost !== undefined) {
        let list = costs.get(touchpoint.channel.id);
        if (!list) costs.set(touchpoint.channel.id, (list = []));
        list.push(touchpoint.cost);
      }
    }
    for (const kpi of journey.kpis) {
      const channel = kpi.touchpoint !== undefined ? byId.get(kpi.touchpoint)?.channel?.id : undefined;
      if (channel === undefined || kpi.series.length === 0 || dashboardKind(kpi.metric) === undefined) continue;
      let metrics = measured.get(channel);
      if (!metrics) measured.set(channel, (metrics = new Map()));
      let values = metrics.get(kpi.metric);
      if (!values) metrics.set(kpi.metric, (values = { touchpoints: new Set(), byPeriod: new Map() }));
      values.touchpoints.add(`${journey.slug}\u0000${kpi.touchpoint}`);
      for (const point of kpi.series) {
        let list = values.byPeriod.get(point.period);
        if (!list) values.byPeriod.set(point.period, (list = []));
        list.push(point.value);
      }
    }
  }

  const rows: ChannelDashboardRow[] = input.channels
    .filter((channel) => channel.touchpoints.length > 0)
    .map((channel) => {
      const sent = sends.get(channel.id);
      const metrics = measured.get(channel.id) ?? new Map<string, Values>();
      const volume = pick(metrics, 'volume', input.words);
      const satisfaction = pick(metrics, 'satisfaction', input.words);
      const conversion = pick(metrics, 'conversion', input.words);
      const own = costs.get(channel.id) ?? [];
      const mean = own.length > 0 ? own.reduce((sum, cost) => sum + cost, 0) / own.length : undefined;
      const { light, dark, glyph, icon } = channelStyle(channel.id);
      return {
        channel: { id: channel.id, name: channel.name, slug: channel.slug, outbound: channel.outbound },
        style: { light, dark, glyph, icon },
        touchpoints: channel.touchpoints.length,
        journeys: channel.journeys,
        volume: { sends: sent?.count ?? 0, scenarios: sent?.scenarios.size ?? 0, ...(volume ? { measured: volume } : {}) },
        ...(satisfaction ? { satisfaction } : {}),
        ...(conversion ? { conversion } : {}),
        cost: {
          touchpoints: own.length,
          ...(mean !== undefined ? { mean, meanText: (input.words ?? translator()).figure(Number(mean.toFixed(2))) } : {}),
          ...(sent?.costed ? { scenarios: sent.cost, scenariosText: (input.words ?? translator()).figure(Number(sent.cost.toFixed(2))) } : {}),
        },
      };
    });
  return { rows, scenarios: written.length, measured: rows.some((row) => row.volume.measured || row.satisfaction || row.conversion) };
}
