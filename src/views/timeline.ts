/**
 * A scenario's timeline as its readers show it: each send with the breaches found
 * on it, events and sends in time order, grouped by day. One answer for the
 * command line's `simulate` and the site's scenario pages.
 */
import { pushTo } from '../model/collections.ts';
import type { Finding, ScenarioEvent } from '../model/types.ts';
import type { Send, Timeline } from '../simulate/timeline.ts';

const DAY = 24 * 60;
const NONE: readonly Finding[] = [];

/** The findings of each scenario, grouped once, in their order. */
export function findingsByScenario(findings: readonly Finding[]): (scenario: string) => readonly Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) if (finding.scenario !== undefined) pushTo(groups, finding.scenario, finding);
  return (scenario) => groups.get(scenario) ?? NONE;
}

/**
 * The breaches of each send of `timeline`, in send order: a finding belongs to a send
 * when it names the same journey, touchpoint and time. Findings are indexed once, so
 * that a timeline of many sends and many breaches stays linear.
 */
export function breachesOfSends(own: readonly Finding[], timeline: Timeline): (readonly Finding[])[] {
  const key = (journey: string | undefined, touchpoint: string | undefined, time: number | undefined): string => `${journey}\u0000${touchpoint}\u0000${time}`;
  const byKey = new Map<string, Finding[]>();
  for (const finding of own) {
    if (finding.time === undefined) continue;
    pushTo(byKey, key(finding.journey, finding.touchpoint, finding.time), finding);
  }
  return timeline.sends.map((send) => byKey.get(key(send.journey.id, send.touchpoint.id, send.time)) ?? NONE);
}

export type TimelineEntry =
  | { readonly kind: 'event'; readonly time: number; readonly event: ScenarioEvent }
  | { readonly kind: 'send'; readonly time: number; readonly send: Send; readonly breaches: readonly Finding[] };

export interface TimelineDay {
  /** Days since day 0 of the scenario. */
  readonly day: number;
  readonly entries: readonly TimelineEntry[];
  /** Outbound sends that day. */
  readonly outbound: number;
}

/**
 * The events and sends of `timeline`, events before the sends they cause at the same
 * minute, grouped by day; `own` are the scenario's findings, whose breaches are set
 * on their sends.
 */
export function timelineDays(timeline: Timeline, own: readonly Finding[]): TimelineDay[] {
  const breaches = breachesOfSends(own, timeline);
  const entries: TimelineEntry[] = [
    ...timeline.scenario.events.map((event): TimelineEntry => ({ kind: 'event', time: event.at, event })),
    ...timeline.sends.map((send, index): TimelineEntry => ({ kind: 'send', time: send.time, send, breaches: breaches[index]! })),
  ];
  entries.sort((a, b) => a.time - b.time || (a.kind === b.kind ? 0 : a.kind === 'event' ? -1 : 1));
  const days: { day: number; entries: TimelineEntry[]; outbound: number }[] = [];
  for (const entry of entries) {
    const day = Math.floor(entry.time / DAY);
    let current = days.at(-1);
    if (!current || current.day !== day) days.push((current = { day, entries: [], outbound: 0 }));
    current.entries.push(entry);
    if (entry.kind === 'send' && entry.send.outbound) current.outbound += 1;
  }
  return days;
}
