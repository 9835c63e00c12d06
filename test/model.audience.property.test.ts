/**
 * meetsAnother, which the rules comparing messages use to leave out a segment's own copy
 * of a message, says for each journey of a list exactly what asking audiencesMeet of
 * every other journey of the list would say.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audiencesMeet, meetsAnother } from '../src/model/audience.ts';

const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
const SEED = 20261201;

// A few personas, so that lists of journeys share some; a journey may name one twice.
const journey = fc.record({ personas: fc.array(fc.constantFrom('retail', 'premium', 'private', 'business'), { maxLength: 3 }) });

describe('meetsAnother', () => {
  it('says of each journey whether its audience meets that of another journey of the list', () => {
    fc.assert(
      fc.property(fc.array(journey, { maxLength: 8 }), (journeys) => {
        const pairwise = journeys.map((a, i) => journeys.some((b, j) => j !== i && audiencesMeet(a, b)));
        expect(meetsAnother(journeys)).toEqual(pairwise);
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });

  it('counts the same journey twice in a list (two of its touchpoints) as meeting itself', () => {
    const retail = { personas: ['retail'] };
    expect(meetsAnother([retail, retail, { personas: ['premium'] }])).toEqual([true, true, false]);
  });
});
