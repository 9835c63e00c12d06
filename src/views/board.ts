/**
 * The journey board: stages as columns, channels as swimlanes, each touchpoint a card in
 * the cell of its stage and channel, and one emotion curve across all stages. Pure layout,
 * computed once at build time; the site draws it as static HTML and SVG.
 */
import type { Severity } from '../model/types.ts';
import { channelStyle } from './channel-style.ts';
import type { BoardCard, BoardColumn, BoardLane, BoardView, CurvePoint, FindingView, StageView, TouchpointView } from './types.ts';

/** The box the curve's path is drawn in (the page stretches it to the board's width). */
export const CURVE_BOX = { width: 1000, height: 100 } as const;

/** The curve keeps a margin above 5 and below 1, so that its points are never cut. */
const CURVE_MARGIN = 0.12;

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** `welcome-email` → `Welcome email`: an id in words, for when no name was written. */
export function readableId(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words === '' ? id : words.charAt(0).toUpperCase() + words.slice(1);
}

/** A message's subject, or else the first line of its text, shortened to about a line. */
export function messageSummary(message: { readonly subject?: string; readonly text?: string } | undefined, max = 120): string | undefined {
  const line = message?.subject?.trim() || message?.text?.split('\n').map((part) => part.trim()).find((part) => part !== '');
  if (!line) return undefined;
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

export interface BoardInput {
  readonly stages: readonly Pick<StageView, 'id' | 'name' | 'anchor'>[];
  readonly touchpoints: readonly Pick<TouchpointView, 'id' | 'stage' | 'channel' | 'emotion'>[];
  /** The journey's findings, in the order the page lists them (`finding-<index>` anchors). */
  readonly findings: readonly Pick<FindingView, 'touchpoint' | 'severity'>[];
}

/** The anchor of a journey finding on its page. */
export const findingAnchor = (index: number): string => `finding-${index}`;

export function journeyBoard(input: BoardInput): BoardView {
  const { stages, touchpoints } = input;
  const columnOf = new Map(stages.map((stage, index) => [stage.id, index]));
  const unstaged = touchpoints.some((touchpoint) => touchpoint.stage === undefined || !columnOf.has(touchpoint.stage.id));
  const columns: BoardColumn[] = stages.map((stage) => ({ id: stage.id, name: stage.name, anchor: stage.anchor, touchpoints: 0 }));
  if (unstaged) columns.push({ name: 'No known stage', touchpoints: 0 });
  const column = (touchpoint: BoardInput['touchpoints'][number]): number =>
    (touchpoint.stage !== undefined ? columnOf.get(touchpoint.stage.id) : undefined) ?? stages.length;

  // Lanes in order of first use, so that the board reads like the journey; no channel last.
  const laneOf = new Map<string, number>();
  const lanes: { channel?: TouchpointView['channel']; cells: number[][] }[] = [];
  for (const touchpoint of touchpoints) {
    const key = touchpoint.channel?.id;
    if (key !== undefined && !laneOf.has(key)) {
      laneOf.set(key, lanes.length);
      lanes.push({ channel: touchpoint.channel, cells: columns.map(() => []) });
    }
  }
  if (touchpoints.some((touchpoint) => touchpoint.channel === undefined)) lanes.push({ cells: columns.map(() => []) });
  const lane = (touchpoint: BoardInput['touchpoints'][number]): number => (touchpoint.channel ? laneOf.get(touchpoint.channel.id)! : lanes.length - 1);

  const findingsOf = new Map<string, { count: number; worst: Severity; index: number }>();
  input.findings.forEach((finding, index) => {
    if (finding.touchpoint === undefined) return;
    const seen = findingsOf.get(finding.touchpoint);
    if (!seen) findingsOf.set(finding.touchpoint, { count: 1, worst: finding.severity, index });
    else {
      seen.count++;
      if (SEVERITY_RANK[finding.severity] < SEVERITY_RANK[seen.worst]) Object.assign(seen, { worst: finding.severity, index });
    }
  });

  // Steps go stage by stage, in the journey's order within a stage.
  const byColumn = columns.map(() => [] as number[]);
  touchpoints.forEach((touchpoint, index) => byColumn[column(touchpoint)]!.push(index));
  const step = new Map<number, number>();
  for (const indexes of byColumn) for (const index of indexes) step.set(index, step.size + 1);

  const cards: BoardCard[] = touchpoints.map((touchpoint, index) => {
    const found = findingsOf.get(touchpoint.id);
    const card: BoardCard = {
      touchpoint: index,
      step: step.get(index)!,
      column: column(touchpoint),
      lane: lane(touchpoint),
      ...(found ? { findings: { count: found.count, worst: found.worst, anchor: findingAnchor(found.index) } } : {}),
    };
    lanes[card.lane]!.cells[card.column]!.push(index);
    return card;
  });

  const points: CurvePoint[] = [];
  byColumn.forEach((indexes, columnIndex) => {
    indexes.forEach((index, place) => {
      const emotion = touchpoints[index]!.emotion;
      if (emotion === undefined) return;
      const clamped = Math.min(5, Math.max(1, emotion));
      points.push({
        card: index,
        step: step.get(index)!,
        emotion,
        x: round((columnIndex + (place + 0.5) / indexes.length) / columns.length),
        y: round(CURVE_MARGIN + ((5 - clamped) / 4) * (1 - 2 * CURVE_MARGIN)),
      });
    });
  });

  return {
    columns: columns.map((entry, index) => ({ ...entry, touchpoints: byColumn[index]!.length })),
    lanes: lanes.map((entry): BoardLane => {
      const { light, dark, glyph, icon } = channelStyle(entry.channel?.id);
      return { ...(entry.channel ? { channel: entry.channel } : {}), style: { light, dark, glyph, icon }, cells: entry.cells };
    }),
    cards,
    curve: { points, path: curvePath(points) },
  };
}

const round = (value: number): number => Math.round(value * 10_000) / 10_000;

/**
 * One path through every point: cubic segments whose control points share the x of the
 * middle between two points, so the curve is smooth and never swings beyond its points.
 */
function curvePath(points: readonly CurvePoint[]): string {
  const at = (point: CurvePoint): [number, number] => [round(point.x * CURVE_BOX.width), round(point.y * CURVE_BOX.height)];
  if (points.length === 0) return '';
  const [x0, y0] = at(points[0]!);
  const parts = [`M${x0} ${y0}`];
  for (let index = 1; index < points.length; index++) {
    const [ax, ay] = at(points[index - 1]!);
    const [bx, by] = at(points[index]!);
    const middle = round((ax + bx) / 2);
    parts.push(`C${middle} ${ay} ${middle} ${by} ${bx} ${by}`);
  }
  return parts.join(' ');
}
