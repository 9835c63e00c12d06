/**
 * The quarterly review: every KPI of every journey as of a quarter, with its target,
 * its last two periods, the change, whether the target is met, and a small trend
 * chart; the journeys changed since the last review; the same as CSV. Pure functions
 * of the site's journey views (their KPIs and git history) and a review tag's date.
 */
import { formatValue, meetsTarget, trendOf, type Direction, type Trend } from '../model/kpis.ts';
import { parsePeriod } from '../model/periods.ts';
import type { CataloguePage } from './catalogue.ts';
import type { JourneyView, RefView } from './types.ts';
import { translator, type MessageKey, type Translator } from './i18n.ts';

/** Quarters the review has a page for, at most: the last two years. */
export const MAX_REVIEW_QUARTERS = 8;
/** Points a trend chart shows at most: the latest ones. */
export const REVIEW_CHART_POINTS = 8;
/** The box a trend chart is drawn in. */
export const REVIEW_CHART_BOX = { width: 120, height: 36, pad: 4 } as const;

const DAY_MS = 86_400_000;

export type ReviewStatus = 'met' | 'missed' | 'no-target' | 'unmeasured';

export interface ReviewMeasure {
  readonly period: string;
  readonly value: number;
  readonly text: string;
  /** The metrics row's place and link. */
  readonly file: string;
  readonly line: number;
  readonly url?: string;
}

/** A small line chart of a KPI's latest periods; coordinates in REVIEW_CHART_BOX. */
export interface ReviewChart {
  readonly path: string;
  readonly points: readonly { readonly x: number; readonly y: number; readonly period: string; readonly text: string }[];
  /** Where the target's line is drawn; undefined with no target. */
  readonly targetY?: number;
  /** The vertical axis: it starts at zero when no value is below it, and says so when it does not. */
  readonly axis: { readonly min: number; readonly max: number; readonly minText: string; readonly maxText: string; readonly fromZero: boolean; readonly zeroY?: number };
  /** The chart in words, for screen readers. */
  readonly label: string;
}

export interface ReviewRow {
  readonly journeyId: string;
  readonly journeySlug: string;
  readonly journeyTitle: string;
  /** The touchpoint's owner, else the journey's. */
  readonly team?: RefView;
  /** Undefined for a KPI of the journey as a whole. */
  readonly touchpoint?: string;
  readonly touchpointName?: string;
  readonly anchor?: string;
  /** The line of the touchpoint in the forge's web editor, when configured. */
  readonly editUrl?: string;
  readonly metric: string;
  readonly direction: Direction;
  readonly target?: number;
  readonly targetText?: string;
  readonly latest?: ReviewMeasure;
  readonly previous?: ReviewMeasure;
  /** latest − previous, and the same as people write it with its sign (`+0.05`). */
  readonly change?: { readonly value: number; readonly text: string };
  readonly trend?: Trend;
  readonly status: ReviewStatus;
  /** With two periods or more. */
  readonly chart?: ReviewChart;
}

/** A journey whose file changed since the last review. */
export interface ReviewChange {
  readonly journeySlug: string;
  readonly journeyTitle: string;
  readonly commits: number;
  /** The latest of those commits. */
  readonly last: { readonly short: string; readonly date: string; readonly subject: string; readonly author: string; readonly url?: string; readonly version?: number };
  /** The journey's version before those commits, when known. */
  readonly versionBefore?: number;
}

export interface ReviewQuarterView {
  /** `2026-q3`; `latest` for the review of a repository with nothing measured. */
  readonly slug: string;
  /** `2026-Q3`; undefined when nothing is measured. */
  readonly quarter?: string;
  readonly latest: boolean;
  /** First and last day of the quarter, YYYY-MM-DD. */
  readonly from?: string;
  readonly to?: string;
  /** One row per KPI, in journey order, then the journey's own KPIs. */
  readonly rows: readonly ReviewRow[];
  readonly journeys: readonly { readonly slug: string; readonly title: string; readonly kpis: number }[];
  readonly teams: readonly RefView[];
  readonly counts: { readonly kpis: number; readonly measured: number; readonly met: number; readonly missed: number; readonly improving: number; readonly worsening: number };
  /** What changed in the journeys' files since the last review: since the review tag, or since the quarter started. */
  readonly changes: { readonly since: string; readonly tag?: string; readonly journeys: readonly ReviewChange[] };
}

export interface ReviewView {
  /** Quarters with a measure, oldest first, at most MAX_REVIEW_QUARTERS. */
  readonly quarters: readonly string[];
  /** One page per quarter, oldest first; the last one is the latest. One unmeasured page when nothing is measured. */
  readonly pages: readonly ReviewQuarterView[];
}

export interface ReviewInput {
  readonly journeys: readonly JourneyView[];
  /** The day the site is built as of, YYYY-MM-DD: a quarter after it is not reviewed yet. */
  readonly today: string;
  /** The latest review tag (a git tag whose name starts with `review`) and its commit's date, ISO 8601. */
  readonly reviewTag?: { readonly name: string; readonly date: string };
  /** The line of each touchpoint in the web editor, by journey slug and touchpoint id. */
  readonly editUrl?: (journeySlug: string, touchpoint: string) => string | undefined;
  /** The site's language, for the charts' descriptions. */
  readonly words?: Translator;
}

const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** `2026-Q3` of a day number. */
function quarterOf(day: number): string {
  const date = new Date(day * DAY_MS);
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

/** First and last day of a quarter label. */
export function quarterBounds(quarter: string): { start: number; end: number } {
  const start = parsePeriod(quarter)!.start;
  const date = new Date(start * DAY_MS);
  const next = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 3, 1) / DAY_MS;
  return { start, end: next - 1 };
}

/** A signed change as people write it: `+0.05`, `−3`, `0`. */
export function signedText(value: number, words: Translator = translator()): string {
  const text = words.figure(Math.abs(value));
  if (text === '0') return '0';
  return `${value > 0 ? '+' : '−'}${text}`;
}

/** A KPI's trend as a small chart: the latest points, the target line, an axis from zero unless a value is below it. */
export function reviewChart(measures: readonly { period: string; value: number; text: string }[], target: number | undefined, metric: string, words: Translator = translator()): ReviewChart | undefined {
  const shown = measures.slice(-REVIEW_CHART_POINTS);
  if (shown.length < 2) return undefined;
  const { width, height, pad } = REVIEW_CHART_BOX;
  const values = [...shown.map((measure) => measure.value), ...(target !== undefined ? [target] : [])];
  const low = Math.min(...values);
  const fromZero = low >= 0;
  const min = fromZero ? 0 : low;
  let max = Math.max(...values);
  if (max <= min) max = min + (Math.abs(min) || 1);
  const y = (value: number): number => Number((pad + (1 - (value - min) / (max - min)) * (height - 2 * pad)).toFixed(2));
  const x = (index: number): number => Number((pad + (index / (shown.length - 1)) * (width - 2 * pad)).toFixed(2));
  const points = shown.map((measure, index) => ({ x: x(index), y: y(measure.value), period: measure.period, text: measure.text }));
  const first = shown[0]!;
  const last = shown.at(-1)!;
  const label =
    words.t('chart.label', metric, first.text, first.period, last.text, last.period) +
    (target !== undefined ? words.t('chart.target', words.figure(target)) : '') +
    (fromZero ? words.t('chart.zero') : words.t('chart.notZero', words.figure(min)));
  return {
    path: points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x} ${point.y}`).join(' '),
    points,
    ...(target !== undefined ? { targetY: y(target) } : {}),
    axis: { min, max, minText: words.figure(min), maxText: words.figure(max), fromZero, ...(!fromZero && max > 0 ? { zeroY: y(0) } : {}) },
    label,
  };
}

function rowsAsOf(journeys: readonly JourneyView[], end: number | undefined, input: ReviewInput): ReviewRow[] {
  const rows: ReviewRow[] = [];
  for (const journey of journeys) {
    const byId = new Map(journey.touchpoints.map((touchpoint) => [touchpoint.id, touchpoint]));
    for (const kpi of journey.kpis) {
      const touchpoint = kpi.touchpoint !== undefined ? byId.get(kpi.touchpoint) : undefined;
      const series = end === undefined ? [] : kpi.series.filter((measure) => (parsePeriod(measure.period)?.start ?? Infinity) <= end);
      const latest = series.at(-1);
      const previous = series.length > 1 ? series.at(-2) : undefined;
      const measure = (m: (typeof series)[number]): ReviewMeasure => ({ period: m.period, value: m.value, text: m.text, file: m.file, line: m.line, ...(m.url ? { url: m.url } : {}) });
      const status: ReviewStatus = !latest ? 'unmeasured' : kpi.target === undefined ? 'no-target' : meetsTarget(latest.value, kpi.target, kpi.direction) ? 'met' : 'missed';
      const team = touchpoint?.owner ?? journey.owner;
      const editUrl = kpi.touchpoint !== undefined ? input.editUrl?.(journey.slug, kpi.touchpoint) : undefined;
      const chart = reviewChart(series, kpi.target, kpi.metric, input.words);
      rows.push({
        journeyId: journey.id,
        journeySlug: journey.slug,
        journeyTitle: journey.title,
        ...(team ? { team } : {}),
        ...(kpi.touchpoint !== undefined ? { touchpoint: kpi.touchpoint, touchpointName: touchpoint?.name ?? kpi.touchpoint } : {}),
        ...(kpi.anchor !== undefined ? { anchor: kpi.anchor } : {}),
        ...(editUrl ? { editUrl } : {}),
        metric: kpi.metric,
        direction: kpi.direction,
        ...(kpi.target !== undefined ? { target: kpi.target, targetText: kpi.targetText ?? (input.words ?? translator()).figure(kpi.target) } : {}),
        ...(latest ? { latest: measure(latest) } : {}),
        ...(previous ? { previous: measure(previous) } : {}),
        ...(latest && previous ? { change: { value: latest.value - previous.value, text: signedText(latest.value - previous.value, input.words) }, trend: trendOf(previous.value, latest.value, kpi.direction) } : {}),
        status,
        ...(chart ? { chart } : {}),
      });
    }
  }
  return rows;
}

/**
 * The journeys whose file has a commit from `since` (a date, or an instant: after it, not
 * at it, since the review's own commit is no change since the review) to `until`.
 */
export function changesBetween(journeys: readonly JourneyView[], since: string, until?: string): ReviewChange[] {
  const instant = since.length > 10;
  const from = Date.parse(since.length === 10 ? `${since}T00:00:00Z` : since);
  const to = until === undefined ? Infinity : Date.parse(`${until}T23:59:59.999Z`);
  const changes: ReviewChange[] = [];
  for (const journey of journeys) {
    // History is newest first.
    const inside = journey.history.filter((entry) => {
      const time = Date.parse(entry.date);
      return (instant ? time > from : time >= from) && time <= to;
    });
    if (inside.length === 0) continue;
    const last = inside[0]!;
    const before = journey.history[journey.history.indexOf(inside.at(-1)!) + 1];
    changes.push({
      journeySlug: journey.slug,
      journeyTitle: journey.title,
      commits: inside.length,
      last: { short: last.short, date: last.date, subject: last.subject, author: last.author, ...(last.url ? { url: last.url } : {}), ...(last.version !== undefined ? { version: last.version } : {}) },
      ...(before?.version !== undefined ? { versionBefore: before.version } : {}),
    });
  }
  return changes.sort((a, b) => Date.parse(b.last.date) - Date.parse(a.last.date) || a.journeyTitle.localeCompare(b.journeyTitle, 'en'));
}

function page(journeys: readonly JourneyView[], quarter: string | undefined, latest: boolean, input: ReviewInput): ReviewQuarterView {
  const bounds = quarter !== undefined ? quarterBounds(quarter) : undefined;
  const rows = rowsAsOf(journeys, bounds?.end, input);
  const teams = new Map<string, RefView>();
  for (const row of rows) if (row.team && !teams.has(row.team.id)) teams.set(row.team.id, row.team);
  const perJourney = new Map<string, number>();
  for (const row of rows) perJourney.set(row.journeySlug, (perJourney.get(row.journeySlug) ?? 0) + 1);
  const count = (test: (row: ReviewRow) => boolean): number => rows.filter(test).length;
  // The latest page: since the review tag when there is one, else since the quarter began.
  const tag = latest ? input.reviewTag : undefined;
  const since = tag ? tag.date : bounds ? isoDay(bounds.start) : input.today;
  const until = latest || !bounds ? undefined : isoDay(bounds.end);
  return {
    slug: quarter !== undefined ? quarter.toLowerCase() : 'latest',
    ...(quarter !== undefined ? { quarter, from: isoDay(bounds!.start), to: isoDay(bounds!.end) } : {}),
    latest,
    rows,
    journeys: journeys.filter((journey) => perJourney.has(journey.slug)).map((journey) => ({ slug: journey.slug, title: journey.title, kpis: perJourney.get(journey.slug)! })),
    teams: [...teams.values()].sort((a, b) => a.name.localeCompare(b.name, 'en')),
    counts: {
      kpis: rows.length,
      measured: count((row) => row.latest !== undefined),
      met: count((row) => row.status === 'met'),
      missed: count((row) => row.status === 'missed'),
      improving: count((row) => row.trend === 'improving'),
      worsening: count((row) => row.trend === 'worsening'),
    },
    changes: { since, ...(tag ? { tag: tag.name } : {}), journeys: changesBetween(journeys, since, until) },
  };
}

/** The review as of each quarter that has a measure (up to today), the latest last. */
export function reviewView(input: ReviewInput): ReviewView {
  const today = parsePeriod(input.today)?.start ?? Infinity;
  const quarters = new Set<string>();
  for (const journey of input.journeys) {
    for (const kpi of journey.kpis) {
      for (const measure of kpi.series) {
        const start = parsePeriod(measure.period)?.start;
        if (start !== undefined && start <= today) quarters.add(quarterOf(start));
      }
    }
  }
  const ordered = [...quarters].sort().slice(-MAX_REVIEW_QUARTERS);
  if (ordered.length === 0) return { quarters: [], pages: [page(input.journeys, undefined, true, input)] };
  return { quarters: ordered, pages: ordered.map((quarter, index) => page(input.journeys, quarter, index === ordered.length - 1, input)) };
}

// --- Pages ---------------------------------------------------------------------

/** KPI rows a page of the review holds at most; a journey is never split, and one larger than this has a page of its own. */
export const REVIEW_ROWS_PER_PAGE = 200;
/** Journeys changed since the last review that the review's first page lists, the latest first. */
export const REVIEW_CHANGES_SHOWN = 50;

/**
 * The review of a quarter cut into pages of whole journeys, at most `size` KPI rows a
 * page (the page's journeys are its items; from, to and total count KPI rows), so that
 * a page stays of a bounded size however many journeys the company has.
 */
export function reviewPages(review: ReviewQuarterView, size = REVIEW_ROWS_PER_PAGE): CataloguePage<ReviewQuarterView['journeys'][number]>[] {
  if (!(size >= 1)) throw new RangeError(`a page holds at least one KPI, not ${size}`);
  const chunks: ReviewQuarterView['journeys'][number][][] = [];
  let rows = 0;
  for (const journey of review.journeys) {
    const last = chunks.at(-1);
    if (!last || rows + journey.kpis > size) {
      chunks.push([journey]);
      rows = journey.kpis;
    } else {
      last.push(journey);
      rows += journey.kpis;
    }
  }
  if (chunks.length === 0) chunks.push([]);
  const total = review.journeys.reduce((sum, journey) => sum + journey.kpis, 0);
  let before = 0;
  return chunks.map((items, index) => {
    const kpis = items.reduce((sum, journey) => sum + journey.kpis, 0);
    const page = { number: index + 1, count: chunks.length, from: kpis === 0 ? 0 : before + 1, to: before + kpis, total, items };
    before += kpis;
    return page;
  });
}

// --- CSV -----------------------------------------------------------------------

const PLAIN_NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break, its
 * quotes doubled. Text that a spreadsheet would run as a formula (starting with = + - @,
 * a tab or a carriage return) is prefixed with `'`; a plain number is left as it is.
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = typeof value === 'number' ? formatValue(value) : value;
  if (/^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV's columns, as named in English; each is written in the site's language. */
export const REVIEW_CSV_COLUMNS = [
  'journey',
  'journey title',
  'touchpoint',
  'touchpoint name',
  'team',
  'metric',
  'direction',
  'target',
  'previous period',
  'previous',
  'latest period',
  'latest',
  'change',
  'status',
  'trend',
] as const;

const HEADER_KEYS: Readonly<Record<(typeof REVIEW_CSV_COLUMNS)[number], MessageKey>> = {
  journey: 'csv.journey',
  'journey title': 'csv.journeyTitle',
  touchpoint: 'csv.touchpoint',
  'touchpoint name': 'csv.touchpointName',
  team: 'csv.team',
  metric: 'csv.metric',
  direction: 'csv.direction',
  target: 'csv.target',
  'previous period': 'csv.previousPeriod',
  previous: 'csv.previous',
  'latest period': 'csv.latestPeriod',
  latest: 'csv.latest',
  change: 'csv.change',
  status: 'csv.status',
  trend: 'csv.trend',
};
const DIRECTION_KEYS: Readonly<Record<Direction, MessageKey>> = { higher: 'csv.higher', lower: 'csv.lower' };
const STATUS_KEYS: Readonly<Record<ReviewStatus, MessageKey>> = { met: 'csv.met', missed: 'csv.missed', 'no-target': 'csv.noTarget', unmeasured: 'csv.unmeasured' };
const TREND_KEYS: Readonly<Record<Trend, MessageKey>> = { improving: 'trend.word.improving', worsening: 'trend.word.worsening', steady: 'trend.word.steady' };

/**
 * The review of a quarter as CSV: a header, then a line per KPI, CRLF line ends. The
 * header and the words (direction, status, trend) are the site's language; ids, periods
 * and numbers stay as written, so that a spreadsheet reads them in any locale.
 */
export function reviewCsv(review: ReviewQuarterView, words: Translator = translator()): string {
  const say = (key: MessageKey | undefined): string | undefined => (key === undefined ? undefined : (words.t as (key: MessageKey) => string)(key));
  const lines = [REVIEW_CSV_COLUMNS.map((column) => csvCell(say(HEADER_KEYS[column]))).join(',')];
  for (const row of review.rows) {
    lines.push(
      [
        row.journeyId,
        row.journeyTitle,
        row.touchpoint,
        row.touchpointName,
        row.team?.name,
        row.metric,
        say(DIRECTION_KEYS[row.direction]),
        row.target,
        row.previous?.period,
        row.previous?.value,
        row.latest?.period,
        row.latest?.value,
        row.change?.value,
        say(STATUS_KEYS[row.status]),
        row.trend === undefined ? undefined : say(TREND_KEYS[row.trend]),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
