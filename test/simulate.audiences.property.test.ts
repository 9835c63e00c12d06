/**
 * The simulation keeps docs/format.md's "Audiences" and "Delays: months and business days"
 * for generated journeys and scenarios: a customer of a persona receives exactly the sends
 * of the journeys that reach them, and a customer's calendar keeps wall-clock times.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate, type Send } from '../src/index.ts';
import { BUILT_IN_CHANNELS } from '../src/model/channels.ts';
import type { Delay } from '../src/model/duration.ts';
import type { Journey, Repository, Scenario, Touchpoint } from '../src/model/types.ts';

const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
const SEED = 20261130;
const DAY = 24 * 60;

const ref = (file: string) => ({ file, path: [] });
const PERSONAS = ['retail', 'premium', 'private'] as const;
const EVENT = fc.constantFrom('opened', 'fees.changed', 'complaint.received');

interface TouchpointSpec {
  readonly trigger: string;
  readonly delay: Delay;
  readonly at?: number;
  readonly repeat?: { readonly every: number; readonly times: number };
}

const delay: fc.Arbitrary<Delay> = fc.record({
  months: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 14 }) }),
  days: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }) }),
  businessDays: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 30 }) }),
  minutes: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 * DAY }) }),
});

// Send hours away from the night, where daylight-saving changes move a time that does not exist.
const touchpointSpec: fc.Arbitrary<TouchpointSpec> = fc.record(
  {
    trigger: EVENT,
    delay,
    at: fc.integer({ min: 5 * 60, max: 23 * 60 }),
    repeat: fc.record({ every: fc.integer({ min: 1, max: 4 * DAY }), times: fc.integer({ min: 1, max: 5 }) }),
  },
  { requiredKeys: ['trigger', 'delay'] },
);

const journeySpec = fc.record({
  personas: fc.subarray([...PERSONAS]),
  touchpoints: fc.array(touchpointSpec, { minLength: 1, maxLength: 3 }),
});

const events = fc.array(fc.record({ at: fc.integer({ min: 0, max: 200 * DAY }).filter((at) => at % DAY >= 5 * 60), event: EVENT }), { maxLength: 6 });

function repository(
  journeySpecs: readonly { personas: readonly string[]; touchpoints: readonly TouchpointSpec[] }[],
  scenarios: readonly Omit<Scenario, 'file' | 'ref' | 'events'>[],
  written: readonly { at: number; event: string }[],
  policy: { timeZone?: string; holidays?: string } = {},
): Repository {
  const journeys: Journey[] = journeySpecs.map(({ personas, touchpoints }, j) => {
    const id = `j${j}`;
    const file = `journeys/${id}.journey.yaml`;
    return {
      id,
      file,
      format: 'yaml',
      personas,
      stages: [],
      orphanSections: [],
      raw: {},
      ref: ref(file),
      touchpoints: touchpoints.map(
        (tp, t): Touchpoint => ({ ...tp, id: `t${t}`, journey: id, channel: 'email', category: 'service', after: 0, tools: [], momentOfTruth: false, kpis: [], ref: ref(file) }),
      ),
    };
  });
  return {
    files: [],
    journeys,
    owners: [],
    channels: [...BUILT_IN_CHANNELS],
    personas: PERSONAS.map((id) => ({ id, ref: ref('journeys/personas.yaml') })),
    scenarios: scenarios.map((scenario) => {
      const file = `journeys/scenarios/${scenario.id}.scenario.yaml`;
      return { ...scenario, file, events: written.map((event) => ({ ...event, ref: ref(file) })), ref: ref(file) };
    }),
    metrics: [],
    config: { rules: {}, policy: { maxMessages: [], quietHours: [], ...policy } },
    declared: {},
    problems: [],
  };
}

const keyOf = (send: Send): string => `${send.journey.id}/${send.touchpoint.id}/${send.cause.at}/${send.repeat}@${send.time}`;

describe('audiences in the simulation', () => {
  it("gives a persona's customer exactly the sends of the journeys that reach them, and never another journey", () => {
    fc.assert(
      fc.property(fc.array(journeySpec, { minLength: 1, maxLength: 4 }), events, fc.option(fc.constantFrom(...PERSONAS), { nil: undefined }), fc.boolean(), (journeys, written, persona, dated) => {
        const start = dated ? '2026-03-02' : undefined;
        const repo = repository(journeys, [{ id: 'everyone', ...(start ? { start } : {}) }, { id: 'one', ...(persona ? { persona } : {}), ...(start ? { start } : {}) }], written, { holidays: 'FR' });
        const [everyone, one] = simulate(repo);
        for (const send of one!.sends) {
          const { personas } = send.journey;
          expect(personas.length === 0 || persona === undefined || personas.includes(persona)).toBe(true);
        }
        // The same customer of another segment gets the same sends of the journeys they share.
        const reached = everyone!.sends.filter((send) => persona === undefined || send.journey.personas.length === 0 || send.journey.personas.includes(persona));
        expect(one!.sends.map(keyOf)).toEqual(reached.map(keyOf));
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });
});

describe("a customer's calendar in the simulation", () => {
  const ZONES = ['Europe/Paris', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'] as const;
  const startDate = fc.date({ min: new Date(Date.UTC(2020, 0, 1)), max: new Date(Date.UTC(2035, 11, 31)), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));

  it('keeps send hours on the wall clock, and instants and times consistent, whatever the zone and the date', () => {
    fc.assert(
      fc.property(fc.array(journeySpec, { minLength: 1, maxLength: 3 }), events, startDate, fc.constantFrom(...ZONES), (journeys, written, start, timeZone) => {
        const repo = repository(journeys, [{ id: 'zoned', start, timeZone }, { id: 'plain', start }], written, { holidays: 'FR' });
        const [zoned, plain] = simulate(repo);
        expect(zoned!.calendar?.timeZone).toBe(timeZone);
        const broken: string[] = [];
        for (const send of zoned!.sends) {
          const { touchpoint } = send;
          if (touchpoint.at !== undefined && send.time % DAY !== touchpoint.at) broken.push(`${keyOf(send)} not at ${touchpoint.at}`);
          if (zoned!.calendar!.time(send.instant) !== send.time) broken.push(`${keyOf(send)}: instant ${send.instant} reads ${zoned!.calendar!.time(send.instant)}`);
          // No zone shifts by more than a couple of hours over a season.
          if (Math.abs(send.instant - send.time) > 180) broken.push(`${keyOf(send)}: instant ${send.instant}`);
          // Without hours, minutes nor a send hour, a delay keeps the time of day of its trigger.
          if (touchpoint.at === undefined && touchpoint.delay.minutes === 0 && send.repeat === 0 && send.time % DAY !== send.cause.at % DAY) broken.push(`${keyOf(send)}: time of day moved`);
          if (touchpoint.delay.businessDays > 0 && touchpoint.at === undefined && touchpoint.delay.minutes === 0 && send.repeat === 0 && !zoned!.calendar!.isBusinessDay(send.time)) broken.push(`${keyOf(send)}: not a business day`);
        }
        for (let i = 1; i < zoned!.sends.length; i += 1) if (zoned!.sends[i]!.instant < zoned!.sends[i - 1]!.instant) broken.push(`unsorted at ${i}`);
        // Without a zone, elapsed time is wall-clock time.
        for (const send of plain!.sends) if (send.instant !== send.time) broken.push(`${keyOf(send)}: instant without a zone`);
        expect(broken).toEqual([]);
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });
});
