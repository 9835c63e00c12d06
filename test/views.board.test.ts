/**
 * The journey board's layout, computed from real repositories: each card in the cell of
 * its stage and channel, steps stage by stage, one continuous emotion curve, findings on
 * the cards, and names before ids.
 */
import { describe, expect, it } from 'vitest';
import { buildModel, check, CURVE_BOX, journeyBoard, messageSummary, readableId, simulate, type JourneyView, type SiteModel } from '../src/index.ts';
import { renderMarkdown } from '../site/lib/markdown.ts';
import { ACME, TODAY as ACME_TODAY } from './fixtures/site/helpers.ts';
import { OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

function modelOf(root: string, today = TODAY): SiteModel {
  const result = check(root, { today });
  return buildModel({ result, timelines: simulate(result.repo), markdown: renderMarkdown, tool: 'test' });
}

const JOURNEY = `journey: card
version: 1
title: A new card
owner: team-crm
reviewed: 2026-10-01
stages:
  - { id: order, name: Order }
  - { id: deliver, name: Delivery }
  - { id: use, name: First use }
touchpoints:
  - id: order-confirmation
    name: Your order, confirmed
    stage: order
    channel: email
    owner: team-crm
    trigger: card.ordered
    emotion: 4
    message: { subject: We got your order }
    kpis: [{ metric: open-rate, target: 0.4 }]
  - id: shipped-sms
    stage: deliver
    channel: sms
    owner: team-crm
    trigger: card.shipped
    after: 2d
    at: "10:00"
    emotion: 2
    moment_of_truth: true
    message: { text: "\\n  Your card is on its way.\\nTrack it in the app." }
  - id: tracking-page
    stage: deliver
    channel: web
    owner: team-crm
    trigger: card.shipped
  - id: activation-email
    stage: use
    channel: email
    owner: team-crm
    trigger: card.delivered
    emotion: 5
  - id: lost-push
    stage: nowhere
    channel: push
    owner: team-crm
    trigger: card.delivered
    emotion: 1
`;

describe('the journey board', () => {
  const model = modelOf(
    writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/card.journey.yaml': JOURNEY,
      'journeys/scenarios/late-card.scenario.yaml': 'scenario: late-card\nevents:\n  - { at: 0d, event: card.ordered }\n',
      'journeys/scenarios/titled.scenario.yaml': "scenario: titled\ntitle: A customer whose card comes late\nevents:\n  - { at: 0d, event: card.ordered }\n",
    }),
  );
  const journey = model.journeys.find((candidate) => candidate.id === 'card')!;
  const { board } = journey;
  const cardOf = (id: string) => board.cards[journey.touchpoints.findIndex((tp) => tp.id === id)]!;

  it('puts each touchpoint in the cell of its stage (column) and channel (lane)', () => {
    expect(board.columns.map((column) => [column.name, column.touchpoints])).toEqual([
      ['Order', 1],
      ['Delivery', 2],
      ['First use', 1],
      ['No known stage', 1],
    ]);
    expect(board.lanes.map((lane) => lane.channel?.id)).toEqual(['email', 'sms', 'web', 'push']);
    expect(board.lanes.map((lane) => lane.cells.map((cell) => cell.map((index) => journey.touchpoints[index]!.id)))).toEqual([
      [['order-confirmation'], [], ['activation-email'], []],
      [[], ['shipped-sms'], [], []],
      [[], ['tracking-page'], [], []],
      [[], [], [], ['lost-push']],
    ]);
    expect(board.cards.map((card) => card.step)).toEqual([1, 2, 3, 4, 5]);
    expect(cardOf('lost-push')).toMatchObject({ column: 3, lane: 3 });
    // Every card is in exactly one cell.
    const placed = board.lanes.flatMap((lane) => lane.cells.flat()).sort();
    expect(placed).toEqual(journey.touchpoints.map((_, index) => index));
    expect(board.lanes[0]!.style).toMatchObject({ light: '#1f5fbf', glyph: '✉' });
  });

  it('draws one continuous emotion curve through the touchpoints with an emotion, in step order', () => {
    const { points, path } = board.curve;
    expect(points.map((point) => [journey.touchpoints[point.card]!.id, point.emotion])).toEqual([
      ['order-confirmation', 4],
      ['shipped-sms', 2],
      ['activation-email', 5],
      ['lost-push', 1],
    ]);
    // x rises from left to right inside the stage columns; y is 5 at the top.
    const xs = points.map((point) => point.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(xs[0]).toBeCloseTo(1 / 8);
    expect(xs[1]).toBeCloseTo((1 + 0.25) / 4);
    expect(points.find((point) => point.emotion === 5)!.y).toBeLessThan(points.find((point) => point.emotion === 1)!.y);
    // One path: a single move, then one segment to each next point, ending on the last point.
    expect(path.match(/M/g)).toHaveLength(1);
    expect(path.match(/C/g)).toHaveLength(points.length - 1);
    const last = points.at(-1)!;
    expect(path.endsWith(`${last.x * CURVE_BOX.width} ${last.y * CURVE_BOX.height}`)).toBe(true);
    for (const point of points) expect(path).toContain(`${point.x * CURVE_BOX.width} ${point.y * CURVE_BOX.height}`);
  });

  it('marks findings on their cards, with the worst severity and a link to it', () => {
    const lost = cardOf('lost-push');
    expect(lost.findings).toBeDefined();
    const mine = journey.findings.filter((finding) => finding.touchpoint === 'lost-push');
    expect(lost.findings!.count).toBe(mine.length);
    expect(lost.findings!.worst).toBe('error');
    const index = Number(lost.findings!.anchor.replace('finding-', ''));
    expect(journey.findings[index]).toMatchObject({ touchpoint: 'lost-push', severity: 'error', rule: 'unknown-reference' });
    board.cards.forEach((card, index) => {
      const count = journey.findings.filter((finding) => finding.touchpoint === journey.touchpoints[index]!.id).length;
      expect(card.findings?.count ?? 0).toBe(count);
    });
    expect(board.cards.some((card) => card.findings === undefined)).toBe(true);
  });

  it('names touchpoints and scenarios before their ids, with the message subject or first line', () => {
    const named = journey.touchpoints.find((tp) => tp.id === 'order-confirmation')!;
    expect([named.name, named.summary]).toEqual(['Your order, confirmed', 'We got your order']);
    const unnamed = journey.touchpoints.find((tp) => tp.id === 'shipped-sms')!;
    expect([unnamed.name, unnamed.summary, unnamed.timing]).toEqual(['Shipped sms', 'Your card is on its way.', '2d after card.shipped, at 10:00']);
    expect(journey.touchpoints.find((tp) => tp.id === 'tracking-page')!.summary).toBeUndefined();
    expect(Object.fromEntries(model.scenarios.map((scenario) => [scenario.id, scenario.title]))).toEqual({ 'late-card': 'Late card', titled: 'A customer whose card comes late' });
    expect(readableId('welcome-email')).toBe('Welcome email');
    expect(readableId('discover-step-1')).toBe('Discover step 1');
    expect(messageSummary({ text: 'x'.repeat(300) })).toHaveLength(120);
  });

  it('lays out an empty journey and one with no channel', () => {
    const empty = journeyBoard({ stages: [{ id: 's', name: 'S', anchor: 'stage-s' }], touchpoints: [], findings: [] });
    expect(empty).toEqual({ columns: [{ id: 's', name: 'S', anchor: 'stage-s', touchpoints: 0 }], lanes: [], cards: [], curve: { points: [], path: '' } });
    const bare = journeyBoard({ stages: [], touchpoints: [{ id: 'a' }, { id: 'b', emotion: 3 }], findings: [] });
    expect(bare.columns.map((column) => column.name)).toEqual(['No known stage']);
    expect(bare.lanes).toHaveLength(1);
    expect(bare.lanes[0]!.channel).toBeUndefined();
    expect(bare.lanes[0]!.cells).toEqual([[0, 1]]);
    expect(bare.curve.path).toBe(`M${0.75 * CURVE_BOX.width} 50`);
  });

  it('places all forty touchpoints of the long journey, twelve of them in one stage', () => {
    const long = modelOf(ACME, ACME_TODAY).journeys.find((candidate: JourneyView) => candidate.id === 'long-haul')!;
    expect(long.board.cards).toHaveLength(long.touchpoints.length);
    expect(long.touchpoints.length).toBeGreaterThanOrEqual(40);
    expect(Math.max(...long.board.columns.map((column) => column.touchpoints))).toBe(12);
    expect(long.board.curve.points).toHaveLength(long.touchpoints.filter((tp) => tp.emotion !== undefined).length);
    const xs = long.board.curve.points.map((point) => point.x);
    expect(new Set(xs).size).toBe(xs.length);
  });
});
