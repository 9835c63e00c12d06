import { describe, expect, it } from 'vitest';
import { journeyFromRecord, journeyRecord } from '../src/load/journey-record.ts';
import { splitSections, findFrontMatter } from '../src/load/markdown.ts';
import { journeyFrom, NO_KPIS } from '../src/load/normalize.ts';
import { parseYaml } from '../src/load/parse-yaml.ts';
import { NO_DELAY } from '../src/model/duration.ts';
import type { Journey } from '../src/model/types.ts';

/** Every field a journey and a touchpoint can have, and those left out. */
const FULL = `journey: claim
version: 3
title: A claim
owner: team-claims
personas: [retiree, family]
reviewed: 2026-10-01
description: From the declaration to the payment.
kpis:
  - { metric: nps, target: 40, direction: higher }
  - { metric: cost-per-claim }
stages:
  - id: declaration
    name: Declaration
  - { name: no id }
  - id: payment
touchpoints:
  - id: declared
    name: Claim received
    stage: declaration
    channel: email
    owner: team-claims
    role: transactional
    category: service
    trigger: claim.declared
    after: 1mo 2d 3bd 4h
    at: "09:30"
    repeat: { every: 2d, times: 3 }
    until: claim.closed
    message: { intent: confirm, subject: We have your claim, text: "We pay €120 within 5 days.", cta: "https://example.com/claim" }
    personalization: first name
    tools: [crm, mailer]
    automated: true
    moment_of_truth: true
    importance: 5
    emotion: -1
    cost: 0.02
    kpis:
      - { metric: open-rate, target: 0.5 }
      - { metric: complaints, direction: lower }
  - just text
  - id: paid
    stage: payment
    channel: sms
    trigger: claim.paid
    kpis: []
  - id: called
    channel: phone
    after: 0m
`;

const MARKDOWN = `---
journey: welcome
touchpoints:
  - id: welcome-email
    channel: email
    trigger: account.opened
  - id: app-tour
    channel: push
---

Why we welcome people.

### welcome-email

Hello, **welcome**.

### no-such-touchpoint

A section of no touchpoint.
`;

function yamlJourney(text: string, file = 'journeys/claim.journey.yaml'): Journey {
  const parsed = parseYaml(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return journeyFrom(file, 'yaml', parsed.data)!;
}

function markdownJourney(text: string, file = 'journeys/welcome.journey.md'): Journey {
  const front = findFrontMatter(text)!;
  const parsed = parseYaml(text.slice(front.yamlStart, front.yamlEnd));
  if (!parsed.ok) throw new Error(parsed.message);
  return journeyFrom(file, 'markdown', parsed.data, splitSections(text, front.bodyStart))!;
}

/** The record made again into a model, through node:v8 as the cache stores it. */
async function roundTrip(journey: Journey): Promise<Journey> {
  const { deserialize, serialize } = await import('node:v8');
  const record = journeyRecord(journey);
  expect(record).toBeDefined();
  return journeyFromRecord(journey.file, deserialize(serialize(record)) as unknown[], () => journey.raw);
}

describe('a journey record', () => {
  it('makes again the model normalize made, key for key, every field written or not', async () => {
    for (const journey of [yamlJourney(FULL), markdownJourney(MARKDOWN), yamlJourney('journey: bare\n')]) {
      const back = await roundTrip(journey);
      expect(back).toStrictEqual(journey);
      expect(JSON.stringify(back)).toBe(JSON.stringify(journey));
      back.touchpoints.forEach((touchpoint, index) => expect(Object.keys(touchpoint)).toEqual(Object.keys(journey.touchpoints[index]!)));
    }
  });

  it('shares what normalize shares: the empty KPI list and the delays', async () => {
    const journey = yamlJourney(FULL);
    const back = await roundTrip(journey);
    const [declared, paid, called] = back.touchpoints;
    expect(called!.kpis).toBe(NO_KPIS);
    // No delay written is the shared one; a delay of zero written is one of its own, as normalize makes them.
    expect(paid!.delay).toBe(NO_DELAY);
    expect(called!.delay).not.toBe(NO_DELAY);
    expect(called!.delay).toEqual(NO_DELAY);
    // Written as an empty list, it is a list of its own, as normalize makes it.
    expect(paid!.kpis).not.toBe(NO_KPIS);
    const again = await roundTrip(yamlJourney(FULL, 'journeys/other.journey.yaml'));
    expect(again.touchpoints[0]!.delay).toBe(declared!.delay);
    expect(declared!.delay).toEqual({ months: 1, days: 2, businessDays: 3, minutes: 240 });
  });

  it('reads the data only when asked for it', async () => {
    const journey = yamlJourney(FULL);
    let asked = 0;
    const { deserialize, serialize } = await import('node:v8');
    const back = journeyFromRecord(journey.file, deserialize(serialize(journeyRecord(journey))) as unknown[], () => {
      asked += 1;
      return journey.raw;
    });
    expect(back.touchpoints).toHaveLength(3);
    expect(asked).toBe(0);
    expect(back.raw).toBe(journey.raw);
    expect(asked).toBe(1);
  });

  it('is not made for a model of another shape: such a journey is normalized from its data', () => {
    const journey = yamlJourney(FULL);
    expect(journeyRecord({ ...journey, extra: 1 } as Journey)).toBeUndefined();
    expect(journeyRecord({ ...journey, touchpoints: [{ ...journey.touchpoints[0]!, extra: 1 } as Journey['touchpoints'][number]] })).toBeUndefined();
    expect(journeyRecord({ ...journey, touchpoints: [{ ...journey.touchpoints[0]!, ref: { file: 'journeys/other.journey.yaml', path: ['touchpoints', 0] } }] })).toBeUndefined();
    expect(journeyRecord({ ...journey, kpis: [{ metric: 'nps', ref: journey.ref, weight: 2 } as never] })).toBeUndefined();
  });
});
