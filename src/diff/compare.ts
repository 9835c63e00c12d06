/**
 * What a change does to the journeys: a pure comparison of the repository at a
 * base revision with the repository now, their findings and their simulated
 * timelines.
 */
import { findingsNotIn } from '../engine/baseline.ts';
import { canonical } from '../model/canonical.ts';
import type { Finding, Journey, Repository, Touchpoint } from '../model/types.ts';
import { formatMoment } from '../simulate/clock.ts';
import type { Timeline } from '../simulate/timeline.ts';

export interface FieldChange {
  /** Dotted path of the field: `owner`, `message.text`, `kpis`. */
  readonly field: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface TouchpointSummary {
  readonly id: string;
  readonly stage?: string;
  readonly channel?: string;
  readonly owner?: string;
  readonly text?: string;
}

export interface JourneySummary {
  readonly id: string;
  readonly file: string;
  readonly title?: string;
  readonly touchpoints: number;
}

export interface JourneyChange {
  readonly id: string;
  readonly file: string;
  readonly title?: string;
  /** The journey's own fields (title, owner, version, stages...). */
  readonly fields: readonly FieldChange[];
  readonly added: readonly TouchpointSummary[];
  readonly removed: readonly TouchpointSummary[];
  readonly changed: readonly { readonly id: string; readonly fields: readonly FieldChange[] }[];
}

export interface SendSummary {
  readonly time: number;
  readonly when: string;
  readonly journey: string;
  readonly touchpoint: string;
  readonly channel: string;
}

export interface ScenarioChange {
  readonly scenario: string;
  /** Messages the scenario's customer now gets, and no longer gets. */
  readonly added: readonly SendSummary[];
  readonly removed: readonly SendSummary[];
}

export interface JourneysDiff {
  readonly journeys: {
    readonly added: readonly JourneySummary[];
    readonly removed: readonly JourneySummary[];
    readonly renamed: readonly { readonly from: JourneySummary; readonly to: JourneySummary }[];
    readonly changed: readonly JourneyChange[];
  };
  readonly timelines: readonly ScenarioChange[];
  readonly findings: { readonly introduced: readonly Finding[]; readonly fixed: readonly Finding[] };
  /** What could not be compared, in plain words (a file unreadable at the base...). */
  readonly notes: readonly string[];
}

export interface Side {
  readonly repo: Repository;
  readonly findings: readonly Finding[];
  readonly timelines: readonly Timeline[];
}

/** The fields of an object, flattened one level into its sub-objects (`message.text`); lists stay whole. */
function flatten(data: unknown): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return fields;
  for (const [key, value] of Object.entries(data)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, innerValue] of Object.entries(value)) fields.set(`${key}.${inner}`, innerValue);
    } else {
      fields.set(key, value);
    }
  }
  return fields;
}

function fieldChanges(before: unknown, after: unknown, ignore: ReadonlySet<string> = new Set()): FieldChange[] {
  const old = flatten(before);
  const now = flatten(after);
  const changes: FieldChange[] = [];
  for (const field of new Set([...old.keys(), ...now.keys()])) {
    if (ignore.has(field)) continue;
    if (canonical(old.get(field)) === canonical(now.get(field))) continue;
    changes.push({ field, before: old.get(field), after: now.get(field) });
  }
  return changes;
}

const summary = (journey: Journey): JourneySummary => ({ id: journey.id, file: journey.file, title: journey.title, touchpoints: journey.touchpoints.length });
const touchpointSummary = (touchpoint: Touchpoint): TouchpointSummary => ({
  id: touchpoint.id,
  stage: touchpoint.stage,
  channel: touchpoint.channel,
  owner: touchpoint.owner,
  text: touchpoint.message?.text,
});
const rawOf = (journey: Journey, touchpoint: Touchpoint): unknown => {
  const list = journey.raw.touchpoints;
  return Array.isArray(list) ? list[touchpoint.ref.path[1] as number] : undefined;
};

function compareJourney(before: Journey, after: Journey): JourneyChange | undefined {
  // A file the same at the base keeps the work tree's parse, and so its journey (loadAtRevision's reuse).
  if (before === after) return undefined;
  const fields = fieldChanges(before.raw, after.raw, new Set(['touchpoints']));
  const old = new Map(before.touchpoints.map((touchpoint) => [touchpoint.id, touchpoint]));
  const now = new Map(after.touchpoints.map((touchpoint) => [touchpoint.id, touchpoint]));
  const added = after.touchpoints.filter((touchpoint) => !old.has(touchpoint.id)).map(touchpointSummary);
  const removed = before.touchpoints.filter((touchpoint) => !now.has(touchpoint.id)).map(touchpointSummary);
  const changed: { id: string; fields: FieldChange[] }[] = [];
  for (const touchpoint of after.touchpoints) {
    const previous = old.get(touchpoint.id);
    if (!previous) continue;
    const changes = fieldChanges(rawOf(before, previous), rawOf(after, touchpoint));
    if ((previous.narrative?.markdown ?? '') !== (touchpoint.narrative?.markdown ?? '')) {
      changes.push({ field: 'narrative', before: previous.narrative?.markdown, after: touchpoint.narrative?.markdown });
    }
    if (changes.length > 0) changed.push({ id: touchpoint.id, fields: changes });
  }
  if ((before.narrative?.markdown ?? '') !== (after.narrative?.markdown ?? '')) {
    fields.push({ field: 'narrative', before: before.narrative?.markdown, after: after.narrative?.markdown });
  }
  if (fields.length === 0 && added.length === 0 && removed.length === 0 && changed.length === 0 && before.file === after.file) return undefined;
  return { id: after.id, file: after.file, title: after.title, fields, added, removed, changed };
}

const sendKey = (send: SendSummary): string => `${send.journey}\u0000${send.touchpoint}\u0000${send.time}`;

/** `renamed` maps a journey's id at the base to its id now, so that a renamed journey's messages match. */
function compareTimelines(before: readonly Timeline[], after: readonly Timeline[], renamed: ReadonlyMap<string, string>): ScenarioChange[] {
  const sends = (timeline: Timeline | undefined, ids: ReadonlyMap<string, string> = new Map()): SendSummary[] =>
    (timeline?.sends ?? []).map((send) => ({
      time: send.time,
      when: formatMoment(send.time, timeline?.scenario.start),
      journey: ids.get(send.journey.id) ?? send.journey.id,
      touchpoint: send.touchpoint.id,
      channel: send.channel,
    }));
  const old = new Map(before.map((timeline) => [timeline.scenario.id, timeline]));
  const now = new Map(after.map((timeline) => [timeline.scenario.id, timeline]));
  const changes: ScenarioChange[] = [];
  for (const id of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    const was = sends(old.get(id), renamed);
    const is = sends(now.get(id));
    const wasKeys = new Set(was.map(sendKey));
    const isKeys = new Set(is.map(sendKey));
    const added = is.filter((send) => !wasKeys.has(sendKey(send)));
    const removed = was.filter((send) => !isKeys.has(sendKey(send)));
    if (added.length > 0 || removed.length > 0) changes.push({ scenario: id, added, removed });
  }
  return changes;
}

/** The journeys of the base and of the head that are one journey, and how its id changed. */
export interface JourneyPairs {
  /** For each journey of the head that was there at the base, what it was. */
  readonly previous: ReadonlyMap<Journey, Journey>;
  /** A journey's id at the base -> its id now, for the journeys whose id changed. */
  readonly newIds: ReadonlyMap<string, string>;
}

/** Everything a journey says but its id, to find one renamed without a trace in its file. */
const contentOf = (journey: Journey): string => {
  const rest = Object.fromEntries(Object.entries(journey.raw).filter(([key]) => key !== 'journey'));
  return canonical([rest, journey.narrative?.markdown ?? '']);
};
const touchpointIds = (journey: Journey): string => canonical(journey.touchpoints.map((touchpoint) => touchpoint.id).sort());

/**
 * Which journeys of the head were which at the base, so that a rename is one journey
 * changed, never one removed and one added (with every message of it counted twice): the
 * same id, even in another file; else the same file under a new id; else, for a journey
 * both moved and renamed, the same content under a new id, or failing that the same
 * touchpoints, when one journey on each side has them.
 */
export function pairJourneys(base: Repository, head: Repository): JourneyPairs {
  const oldById = new Map(base.journeys.map((journey) => [journey.id, journey]));
  const newById = new Map(head.journeys.map((journey) => [journey.id, journey]));
  const oldByFile = new Map(base.journeys.map((journey) => [journey.file, journey]));
  const previous = new Map<Journey, Journey>();
  const taken = new Set<Journey>();
  const pair = (now: Journey, then: Journey): void => {
    previous.set(now, then);
    taken.add(then);
  };
  for (const journey of head.journeys) {
    const same = oldById.get(journey.id);
    if (same) pair(journey, same);
  }
  for (const journey of head.journeys) {
    if (previous.has(journey)) continue;
    const inFile = oldByFile.get(journey.file);
    if (inFile && !taken.has(inFile) && !newById.has(inFile.id)) pair(journey, inFile);
  }
  for (const key of [contentOf, touchpointIds]) {
    const left = (journeys: readonly Journey[], done: (journey: Journey) => boolean): Map<string, Journey[]> => {
      const byKey = new Map<string, Journey[]>();
      for (const journey of journeys) {
        if (done(journey) || journey.touchpoints.length === 0) continue;
        const k = key(journey);
        byKey.set(k, [...(byKey.get(k) ?? []), journey]);
      }
      return byKey;
    };
    const olds = left(base.journeys, (journey) => taken.has(journey) || newById.has(journey.id));
    for (const [k, news] of left(head.journeys, (journey) => previous.has(journey))) {
      const candidates = olds.get(k);
      // Only one on each side: two look-alike journeys are not guessed at.
      if (news.length === 1 && candidates?.length === 1) pair(news[0]!, candidates[0]!);
    }
  }
  const newIds = new Map<string, string>();
  for (const [now, then] of previous) if (now.id !== then.id) newIds.set(then.id, now.id);
  return { previous, newIds };
}

/**
 * Findings of the base read under the journeys' ids now: identities name journeys (the
 * finding's own and its related places'), and a renamed journey is the same journey.
 */
export function underNewIds(findings: readonly Finding[], newIds: ReadonlyMap<string, string>): readonly Finding[] {
  if (newIds.size === 0) return findings;
  const renamedId = (id: string | undefined): string | undefined => (id !== undefined ? (newIds.get(id) ?? id) : id);
  return findings.map((finding) => ({
    ...finding,
    journey: renamedId(finding.journey),
    related: finding.related.map((place) => ({ ...place, journey: renamedId(place.journey) })),
  }));
}

export function compare(base: Side, head: Side): JourneysDiff {
  const notes: string[] = [];
  // A file skipped on purpose (a link out of the repository, say) is an info finding, not a file that cannot be read.
  for (const problem of base.repo.problems) {
    if (problem.kind !== 'parse' || problem.severity === 'info') continue;
    notes.push(`${problem.at.file} could not be read at the base revision (${problem.message}): its changes are shown as if it were new.`);
  }
  for (const problem of head.repo.problems) {
    if (problem.kind !== 'parse' || problem.severity === 'info') continue;
    notes.push(`${problem.at.file} cannot be read now (${problem.message}): what it held is shown as removed until it is fixed.`);
  }
  const added: JourneySummary[] = [];
  const renamed: { from: JourneySummary; to: JourneySummary }[] = [];
  const changed: JourneyChange[] = [];
  const pairs = pairJourneys(base.repo, head.repo);
  for (const journey of head.repo.journeys) {
    const previous = pairs.previous.get(journey);
    if (!previous) {
      added.push(summary(journey));
      continue;
    }
    if (previous.id !== journey.id || previous.file !== journey.file) renamed.push({ from: summary(previous), to: summary(journey) });
    const change = compareJourney(previous, journey);
    if (change && (change.fields.length > 0 || change.added.length > 0 || change.removed.length > 0 || change.changed.length > 0)) changed.push(change);
  }
  const matched = new Set(pairs.previous.values());
  const removed = base.repo.journeys.filter((journey) => !matched.has(journey)).map(summary);

  const newIds = pairs.newIds;
  const baseFindings = underNewIds(base.findings, newIds);
  return {
    journeys: { added, removed, renamed, changed },
    timelines: compareTimelines(base.timelines, head.timelines, newIds),
    findings: { introduced: findingsNotIn(head.findings, baseFindings), fixed: findingsNotIn(baseFindings, head.findings) },
    notes,
  };
}
