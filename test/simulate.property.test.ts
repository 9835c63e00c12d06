/**
 * The simulation keeps the promises of docs/format.md ("How simulation fires
 * touchpoints") for any journeys and scenario: generated repositories, as model
 * objects and as real files through check(), against a plain reading of the docs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, simulate, timelineDays, type Send, type Timeline } from '../src/index.ts';
import { BUILT_IN_CHANNELS } from '../src/model/channels.ts';
import { formatDuration, formatTimeOfDay } from '../src/model/duration.ts';
import { MAX_SCENARIO_EVENTS, MAX_SENDS_PER_SCENARIO, MAX_SENDS_PER_TOUCHPOINT } from '../src/model/limits.ts';
import type { Channel, Journey, Repository, Scenario, ScenarioEvent, Touchpoint } from '../src/model/types.ts';
import { runJourneys } from './helpers/cli.ts';
import { OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

/** Runs per property; raise it (PROPERTY_RUNS=5000) to search harder. */
const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 400);
const SEED = 20261101;
const DAY = 24 * 60;

// ---------------------------------------------------------------- generators

interface TouchpointSpec {
  readonly trigger?: string;
  readonly after: number;
  readonly at?: number;
  readonly repeat?: { readonly every: number; readonly times: number };
  readonly until?: string;
  readonly channel?: string;
}

interface Spec {
  /** Journeys, each a list of touchpoints. */
  readonly journeys: readonly (readonly TouchpointSpec[])[];
  /** In the order they are written. */
  readonly events: readonly { readonly at: number; readonly event: string }[];
  /** Whether the declared channel `custom` is outbound. */
  readonly customOutbound: boolean;
}

/** Few event names, so that triggers, untils and events meet often. */
const EVENT = fc.constantFrom('opened', 'ordered', 'delivered', 'activated');
/** Built-in channels of both kinds, a declared one and one nobody declared. */
const CHANNEL = fc.constantFrom('email', 'sms', 'web', 'branch', 'custom', 'nowhere');
const OPTIONAL = { nil: undefined, freq: 3 } as const;

/** Minutes, mostly small, sometimes the edges: 0, an exact day, long ones, as long as a duration may be. */
const minutes = (most: number): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 12, arbitrary: fc.integer({ min: 0, max: most }) },
    { weight: 2, arbitrary: fc.constantFrom(0, DAY, 7 * DAY) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 400 * DAY }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }) },
  );

const touchpointSpec = (maxTimes: number): fc.Arbitrary<TouchpointSpec> =>
  fc.record(
    {
      trigger: fc.option(EVENT, { nil: undefined, freq: 8 }),
      after: minutes(3 * DAY),
      at: fc.option(fc.integer({ min: 0, max: DAY - 1 }), OPTIONAL),
      repeat: fc.option(fc.record({ every: fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 1, max: 4 * DAY }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }) }), times: fc.integer({ min: 1, max: maxTimes }) }), OPTIONAL),
      until: fc.option(EVENT, OPTIONAL),
      channel: fc.option(CHANNEL, { nil: undefined, freq: 8 }),
    },
    { requiredKeys: ['after'] },
  );

const scenarioEvent = fc.record({ at: minutes(20 * DAY), event: EVENT });

const spec = (maxTimes = 6, maxEvents = 14): fc.Arbitrary<Spec> =>
  fc.record({
    journeys: fc.array(fc.array(touchpointSpec(maxTimes), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
    events: fc.array(scenarioEvent, { maxLength: maxEvents }),
    customOutbound: fc.boolean(),
  });

// ---------------------------------------------------------------- the model, in memory

const ref = (file: string) => ({ file, path: [] });

function modelOf(input: Spec): Repository {
  const journeys: Journey[] = input.journeys.map((touchpoints, j) => {
    const id = `j${j}`;
    const file = `journeys/${id}.journey.yaml`;
    return {
      id,
      file,
      format: 'yaml',
      personas: [],
      stages: [],
      orphanSections: [],
      raw: {},
      ref: ref(file),
      touchpoints: touchpoints.map((tp, t): Touchpoint => ({ ...tp, id: `t${t}`, journey: id, category: 'service', delay: { months: 0, days: 0, businessDays: 0, minutes: tp.after }, tools: [], momentOfTruth: false, kpis: [], ref: ref(file) })),
    };
  });
  const file = 'journeys/scenarios/s.scenario.yaml';
  const scenario: Scenario = { id: 's', file, events: input.events.map((event) => ({ ...event, ref: ref(file) })), ref: ref(file) };
  const channels: Channel[] = [...BUILT_IN_CHANNELS, { id: 'custom', name: 'Custom', outbound: input.customOutbound, builtIn: false, ref: ref('journeys/channels.yaml') }];
  return {
    files: [],
    journeys,
    owners: [],
    channels,
    personas: [],
    scenarios: [scenario],
    metrics: [],
    config: { rules: {}, policy: { maxMessages: [], quietHours: [] } },
    declared: {},
    problems: [],
  };
}

// ---------------------------------------------------------------- the docs, read plainly

/** The first moment at or after `time` whose time of day is `at`. */
const onTimeOfDay = (time: number, at: number): number => time + ((((at - time) % DAY) + DAY) % DAY);

interface Expected {
  readonly journey: string;
  readonly touchpoint: string;
  /** Index of the triggering event in the scenario as written. */
  readonly cause: number;
  readonly repeat: number;
  readonly time: number;
}

/** Every send the docs promise, limits aside, in no particular order. */
function expectedSends(input: Spec): Expected[] {
  const events = input.events.slice(0, MAX_SCENARIO_EVENTS);
  const out: Expected[] = [];
  input.journeys.forEach((touchpoints, j) =>
    touchpoints.forEach((tp, t) =>
      events.forEach((event, cause) => {
        if (tp.trigger === undefined || event.event !== tp.trigger) return;
        // 4. The first `until` at or after the trigger ends the touchpoint.
        let stop = Infinity;
        for (const other of events) if (other.event === tp.until && other.at >= event.at && other.at < stop) stop = other.at;
        // 2. The event plus `after`, moved to `at`.
        const move = (time: number): number => (tp.at === undefined ? time : onTimeOfDay(time, tp.at));
        const first = move(event.at + tp.after);
        // 3. `times` more, each planned `every` after the previous planned one, moved to `at` again.
        for (let k = 0; k <= (tp.repeat?.times ?? 0); k += 1) {
          const time = move(first + k * (tp.repeat?.every ?? 0));
          // Past 2^53 minutes, no longer a whole minute: never planned.
          if (time >= stop || !Number.isSafeInteger(time)) break;
          out.push({ journey: `j${j}`, touchpoint: `t${t}`, cause, repeat: k, time });
        }
      }),
    ),
  );
  return out;
}

const key = (s: Expected): string => `${s.journey}/${s.touchpoint}/${s.cause}/${s.repeat}@${s.time}`;
const keyOfSend = (scenario: Scenario, send: Send): string =>
  key({ journey: send.journey.id, touchpoint: send.touchpoint.id, cause: scenario.events.indexOf(send.cause), repeat: send.repeat, time: send.time });

// ---------------------------------------------------------------- the properties

/**
 * What holds of every timeline, whatever the limits cut. Broken promises are
 * collected and compared with none at the end: one `expect` per send would make
 * a timeline of 100,000 sends slow.
 */
function assertTimeline(timeline: Timeline, channels: readonly Channel[]): void {
  const { scenario, sends } = timeline;
  const simulated = scenario.events.slice(0, MAX_SCENARIO_EVENTS);
  const simulatedSet = new Set(simulated);
  const outboundOf = new Map(channels.map((channel) => [channel.id, channel.outbound]));
  const broken: string[] = [];
  const fail = (send: Send, what: string): void => void broken.push(`${send.journey.id}/${send.touchpoint.id} at ${send.time} (repeat ${send.repeat}): ${what}`);

  for (const send of sends) {
    const { touchpoint, cause } = send;
    // Caused by an event of the scenario that is the touchpoint's trigger, never before it (nor before it plus `after`).
    if (!simulatedSet.has(cause)) fail(send, 'caused by no simulated event');
    if (cause.event !== touchpoint.trigger) fail(send, `caused by ${cause.event}, not its trigger`);
    if (send.time < cause.at + touchpoint.after) fail(send, `before its trigger at ${cause.at} plus ${touchpoint.after}`);
    if (!Number.isSafeInteger(send.time)) fail(send, 'not a whole minute');
    // Once the `until` event happened (at or after the trigger), nothing more of the touchpoint.
    if (touchpoint.until !== undefined) {
      const stopped = simulated.find((event) => event.event === touchpoint.until && event.at >= cause.at && event.at <= send.time);
      if (stopped) fail(send, `after ${stopped.event} at ${stopped.at}`);
    }
    if (touchpoint.at !== undefined && send.time % DAY !== touchpoint.at) fail(send, `not at ${touchpoint.at}`);
    if (send.channel !== (touchpoint.channel ?? '')) fail(send, `on ${send.channel}`);
    if (send.outbound !== (outboundOf.get(send.channel) ?? false)) fail(send, 'outbound or not unlike its channel');
    // Without a start date nor a time zone, elapsed time is the wall clock's; the category is the touchpoint's.
    if (send.instant !== send.time) fail(send, `at instant ${send.instant}`);
    if (send.category !== touchpoint.category) fail(send, `of category ${send.category}`);
  }

  // A repeat: at most 1 + times sends per trigger occurrence, numbered 0, 1, 2..., planned `every` apart.
  const groups = new Map<Touchpoint, Map<ScenarioEvent, Send[]>>();
  for (const send of sends) {
    let byCause = groups.get(send.touchpoint);
    if (!byCause) groups.set(send.touchpoint, (byCause = new Map()));
    let group = byCause.get(send.cause);
    if (!group) byCause.set(send.cause, (group = []));
    group.push(send);
  }
  for (const [touchpoint, byCause] of groups) {
    for (const group of byCause.values()) {
      if (group.length > 1 + (touchpoint.repeat?.times ?? 0)) fail(group[0]!, `${group.length} sends for one trigger`);
      const ordered = [...group].sort((a, b) => a.repeat - b.repeat);
      const first = ordered[0]!.time;
      for (const [k, send] of ordered.entries()) {
        if (send.repeat !== k) fail(send, `numbered ${send.repeat}, not ${k}`);
        const late = send.time - (first + k * (touchpoint.repeat?.every ?? 0));
        // Without `at`, exactly `every` apart; with it, moved to the next send hour, less than a day later.
        if (touchpoint.at === undefined ? late !== 0 : late < 0 || late >= DAY) fail(send, `${late} minutes off its planned time`);
      }
    }
  }

  // Sorted by time, then journey, then touchpoint, then repeat.
  for (let i = 1; i < sends.length; i += 1) {
    const [a, b] = [sends[i - 1]!, sends[i]!];
    const order = a.time - b.time || a.journey.id.localeCompare(b.journey.id, 'en') || a.touchpoint.id.localeCompare(b.touchpoint.id, 'en') || a.repeat - b.repeat;
    if (order > 0) fail(b, `after ${a.journey.id}/${a.touchpoint.id} at ${a.time} (repeat ${a.repeat})`);
  }
  expect(broken.slice(0, 10)).toEqual([]);

  // The limits.
  expect(sends.length).toBeLessThanOrEqual(MAX_SENDS_PER_SCENARIO);
  const perTouchpoint = new Map<Touchpoint, number>();
  for (const send of sends) perTouchpoint.set(send.touchpoint, (perTouchpoint.get(send.touchpoint) ?? 0) + 1);
  expect(Math.max(0, ...perTouchpoint.values())).toBeLessThanOrEqual(MAX_SENDS_PER_TOUCHPOINT);

  // The totals its readers show (the day headings, "n touchpoints reached, m outbound messages") add up to its sends.
  const days = timelineDays(timeline, []);
  const entries = days.flatMap((day) => day.entries);
  expect(entries.filter((entry) => entry.kind === 'send')).toHaveLength(sends.length);
  expect(entries.filter((entry) => entry.kind === 'event')).toHaveLength(scenario.events.length);
  expect(days.reduce((sum, day) => sum + day.outbound, 0)).toBe(sends.filter((send) => send.outbound).length);
  expect(days.every((day) => day.entries.every((entry) => Math.floor(entry.time / DAY) === day.day))).toBe(true);
}

/** The sends are exactly those the docs describe when no limit is reached; otherwise some of them, and the cut is said. */
function assertAgainstDocs(timeline: Timeline, input: Spec): void {
  const expected = expectedSends(input);
  const got = timeline.sends.map((send) => keyOfSend(timeline.scenario, send)).sort();
  const perTouchpoint = new Map<string, number>();
  for (const send of expected) perTouchpoint.set(`${send.journey}/${send.touchpoint}`, (perTouchpoint.get(`${send.journey}/${send.touchpoint}`) ?? 0) + 1);
  const overLimit =
    input.events.length > MAX_SCENARIO_EVENTS || expected.length > MAX_SENDS_PER_SCENARIO || [...perTouchpoint.values()].some((count) => count > MAX_SENDS_PER_TOUCHPOINT);
  if (!overLimit) {
    expect(timeline.cuts).toEqual([]);
    expect(got).toEqual(expected.map(key).sort());
    return;
  }
  expect(timeline.cuts.length).toBeGreaterThan(0);
  const promised = new Set(expected.map(key));
  expect(got.filter((send) => !promised.has(send)).slice(0, 10)).toEqual([]);
  // A touchpoint cut is cut at the limit exactly, and what it was cut from wanted more.
  for (const cut of timeline.cuts) {
    if (cut.kind === 'touchpoint-sends') {
      expect(timeline.sends.filter((send) => send.touchpoint === cut.touchpoint)).toHaveLength(MAX_SENDS_PER_TOUCHPOINT);
      expect(perTouchpoint.get(`${cut.journey.id}/${cut.touchpoint.id}`)).toBeGreaterThan(MAX_SENDS_PER_TOUCHPOINT);
    }
    if (cut.kind === 'scenario-sends') expect(timeline.sends).toHaveLength(MAX_SENDS_PER_SCENARIO);
    if (cut.kind === 'events') expect(cut.events).toBe(input.events.length);
  }
}

describe('the simulation of generated journeys and scenarios', () => {
  it('sends after the trigger and its delay, at the time of day, stops at until, repeats as asked, sorted, as the docs say', () => {
    fc.assert(
      fc.property(spec(), (input) => {
        const repo = modelOf(input);
        const [timeline] = simulate(repo);
        assertTimeline(timeline!, repo.channels);
        assertAgainstDocs(timeline!, input);
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });

  it('keeps each touchpoint to its limit of sends, however many repeats and triggers ask for more', () => {
    fc.assert(
      fc.property(spec(1_500, 6), (input) => {
        const repo = modelOf(input);
        const [timeline] = simulate(repo);
        assertTimeline(timeline!, repo.channels);
        assertAgainstDocs(timeline!, input);
      }),
      { numRuns: Math.ceil(NUM_RUNS / 4), seed: SEED },
    );
  });

  it('keeps a scenario to its limit of sends and of events, and says what it cut', () => {
    // Enough touchpoints repeated enough to pass 100,000 sends, or a few over 10,000 events.
    const big = fc.record({
      touchpoints: fc.integer({ min: 95, max: 110 }),
      times: fc.integer({ min: 990, max: 1_100 }),
      extraEvents: fc.integer({ min: -3, max: 3 }),
      manyEvents: fc.boolean(),
      customOutbound: fc.boolean(),
    });
    fc.assert(
      fc.property(big, ({ touchpoints, times, extraEvents, manyEvents, customOutbound }) => {
        const input: Spec = manyEvents
          ? {
              journeys: [[{ trigger: 'opened', after: 30, until: 'activated', channel: 'email' }]],
              events: Array.from({ length: MAX_SCENARIO_EVENTS + extraEvents }, (_, i) => ({ at: (i * 7919) % (30 * DAY), event: i % 5 === 0 ? 'activated' : 'opened' })),
              customOutbound,
            }
          : {
              journeys: [Array.from({ length: touchpoints }, (_, t) => ({ trigger: 'opened', after: t, repeat: { every: 60, times }, channel: t % 2 ? 'custom' : 'web' }))],
              events: [{ at: 0, event: 'opened' }],
              customOutbound,
            };
        const repo = modelOf(input);
        const [timeline] = simulate(repo);
        assertTimeline(timeline!, repo.channels);
        assertAgainstDocs(timeline!, input);
      }),
      { numRuns: 6, seed: SEED },
    );
  });
});

// ---------------------------------------------------------------- the same, as files

/** A channel is required in a file. */
const withChannels = (input: Spec): Spec => ({ ...input, journeys: input.journeys.map((touchpoints) => touchpoints.map((tp) => ({ ...tp, channel: tp.channel ?? 'web' }))) });

function filesOf(input: Spec): Record<string, string> {
  const files: Record<string, string> = {
    'journeys/owners.yaml': OWNERS,
    'journeys/channels.yaml': `channels:\n  - { id: custom, name: Custom, outbound: ${input.customOutbound} }\n`,
    'journeys/scenarios/s.scenario.yaml': [
      'scenario: s',
      input.events.length === 0 ? 'events: []' : 'events:',
      ...input.events.map((event) => `  - { at: ${formatDuration(event.at)}, event: ${event.event} }`),
      '',
    ].join('\n'),
  };
  input.journeys.forEach((touchpoints, j) => {
    const lines = [`journey: j${j}`, 'version: 1', `title: Journey ${j}`, 'owner: team-crm', 'stages:', '  - id: s', 'touchpoints:'];
    touchpoints.forEach((tp, t) => {
      lines.push(`  - id: t${t}`, '    stage: s');
      if (tp.trigger !== undefined) lines.push(`    trigger: ${tp.trigger}`);
      lines.push(`    after: ${formatDuration(tp.after)}`);
      if (tp.at !== undefined) lines.push(`    at: "${formatTimeOfDay(tp.at)}"`);
      if (tp.repeat !== undefined) lines.push(`    repeat: { every: ${formatDuration(tp.repeat.every)}, times: ${tp.repeat.times} }`);
      if (tp.until !== undefined) lines.push(`    until: ${tp.until}`);
      if (tp.channel !== undefined) lines.push(`    channel: ${tp.channel}`);
    });
    files[`journeys/j${j}.journey.yaml`] = `${lines.join('\n')}\n`;
  });
  return files;
}

describe('the simulation of generated repositories on disk', () => {
  it('reads what was written and simulates it as the docs say', () => {
    fc.assert(
      fc.property(spec().map(withChannels), (input) => {
        const root = writeRepo(filesOf(input));
        const result = check(root, { today: TODAY });
        expect(result.repo.problems.filter((problem) => problem.kind === 'schema' || problem.kind === 'parse')).toEqual([]);
        const [timeline] = simulate(result.repo);
        expect(timeline!.scenario.events.map(({ at, event }) => ({ at, event }))).toEqual(input.events);
        assertTimeline(timeline!, result.repo.channels);
        assertAgainstDocs(timeline!, input);
      }),
      { numRuns: Math.ceil(NUM_RUNS / 8), seed: SEED },
    );
  });

  it('prints as many touchpoints reached and outbound messages as it lists, in text and in JSON', async () => {
    await fc.assert(
      fc.asyncProperty(spec().map(withChannels), async (input) => {
        const root = writeRepo(filesOf(input));
        const [text, json] = await Promise.all([runJourneys(['simulate', '--today', TODAY], root), runJourneys(['simulate', '--format', 'json', '--today', TODAY], root)]);
        expect(text.stderr).toBe('');
        const expected = expectedSends(input);
        const outbound = new Set(['email', 'sms', ...(input.customOutbound ? ['custom'] : [])]);
        const channelOf = (send: Expected): string | undefined => input.journeys[Number(send.journey.slice(1))]![Number(send.touchpoint.slice(1))]!.channel;
        const messages = expected.filter((send) => outbound.has(channelOf(send) ?? '')).length;
        const [, reached, sent] = /^ {2}(\d+) touchpoints? reached, (\d+) outbound messages?;/m.exec(text.stdout) ?? [];
        expect(Number(reached)).toBe(expected.length);
        expect(Number(sent)).toBe(messages);
        // Each send is one line of the timeline: → outbound, · reached, ⚠ either with a breach.
        expect(text.stdout.split('\n').filter((line) => /^ {4}\d\d:\d\d {2}[→·⚠] /.test(line))).toHaveLength(expected.length);
        const { scenarios } = JSON.parse(json.stdout) as { scenarios: { sends: { outbound: boolean }[] }[] };
        expect(scenarios[0]!.sends).toHaveLength(expected.length);
        expect(scenarios[0]!.sends.filter((send) => send.outbound)).toHaveLength(messages);
      }),
      { numRuns: 6, seed: SEED },
    );
  }, 120_000);
});
