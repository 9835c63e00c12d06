import type { Category, Channel, Journey, Repository, Scenario, ScenarioEvent, Touchpoint } from '../model/types.ts';
import { reaches } from '../model/audience.ts';
import { pushTo } from '../model/collections.ts';
import { touchpointsByTrigger } from '../model/triggers.ts';
import { MAX_SCENARIO_EVENTS, MAX_SENDS_PER_SCENARIO, MAX_SENDS_PER_TOUCHPOINT } from '../model/limits.ts';
import { customerCalendar, customerSettings, NO_CALENDAR, type CustomerCalendar, type CustomerClock } from './calendar.ts';
import { implicitScenarios, MAX_IMPLICIT_SCENARIOS } from './implicit.ts';

const DAY = 24 * 60;

/** One message or contact that a scenario's customer receives. */
export interface Send {
  /** Minutes after the start of day 0, the customer's wall-clock time: what their clock shows. */
  readonly time: number;
  /**
   * Real minutes elapsed since the start of day 0: `time` but across daylight-saving
   * changes, for windows of real length. Equal to `time` without a time zone or a start date.
   */
  readonly instant: number;
  readonly journey: Journey;
  readonly touchpoint: Touchpoint;
  readonly channel: string;
  readonly outbound: boolean;
  /** The touchpoint's category, for caps, quiet hours and consent that apply to some only. */
  readonly category: Category;
  readonly intent?: string;
  /** The scenario event that triggered it. */
  readonly cause: ScenarioEvent;
  /** 0 for the first send, then 1, 2... for repeats. */
  readonly repeat: number;
}

/**
 * A part of a scenario that was not simulated because it went past a limit
 * (model/limits.ts): events past the limit, sends of a touchpoint past its limit,
 * or every send from an event on once the scenario had its most sends.
 */
export type Cut =
  | { readonly kind: 'events'; readonly events: number; readonly limit: number }
  | { readonly kind: 'touchpoint-sends'; readonly journey: Journey; readonly touchpoint: Touchpoint; readonly limit: number }
  | { readonly kind: 'scenario-sends'; readonly event: ScenarioEvent; readonly limit: number }
  /** Implicit scenarios past the limit, not simulated (reported once, on the last one simulated). */
  | { readonly kind: 'implicit-scenarios'; readonly scenarios: number; readonly limit: number };

export interface Timeline {
  readonly scenario: Scenario;
  /** Sorted by time, then journey, then touchpoint. */
  readonly sends: readonly Send[];
  /** What the limits left out; empty for every scenario of a reasonable size. */
  readonly cuts: readonly Cut[];
  /**
   * The customer's calendar (dates, weekdays, public holidays of scenario times), for rules
   * that check days; undefined when the scenario has no start date, and so no calendar.
   */
  readonly calendar?: CustomerCalendar;
}

/** The first moment at or after `time` whose local time of day is `at`. */
export function nextAt(time: number, at: number): number {
  const candidate = Math.floor(time / DAY) * DAY + at;
  return candidate >= time ? candidate : candidate + DAY;
}

/** When a send happens: the customer's wall-clock time, and the real time elapsed (see Send). */
export interface SendTime {
  readonly time: number;
  readonly instant: number;
}

/**
 * The times of a touchpoint's sends for one occurrence of its trigger (a wall-clock
 * time), `until` applied (an instant), at most `most` of them: a repeat may ask for
 * millions. `after` moves along the customer's calendar and `at` is wall-clock time;
 * `repeat.every` is elapsed time.
 */
export function sendTimes(
  touchpoint: Touchpoint,
  triggeredAt: number,
  untilInstant: number | undefined,
  most = MAX_SENDS_PER_TOUCHPOINT,
  clock: CustomerClock = NO_CALENDAR,
): SendTime[] {
  const delayed = clock.after(triggeredAt, touchpoint.delay);
  const firstTime = touchpoint.at === undefined ? delayed : clock.time(clock.instant(nextAt(delayed, touchpoint.at)));
  const first = clock.instant(firstTime);
  const times: SendTime[] = [];
  const count = Math.min(1 + (touchpoint.repeat?.times ?? 0), most);
  for (let k = 0; k < count; k += 1) {
    const every = k * (touchpoint.repeat?.every ?? 0);
    let instant = first + every;
    let time = k === 0 ? firstTime : clock.time(instant);
    // A repeat keeps to the send hour when the touchpoint has one: counted on the wall
    // clock, so that a daily SMS at 09:00 is not moved to the next day by the hour lost in spring.
    if (touchpoint.at !== undefined && k > 0) {
      time = clock.time(clock.instant(nextAt(firstTime + every, touchpoint.at)));
      instant = clock.instant(time);
    }
    // Durations may each be up to 2^53 minutes, but their sum past it is no longer a whole
    // minute (nor at its send hour): such a send, billions of years away, is not planned.
    if (!Number.isSafeInteger(time) || !Number.isSafeInteger(instant)) break;
    if (untilInstant !== undefined && instant >= untilInstant) break;
    times.push({ time, instant });
  }
  return times;
}

function compareSends(a: Send, b: Send): number {
  return (
    a.instant - b.instant ||
    a.time - b.time ||
    (a.journey.id < b.journey.id ? -1 : a.journey.id > b.journey.id ? 1 : 0) ||
    (a.touchpoint.id < b.touchpoint.id ? -1 : a.touchpoint.id > b.touchpoint.id ? 1 : 0) ||
    a.repeat - b.repeat
  );
}

/** The first of sorted `times` at or after `time`, by binary search. */
function firstAtOrAfter(times: readonly number[] | undefined, time: number): number | undefined {
  if (!times) return undefined;
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle]! < time) low = middle + 1;
    else high = middle;
  }
  return times[low];
}

/**
 * What one customer receives: every touchpoint of every journey whose trigger
 * occurs in the scenario and whose audience holds the scenario's persona, with
 * `after`, `at`, `repeat` and `until` applied on the customer's calendar.
 * Pure and deterministic. The limits of model/limits.ts are applied before the
 * sends are made, and what they leave out is listed in `cuts`.
 */
export function simulateScenario(
  scenario: Scenario,
  byTrigger: ReturnType<typeof touchpointsByTrigger>,
  channels: ReadonlyMap<string, Channel>,
  calendar?: CustomerCalendar,
): Timeline {
  const clock = calendar ?? NO_CALENDAR;
  const cuts: Cut[] = [];
  let written = scenario.events;
  if (written.length > MAX_SCENARIO_EVENTS) {
    cuts.push({ kind: 'events', events: written.length, limit: MAX_SCENARIO_EVENTS });
    written = written.slice(0, MAX_SCENARIO_EVENTS);
  }
  const events = [...written].sort((a, b) => a.at - b.at);
  const occurrences = new Map<string, number[]>();
  for (const event of events) pushTo(occurrences, event.event, event.at);

  const sends: Send[] = [];
  const perTouchpoint = new Map<Touchpoint, number>();
  simulation: for (const event of events) {
    for (const { journey, touchpoint } of byTrigger.get(event.event) ?? []) {
      if (!reaches(journey, scenario.persona)) continue;
      const made = perTouchpoint.get(touchpoint) ?? 0;
      if (made > MAX_SENDS_PER_TOUCHPOINT) continue;
      const touchpointRoom = MAX_SENDS_PER_TOUCHPOINT - made;
      const scenarioRoom = MAX_SENDS_PER_SCENARIO - sends.length;
      const untilAt = touchpoint.until === undefined ? undefined : firstAtOrAfter(occurrences.get(touchpoint.until), event.at);
      // One more than there is room for tells whether the touchpoint wanted more.
      const times = sendTimes(touchpoint, event.at, untilAt === undefined ? undefined : clock.instant(untilAt), Math.min(touchpointRoom, scenarioRoom) + 1, clock);
      const full = times.length > scenarioRoom && scenarioRoom < touchpointRoom;
      let sent = made + times.length;
      if (full) {
        cuts.push({ kind: 'scenario-sends', event, limit: MAX_SENDS_PER_SCENARIO });
        times.length = scenarioRoom;
      } else if (times.length > touchpointRoom) {
        cuts.push({ kind: 'touchpoint-sends', journey, touchpoint, limit: MAX_SENDS_PER_TOUCHPOINT });
        times.length = touchpointRoom;
        // Past the limit, so that the touchpoint is neither simulated nor listed again.
        sent = MAX_SENDS_PER_TOUCHPOINT + 1;
      }
      perTouchpoint.set(touchpoint, sent);
      const channel = touchpoint.channel ?? '';
      const outbound = channels.get(channel)?.outbound ?? false;
      const intent = touchpoint.message?.intent;
      const { category } = touchpoint;
      for (let repeat = 0; repeat < times.length; repeat += 1) {
        const { time, instant } = times[repeat]!;
        sends.push({ time, instant, journey, touchpoint, channel, outbound, category, intent, cause: event, repeat });
      }
      if (full) break simulation;
    }
  }
  sends.sort(compareSends);
  return calendar ? { scenario, sends, cuts, calendar } : { scenario, sends, cuts };
}

const memo = new WeakMap<Repository, readonly Timeline[]>();

/** Every scenario's timeline, computed once per repository and shared by the rules that need them. */
export function simulate(repo: Repository): readonly Timeline[] {
  let timelines = memo.get(repo);
  if (!timelines) {
    const byTrigger = touchpointsByTrigger(repo);
    const channels = new Map(repo.channels.map((channel) => [channel.id, channel]));
    const personas = new Map(repo.personas.map((persona) => [persona.id, persona]));
    const run = (scenario: Scenario): Timeline => {
      const persona = scenario.persona === undefined ? undefined : personas.get(scenario.persona);
      const calendar = customerCalendar(scenario.start, customerSettings(scenario, persona, repo.config.policy));
      return simulateScenario(scenario, byTrigger, channels, calendar);
    };
    const implicit = repo.config.policy.implicitScenarios ? implicitScenarios(repo) : { scenarios: [], wanted: 0 };
    const all = [...repo.scenarios.map(run), ...implicit.scenarios.map(run)];
    if (implicit.wanted > implicit.scenarios.length && all.length > 0) {
      const last = all.at(-1)!;
      all[all.length - 1] = { ...last, cuts: [...last.cuts, { kind: 'implicit-scenarios', scenarios: implicit.wanted, limit: MAX_IMPLICIT_SCENARIOS }] };
    }
    timelines = all;
    memo.set(repo, timelines);
  }
  return timelines;
}
