import type { Channel, Journey, Repository, Scenario, ScenarioEvent, Touchpoint } from '../model/types.ts';
import { pushTo } from '../model/collections.ts';

const DAY = 24 * 60;

/** One message or contact that a scenario's customer receives. */
export interface Send {
  /** Minutes after the start of day 0, local time. */
  readonly time: number;
  readonly journey: Journey;
  readonly touchpoint: Touchpoint;
  readonly channel: string;
  readonly outbound: boolean;
  readonly intent?: string;
  /** The scenario event that triggered it. */
  readonly cause: ScenarioEvent;
  /** 0 for the first send, then 1, 2... for repeats. */
  readonly repeat: number;
}

export interface Timeline {
  readonly scenario: Scenario;
  /** Sorted by time, then journey, then touchpoint. */
  readonly sends: readonly Send[];
}

/** The first moment at or after `time` whose local time of day is `at`. */
export function nextAt(time: number, at: number): number {
  const candidate = Math.floor(time / DAY) * DAY + at;
  return candidate >= time ? candidate : candidate + DAY;
}

/** Touchpoints by the event that triggers them, built once per repository. */
export function touchpointsByTrigger(repo: Repository): ReadonlyMap<string, readonly { journey: Journey; touchpoint: Touchpoint }[]> {
  const index = new Map<string, { journey: Journey; touchpoint: Touchpoint }[]>();
  for (const journey of repo.journeys) {
    for (const touchpoint of journey.touchpoints) {
      if (touchpoint.trigger === undefined) continue;
      pushTo(index, touchpoint.trigger, { journey, touchpoint });
    }
  }
  return index;
}

/** The times of a touchpoint's sends for one occurrence of its trigger, `until` applied. */
export function sendTimes(touchpoint: Touchpoint, triggeredAt: number, untilAt: number | undefined): number[] {
  const first = touchpoint.at === undefined ? triggeredAt + touchpoint.after : nextAt(triggeredAt + touchpoint.after, touchpoint.at);
  const times: number[] = [];
  const count = 1 + (touchpoint.repeat?.times ?? 0);
  for (let k = 0; k < count; k += 1) {
    let time = first + k * (touchpoint.repeat?.every ?? 0);
    // A repeat keeps to the send hour when the touchpoint has one.
    if (touchpoint.at !== undefined && k > 0) time = nextAt(time, touchpoint.at);
    if (untilAt !== undefined && time >= untilAt) break;
    times.push(time);
  }
  return times;
}

function compareSends(a: Send, b: Send): number {
  return (
    a.time - b.time ||
    (a.journey.id < b.journey.id ? -1 : a.journey.id > b.journey.id ? 1 : 0) ||
    (a.touchpoint.id < b.touchpoint.id ? -1 : a.touchpoint.id > b.touchpoint.id ? 1 : 0) ||
    a.repeat - b.repeat
  );
}

/**
 * What one customer receives: every touchpoint of every journey whose trigger
 * occurs in the scenario, with `after`, `at`, `repeat` and `until` applied.
 * Pure and deterministic.
 */
export function simulateScenario(
  scenario: Scenario,
  byTrigger: ReturnType<typeof touchpointsByTrigger>,
  channels: ReadonlyMap<string, Channel>,
): Timeline {
  const events = [...scenario.events].sort((a, b) => a.at - b.at);
  const occurrences = new Map<string, number[]>();
  for (const event of events) pushTo(occurrences, event.event, event.at);
  const firstAtOrAfter = (name: string, time: number): number | undefined => occurrences.get(name)?.find((t) => t >= time);

  const sends: Send[] = [];
  for (const event of events) {
    for (const { journey, touchpoint } of byTrigger.get(event.event) ?? []) {
      const untilAt = touchpoint.until === undefined ? undefined : firstAtOrAfter(touchpoint.until, event.at);
      const channel = touchpoint.channel ?? '';
      const outbound = channels.get(channel)?.outbound ?? false;
      sendTimes(touchpoint, event.at, untilAt).forEach((time, repeat) => {
        sends.push({ time, journey, touchpoint, channel, outbound, intent: touchpoint.message?.intent, cause: event, repeat });
      });
    }
  }
  sends.sort(compareSends);
  return { scenario, sends };
}

const memo = new WeakMap<Repository, readonly Timeline[]>();

/** Every scenario's timeline, computed once per repository and shared by the rules that need them. */
export function simulate(repo: Repository): readonly Timeline[] {
  let timelines = memo.get(repo);
  if (!timelines) {
    const byTrigger = touchpointsByTrigger(repo);
    const channels = new Map(repo.channels.map((channel) => [channel.id, channel]));
    timelines = repo.scenarios.map((scenario) => simulateScenario(scenario, byTrigger, channels));
    memo.set(repo, timelines);
  }
  return timelines;
}
