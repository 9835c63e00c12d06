/**
 * The importance/performance matrix: each measured touchpoint placed by how much it
 * matters to the customer (importance) and how well it does against its target
 * (performance). High importance and low performance is where to act first.
 */
import type { Touchpoint } from '../model/types.ts';
import { meetsTarget, type Direction, type KpiStatus } from '../model/kpis.ts';

export type QuadrantId = 'act-first' | 'keep-it-up' | 'low-priority' | 'possible-overkill';

export interface QuadrantInfo {
  readonly id: QuadrantId;
  readonly name: string;
  readonly importance: 'high' | 'low';
  readonly performance: 'high' | 'low';
  /** The quadrant's number in a Mermaid `quadrantChart`: 1 top right, 2 top left, 3 bottom left, 4 bottom right. */
  readonly mermaid: 1 | 2 | 3 | 4;
  readonly advice: string;
}

/** The four quadrants of the method, in Mermaid order. */
export const QUADRANTS: readonly QuadrantInfo[] = [
  { id: 'keep-it-up', name: 'Keep it up', importance: 'high', performance: 'high', mermaid: 1, advice: 'Matters to customers and works: protect it.' },
  { id: 'act-first', name: 'Act first', importance: 'high', performance: 'low', mermaid: 2, advice: 'Matters to customers and falls short of its target: the priority.' },
  { id: 'low-priority', name: 'Low priority', importance: 'low', performance: 'low', mermaid: 3, advice: 'Falls short, but matters little: improve it when the rest is done.' },
  { id: 'possible-overkill', name: 'Possible overkill', importance: 'low', performance: 'high', mermaid: 4, advice: 'Beats its target on something that matters little: effort to move elsewhere?' },
];

/** Importance from which a touchpoint is of high importance: 4 and 5 of 1..5 (as for `priority-gap`). */
export const HIGH_IMPORTANCE = 4;

/** Performance is latest/target (target/latest when lower is better), capped at this many times the target. */
export const PERFORMANCE_CAP = 2;

/** A touchpoint placed on the matrix. */
export interface QuadrantPoint {
  readonly journey: string;
  readonly touchpoint: string;
  readonly importance: number;
  /** The KPI that places it: its worst-performing measured KPI with a target. */
  readonly metric: string;
  readonly value: number;
  readonly period: string;
  readonly target: number;
  readonly direction: Direction;
  /** latest/target in the metric's direction, between 0 and PERFORMANCE_CAP; 1 is on target. */
  readonly performance: number;
  /** performance / PERFORMANCE_CAP: 0..1, on target at 0.5. */
  readonly x: number;
  /** (importance - 1) / 4: 0..1, importance 3 at 0.5. */
  readonly y: number;
  readonly quadrant: QuadrantId;
}

/**
 * How well a value does against its target, direction-aware: value/target when
 * higher is better, target/value when lower is better, between 0 and the cap. At or
 * beyond the target it is at least 1, short of it below 1. A zero or negative
 * divisor leaves only "met" (the cap) or "missed" (0).
 */
export function performanceOf(value: number, target: number, direction: Direction): number {
  const met = meetsTarget(value, target, direction);
  const [numerator, divisor] = direction === 'higher' ? [value, target] : [target, value];
  const ratio = divisor > 0 ? numerator / divisor : met ? PERFORMANCE_CAP : 0;
  const capped = Math.min(PERFORMANCE_CAP, Math.max(0, ratio));
  return met ? Math.max(1, capped) : Math.min(capped, 1 - Number.EPSILON);
}

/** The quadrant of a touchpoint: high importance is HIGH_IMPORTANCE or more; high performance is meeting the target. */
export function quadrantOf(importance: number, onTarget: boolean): QuadrantId {
  if (importance >= HIGH_IMPORTANCE) return onTarget ? 'keep-it-up' : 'act-first';
  return onTarget ? 'possible-overkill' : 'low-priority';
}

/**
 * Where a touchpoint sits: undefined when it has no importance or no measured KPI
 * with a target. With several, the worst-performing KPI places it, so that one KPI
 * short of its target puts an important touchpoint in "Act first".
 */
export function placeTouchpoint(touchpoint: Touchpoint, kpis: readonly KpiStatus[]): QuadrantPoint | undefined {
  const { importance } = touchpoint;
  if (importance === undefined) return undefined;
  let worst: { kpi: KpiStatus; performance: number } | undefined;
  for (const kpi of kpis) {
    if (kpi.latest === undefined || kpi.target === undefined) continue;
    const performance = performanceOf(kpi.latest.value, kpi.target, kpi.direction);
    if (!worst || performance < worst.performance) worst = { kpi, performance };
  }
  if (!worst) return undefined;
  const { kpi, performance } = worst;
  const y = Math.min(1, Math.max(0, (importance - 1) / 4));
  return {
    journey: touchpoint.journey,
    touchpoint: touchpoint.id,
    importance,
    metric: kpi.metric,
    value: kpi.latest!.value,
    period: kpi.latest!.period,
    target: kpi.target!,
    direction: kpi.direction,
    performance,
    x: performance / PERFORMANCE_CAP,
    y,
    quadrant: quadrantOf(importance, performance >= 1),
  };
}
