/**
 * The catalogue: journeys, touchpoints and findings as lists that scale to a thousand
 * journeys. Each entry carries the values it can be filtered by (team, channel, persona,
 * stage, health, grade) and its place in every sort order, so that the static pages are
 * cut into pages of a bounded size and a small script filters and sorts in place by
 * reading data attributes, with no rule of its own. Pure: view data in, view data out.
 */
import type { Letter } from '../score/scorecard.ts';
import type { Severity } from '../model/types.ts';
import { healthOf } from './model.ts';
import type { Counts, FindingView, Health, JourneyView, QuadrantPointView, RefView, RuleView } from './types.ts';

/** What a list can be filtered by. */
export type FacetKey = 'team' | 'channel' | 'persona' | 'stage' | 'health' | 'grade' | 'severity' | 'rule';

export interface FacetValue {
  readonly value: string;
  readonly label: string;
  /** How many entries of the whole list have it. */
  readonly count: number;
}

export interface Facet {
  readonly key: FacetKey;
  readonly label: string;
  readonly values: readonly FacetValue[];
}

/** Each facet's values of one entry (a journey has several channels, a finding one). */
export type FacetValues = Readonly<Partial<Record<FacetKey, readonly string[]>>>;

/** The orders a journey list can be read in; the first is the default. */
export const JOURNEY_SORTS = [
  { key: 'attention', label: 'Needs attention first' },
  { key: 'grade', label: 'Worst grade first' },
  { key: 'findings', label: 'Most findings first' },
  { key: 'title', label: 'Title, A to Z' },
  { key: 'touchpoints', label: 'Most touchpoints first' },
  { key: 'reviewed', label: 'Longest unreviewed first' },
] as const;
export type JourneySort = (typeof JOURNEY_SORTS)[number]['key'];

export const TOUCHPOINT_SORTS = [
  { key: 'attention', label: 'Needs attention first' },
  { key: 'journey', label: 'Journey, then step' },
  { key: 'name', label: 'Name, A to Z' },
] as const;
export type TouchpointSort = (typeof TOUCHPOINT_SORTS)[number]['key'];

export interface GradeRef {
  readonly letter: Letter;
  readonly score: number;
}

export interface JourneyEntry {
  readonly slug: string;
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly owner?: RefView;
  readonly health: Health;
  readonly counts: Counts;
  readonly grade?: GradeRef;
  readonly touchpoints: number;
  readonly stages: number;
  readonly channels: number;
  readonly reviewed?: string;
  /** Stage widths for the card's strip: touchpoints per stage, in order. */
  readonly strip: readonly { readonly name: string; readonly touchpoints: number }[];
  readonly facets: FacetValues;
  /** Its place (from 0) in each sort order. */
  readonly order: Readonly<Record<JourneySort, number>>;
}

export interface TouchpointEntry {
  readonly journeySlug: string;
  readonly journeyTitle: string;
  readonly anchor: string;
  readonly id: string;
  readonly name: string;
  readonly summary?: string;
  readonly stage?: string;
  readonly channel?: RefView;
  readonly owner?: RefView;
  readonly timing: string;
  readonly momentOfTruth: boolean;
  readonly health: Health;
  readonly counts: Counts;
  readonly grade?: GradeRef;
  readonly facets: FacetValues;
  readonly order: Readonly<Record<TouchpointSort, number>>;
}

export interface FindingEntry {
  readonly finding: FindingView;
  readonly facets: FacetValues;
}

/** One page of a list: `number` from 1, `from`..`to` the entries it shows (from 1). */
export interface CataloguePage<T> {
  readonly number: number;
  readonly count: number;
  readonly from: number;
  readonly to: number;
  readonly total: number;
  readonly items: readonly T[];
}

export const JOURNEYS_PER_PAGE = 50;
export const TOUCHPOINTS_PER_PAGE = 100;
export const FINDINGS_PER_PAGE = 100;

const HEALTH_ORDER: readonly Health[] = ['errors', 'warnings', 'notes', 'healthy'];
const HEALTH_LABEL: Readonly<Record<Health, string>> = { errors: 'Errors', warnings: 'Warnings', notes: 'Notes', healthy: 'Healthy' };
const LETTERS: readonly Letter[] = ['A', 'B', 'C', 'D', 'E', 'F'];
const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };
const NO_GRADE = 'none';
const byText = (a: string, b: string): number => a.localeCompare(b, 'en');

/** Cuts `items` into pages of `size`; an empty list is one empty page. */
export function paginate<T>(items: readonly T[], size: number): CataloguePage<T>[] {
  if (!(size >= 1)) throw new RangeError(`a page holds at least one entry, not ${size}`);
  const count = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: count }, (_, index) => {
    const slice = items.slice(index * size, (index + 1) * size);
    return { number: index + 1, count, from: slice.length === 0 ? 0 : index * size + 1, to: index * size + slice.length, total: items.length, items: slice };
  });
}

/** The path of every page but the first of a list at `base` (`journeys/`), `{n}` standing for its number. */
export function pagePattern(base: string): string {
  return `${base}page/{n}/`;
}

/** The path of page `number` of a list at `base` (`journeys/`): the first page is the list's own. */
export function pagePath(base: string, number: number): string {
  return number <= 1 ? base : pagePattern(base).replace('{n}', String(number));
}

/**
 * The page numbers to link to from page `current` of `count`: the first, the last and
 * those around the current one, with `undefined` where numbers are left out.
 */
export function pageLinks(current: number, count: number, around = 2): (number | undefined)[] {
  const links: (number | undefined)[] = [];
  for (let number = 1; number <= count; number += 1) {
    if (number === 1 || number === count || Math.abs(number - current) <= around) links.push(number);
    else if (links.at(-1) !== undefined) links.push(undefined);
  }
  return links;
}

function total(counts: Counts): number {
  return counts.errors + counts.warnings + counts.infos;
}

/** Worst first: errors, then warnings, then the lower grade (ungraded after graded), then notes. */
function byAttention(a: { counts: Counts; grade?: GradeRef }, b: { counts: Counts; grade?: GradeRef }): number {
  return b.counts.errors - a.counts.errors || b.counts.warnings - a.counts.warnings || (a.grade?.score ?? 101) - (b.grade?.score ?? 101) || b.counts.infos - a.counts.infos;
}

/** Each entry's place in each order, by the comparators given (ties keep the list's order). */
function ranks<T, K extends string>(items: readonly T[], orders: Readonly<Record<K, (a: T, b: T) => number>>): Record<K, number>[] {
  const result = items.map(() => ({}) as Record<K, number>);
  for (const key of Object.keys(orders) as K[]) {
    const indexes = items.map((_, index) => index).sort((a, b) => orders[key](items[a]!, items[b]!) || a - b);
    indexes.forEach((item, place) => {
      result[item]![key] = place;
    });
  }
  return result;
}

/** Sorts entries by their place in one order. */
export function sortBy<T extends { readonly order: Readonly<Record<K, number>> }, K extends string>(entries: readonly T[], key: K): T[] {
  return [...entries].sort((a, b) => a.order[key] - b.order[key]);
}

const gradeOf = (journey: JourneyView): GradeRef | undefined => (journey.scorecard.grade ? { letter: journey.scorecard.grade.letter, score: journey.scorecard.grade.score } : undefined);

/** Every journey as a catalogue entry, in the order that needs attention first. */
export function journeyEntries(journeys: readonly JourneyView[]): JourneyEntry[] {
  const base = journeys.map((journey) => {
    const teams = new Set<string>();
    if (journey.owner) teams.add(journey.owner.id);
    for (const touchpoint of journey.touchpoints) if (touchpoint.owner) teams.add(touchpoint.owner.id);
    const grade = gradeOf(journey);
    return {
      slug: journey.slug,
      id: journey.id,
      title: journey.title,
      description: journey.description,
      owner: journey.owner,
      health: journey.health,
      counts: journey.counts,
      grade,
      touchpoints: journey.touchpoints.length,
      stages: journey.stages.length,
      channels: journey.channels.length,
      reviewed: journey.reviewed,
      strip: journey.stages.map((stage) => ({ name: stage.name, touchpoints: stage.touchpoints })),
      facets: {
        team: [...teams],
        channel: journey.channels.map((channel) => channel.id),
        persona: journey.personas.map((persona) => persona.id),
        stage: [...new Set(journey.stages.map((stage) => stage.name))],
        health: [journey.health],
        grade: [grade?.letter ?? NO_GRADE],
      },
    };
  });
  type Base = (typeof base)[number];
  const title = (a: Base, b: Base): number => byText(a.title, b.title) || byText(a.id, b.id);
  const orders = ranks<Base, JourneySort>(base, {
    attention: (a, b) => byAttention(a, b) || title(a, b),
    grade: (a, b) => (a.grade?.score ?? 101) - (b.grade?.score ?? 101) || title(a, b),
    findings: (a, b) => total(b.counts) - total(a.counts) || byAttention(a, b) || title(a, b),
    title,
    touchpoints: (a, b) => b.touchpoints - a.touchpoints || title(a, b),
    // Never reviewed first, then the oldest review.
    reviewed: (a, b) => (a.reviewed ?? '').localeCompare(b.reviewed ?? '') || title(a, b),
  });
  return sortBy(
    base.map((entry, index) => ({ ...entry, order: orders[index]! })),
    'attention',
  );
}

/** Every touchpoint of every journey as a catalogue entry, needing attention first. */
export function touchpointEntries(journeys: readonly JourneyView[]): TouchpointEntry[] {
  const base = journeys.flatMap((journey, journeyIndex) => {
    const grade = gradeOf(journey);
    return journey.touchpoints.map((touchpoint, step) => {
      const team = touchpoint.owner ?? journey.owner;
      return {
        journeySlug: journey.slug,
        journeyTitle: journey.title,
        anchor: touchpoint.anchor,
        id: touchpoint.id,
        name: touchpoint.name,
        summary: touchpoint.summary,
        stage: touchpoint.stage?.name,
        channel: touchpoint.channel,
        owner: touchpoint.owner,
        timing: touchpoint.timing,
        momentOfTruth: touchpoint.momentOfTruth,
        health: healthOf(touchpoint.counts),
        counts: touchpoint.counts,
        grade,
        journeyIndex,
        step,
        facets: {
          team: team ? [team.id] : [],
          channel: touchpoint.channel ? [touchpoint.channel.id] : [],
          persona: journey.personas.map((persona) => persona.id),
          stage: touchpoint.stage ? [touchpoint.stage.name] : [],
          health: [healthOf(touchpoint.counts)],
          grade: [grade?.letter ?? NO_GRADE],
        } satisfies FacetValues,
      };
    });
  });
  type Base = (typeof base)[number];
  const journeyOrder = (a: Base, b: Base): number => byText(a.journeyTitle, b.journeyTitle) || a.journeyIndex - b.journeyIndex || a.step - b.step;
  const orders = ranks<Base, TouchpointSort>(base, {
    attention: (a, b) => byAttention(a, b) || Number(b.momentOfTruth) - Number(a.momentOfTruth) || journeyOrder(a, b),
    journey: journeyOrder,
    name: (a, b) => byText(a.name, b.name) || journeyOrder(a, b),
  });
  return sortBy(
    base.map(({ journeyIndex: _journey, step: _step, ...entry }, index) => ({ ...entry, order: orders[index]! })),
    'attention',
  );
}

export interface RuleGroup {
  readonly rule: string;
  /** The worst severity among its findings. */
  readonly severity: Severity;
  readonly counts: Counts;
  readonly total: number;
  /** The id of the group's heading on the findings pages, and the page it starts on. */
  readonly anchor: string;
  readonly page: number;
}

/** A rule's findings on one page; `continued` when the group began on an earlier page. */
export interface FindingGroup {
  readonly rule: string;
  readonly anchor: string;
  readonly severity: Severity;
  readonly total: number;
  readonly continued: boolean;
  readonly items: readonly FindingEntry[];
}

export interface FindingCatalogue {
  /** One row per rule with findings: the worst rules first, then the most findings. */
  readonly rules: readonly RuleGroup[];
  readonly pages: readonly (CataloguePage<FindingEntry> & { readonly groups: readonly FindingGroup[] })[];
  readonly facets: readonly Facet[];
}

/** Where each finding is: its touchpoint's channel, stage and team (else its journey's owner), personas and grade. */
function findingFacets(journeys: readonly JourneyView[]): (finding: FindingView) => FacetValues {
  const bySlug = new Map(journeys.map((journey) => [journey.slug, journey]));
  return (finding) => {
    const journey = finding.journeySlug !== undefined ? bySlug.get(finding.journeySlug) : undefined;
    const touchpoint = journey && finding.touchpoint !== undefined ? journey.touchpoints.find((candidate) => candidate.id === finding.touchpoint) : undefined;
    const team = touchpoint?.owner ?? journey?.owner;
    return {
      severity: [finding.severity],
      rule: [finding.rule],
      team: team ? [team.id] : [],
      channel: touchpoint?.channel ? [touchpoint.channel.id] : [],
      persona: journey ? journey.personas.map((persona) => persona.id) : [],
      stage: touchpoint?.stage ? [touchpoint.stage.name] : [],
      grade: journey ? [journey.scorecard.grade?.letter ?? NO_GRADE] : [],
    };
  };
}

/**
 * Every finding grouped by rule, the worst rules first, cut into pages of `size`; each
 * rule's group says the page it starts on, for the summary table to link to.
 */
export function findingCatalogue(findings: readonly FindingView[], journeys: readonly JourneyView[], rules: readonly Pick<RuleView, 'id'>[] = [], size = FINDINGS_PER_PAGE): FindingCatalogue {
  const facetsOf = findingFacets(journeys);
  const byRule = new Map<string, FindingView[]>();
  for (const finding of findings) {
    let list = byRule.get(finding.rule);
    if (!list) byRule.set(finding.rule, (list = []));
    list.push(finding);
  }
  const known = new Map(rules.map((rule, index) => [rule.id, index]));
  const groups = [...byRule].map(([rule, list]) => {
    const counts = { errors: 0, warnings: 0, infos: 0 };
    for (const finding of list) {
      if (finding.severity === 'error') counts.errors += 1;
      else if (finding.severity === 'warning') counts.warnings += 1;
      else counts.infos += 1;
    }
    const severity: Severity = counts.errors > 0 ? 'error' : counts.warnings > 0 ? 'warning' : 'info';
    const sorted = [...list].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || byText(a.journey ?? '', b.journey ?? '') || byText(a.file, b.file) || a.line - b.line || a.column - b.column);
    return { rule, severity, counts, list: sorted };
  });
  groups.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.list.length - a.list.length || (known.get(a.rule) ?? Infinity) - (known.get(b.rule) ?? Infinity) || byText(a.rule, b.rule));
  const entries = groups.flatMap((group) => group.list.map((finding) => ({ finding, facets: facetsOf(finding) })));
  const anchor = (rule: string): string => `rule-${rule.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
  let start = 0;
  const summary: RuleGroup[] = groups.map((group) => {
    const row = { rule: group.rule, severity: group.severity, counts: group.counts, total: group.list.length, anchor: anchor(group.rule), page: Math.floor(start / size) + 1 };
    start += group.list.length;
    return row;
  });
  const firstOf = new Map<string, number>();
  entries.forEach((entry, index) => {
    if (!firstOf.has(entry.finding.rule)) firstOf.set(entry.finding.rule, index);
  });
  const groupOf = new Map(summary.map((group) => [group.rule, group]));
  const pages = paginate(entries, size).map((page) => {
    const pageGroups: FindingGroup[] = [];
    page.items.forEach((entry, offset) => {
      const last = pageGroups.at(-1);
      if (last && last.rule === entry.finding.rule) (last.items as FindingEntry[]).push(entry);
      else {
        const group = groupOf.get(entry.finding.rule)!;
        const first = page.from - 1 + offset === firstOf.get(entry.finding.rule);
        pageGroups.push({ rule: group.rule, anchor: group.anchor, severity: group.severity, total: group.total, continued: !first, items: [entry] });
      }
    });
    return { ...page, groups: pageGroups };
  });
  return { rules: summary, pages, facets: facetsFor(entries, journeys, ['severity', 'rule', 'team', 'channel', 'persona', 'stage', 'grade']) };
}

const FACET_LABEL: Readonly<Record<FacetKey, string>> = {
  team: 'Team',
  channel: 'Channel',
  persona: 'Persona',
  stage: 'Stage',
  health: 'Health',
  grade: 'Grade',
  severity: 'Severity',
  rule: 'Rule',
};

/**
 * The facets of a list: each value any entry has, with its label and how many entries
 * have it. Health, grade and severity keep their own order (worst first); the others
 * are sorted by label.
 */
export function facetsFor(entries: readonly { readonly facets: FacetValues }[], journeys: readonly JourneyView[], keys: readonly FacetKey[]): Facet[] {
  const names = new Map<string, string>();
  const name = (key: FacetKey, ref: RefView): void => {
    if (!names.has(`${key}\u0000${ref.id}`)) names.set(`${key}\u0000${ref.id}`, ref.name);
  };
  for (const journey of journeys) {
    if (journey.owner) name('team', journey.owner);
    for (const persona of journey.personas) name('persona', persona);
    for (const channel of journey.channels) name('channel', channel);
    for (const touchpoint of journey.touchpoints) if (touchpoint.owner) name('team', touchpoint.owner);
  }
  const fixed: Partial<Record<FacetKey, readonly string[]>> = {
    health: HEALTH_ORDER,
    grade: [...[...LETTERS].reverse(), NO_GRADE],
    severity: ['error', 'warning', 'info'],
  };
  const label = (key: FacetKey, value: string): string => {
    if (key === 'health') return HEALTH_LABEL[value as Health] ?? value;
    if (key === 'grade') return value === NO_GRADE ? 'No grade' : value;
    if (key === 'severity') return value.charAt(0).toUpperCase() + value.slice(1);
    return names.get(`${key}\u0000${value}`) ?? value;
  };
  return keys.map((key) => {
    const counts = new Map<string, number>();
    for (const entry of entries) for (const value of new Set(entry.facets[key] ?? [])) counts.set(value, (counts.get(value) ?? 0) + 1);
    const values = [...counts].map(([value, count]) => ({ value, label: label(key, value), count }));
    const order = fixed[key];
    if (order) values.sort((a, b) => order.indexOf(a.value) - order.indexOf(b.value));
    else values.sort((a, b) => byText(a.label, b.label) || byText(a.value, b.value));
    return { key, label: FACET_LABEL[key], values };
  });
}

/** Keeps the entries that have, for every facet given, one of its chosen values (an empty choice keeps all). */
export function filterEntries<T extends { readonly facets: FacetValues }>(entries: readonly T[], chosen: Readonly<Partial<Record<FacetKey, readonly string[]>>>): T[] {
  const active = (Object.entries(chosen) as [FacetKey, readonly string[]][]).filter(([, values]) => values.length > 0);
  return entries.filter((entry) => active.every(([key, values]) => (entry.facets[key] ?? []).some((value) => values.includes(value))));
}

/**
 * The data-f-<facet> attributes of a list's entries, read back by the page's filter
 * script: each of an entry's values as its place among the facet's values, which is its
 * option's place in the facet's choice after "all" (`data-f-persona="0 4"`). A facet of
 * one value has no choice to make, and no attribute. A hundred rows written as JSON arrays
 * of the values made a tenth of a catalogue page; every page of a list has the same facets.
 */
export function facetAttributes(facets: readonly Facet[]): (entry: FacetValues) => Record<string, string> {
  const places = facets.filter((facet) => facet.values.length > 1).map((facet) => ({ name: `data-f-${facet.key}`, key: facet.key, place: new Map(facet.values.map((value, index) => [value.value, index])) }));
  return (entry) => {
    const attributes: Record<string, string> = {};
    for (const { name, key, place } of places) {
      let indices = '';
      for (const value of entry[key] ?? []) {
        const index = place.get(value);
        if (index !== undefined) indices += indices === '' ? String(index) : ` ${index}`;
      }
      attributes[name] = indices;
    }
    return attributes;
  };
}

export interface Attention {
  /** Journeys with errors, the most first. */
  readonly errors: readonly JourneyEntry[];
  readonly errorCount: number;
  /** Touchpoints that matter to customers and miss their KPI target: the most important first. */
  readonly actFirst: readonly QuadrantPointView[];
  readonly actFirstCount: number;
  /** The graded journeys with the lowest scores. */
  readonly worst: readonly JourneyEntry[];
}

/** What the home page leads with: what needs attention, at most `limit` of each. */
export function attention(entries: readonly JourneyEntry[], quadrant: readonly QuadrantPointView[], limit = 8): Attention {
  const errors = entries.filter((entry) => entry.health === 'errors');
  const actFirst = quadrant
    .filter((point) => point.quadrant === 'act-first')
    .sort((a, b) => b.importance - a.importance || a.performance - b.performance || byText(a.journeyTitle, b.journeyTitle) || byText(a.touchpoint, b.touchpoint));
  const worst = sortBy(
    entries.filter((entry) => entry.grade !== undefined),
    'grade',
  );
  return { errors: errors.slice(0, limit), errorCount: errors.length, actFirst: actFirst.slice(0, limit), actFirstCount: actFirst.length, worst: worst.slice(0, limit) };
}

/** The channel x stage matrix by stage position: column n holds the n-th stage of every journey. */
export interface PositionMatrix {
  readonly columns: readonly {
    /** From 1; 0 for touchpoints with no known stage. */
    readonly position: number;
    readonly label: string;
    /** The names stages at this position most often have, the commonest first (at most 3). */
    readonly names: readonly { readonly name: string; readonly journeys: number }[];
    /** How many journeys have a stage at this position. */
    readonly journeys: number;
  }[];
  readonly rows: readonly { readonly channel: RefView; readonly outbound: boolean; readonly cells: readonly number[]; readonly total: number }[];
  readonly max: number;
}

/**
 * Journeys name their stages freely, so unrelated journeys seldom share a name: the
 * matrix puts each touchpoint in the column of its stage's position in its journey
 * (first stage, second stage...), naming each column by its commonest stage names.
 */
export function positionMatrix(journeys: readonly JourneyView[]): PositionMatrix {
  const deepest = Math.max(0, ...journeys.map((journey) => journey.stages.length));
  const names = Array.from({ length: deepest }, () => new Map<string, number>());
  const depth = Array.from({ length: deepest }, () => 0);
  for (const journey of journeys) {
    journey.stages.forEach((stage, index) => {
      depth[index]! += 1;
      names[index]!.set(stage.name, (names[index]!.get(stage.name) ?? 0) + 1);
    });
  }
  const rows = new Map<string, { channel: RefView; outbound: boolean; cells: number[]; total: number }>();
  let orphans = false;
  for (const journey of journeys) {
    const position = new Map(journey.stages.map((stage, index) => [stage.id, index]));
    for (const touchpoint of journey.touchpoints) {
      if (!touchpoint.channel) continue;
      let row = rows.get(touchpoint.channel.id);
      if (!row) rows.set(touchpoint.channel.id, (row = { channel: { id: touchpoint.channel.id, name: touchpoint.channel.name, slug: touchpoint.channel.slug }, outbound: touchpoint.channel.outbound ?? false, cells: Array.from({ length: deepest + 1 }, () => 0), total: 0 }));
      const index = touchpoint.stage ? position.get(touchpoint.stage.id) : undefined;
      if (index === undefined) orphans = true;
      row.cells[index ?? deepest]! += 1;
      row.total += 1;
    }
  }
  const columns = [
    ...names.map((counts, index) => ({
      position: index + 1,
      label: `Stage ${index + 1}`,
      names: [...counts]
        .sort((a, b) => b[1] - a[1] || byText(a[0], b[0]))
        .slice(0, 3)
        .map(([name, count]) => ({ name, journeys: count })),
      journeys: depth[index]!,
    })),
    ...(orphans ? [{ position: 0, label: 'No known stage', names: [], journeys: 0 }] : []),
  ];
  const list = [...rows.values()]
    .map((row) => ({ ...row, cells: orphans ? row.cells : row.cells.slice(0, deepest) }))
    .sort((a, b) => b.total - a.total || byText(a.channel.name, b.channel.name));
  let max = 0;
  for (const row of list) for (const cell of row.cells) max = Math.max(max, cell);
  return { columns, rows: list, max };
}
