import { pushTo } from './collections.ts';
import type { Journey, Repository, Touchpoint } from './types.ts';

/** A touchpoint with its journey. */
export interface Placed {
  readonly journey: Journey;
  readonly touchpoint: Touchpoint;
}

const memo = new WeakMap<Repository, ReadonlyMap<string, readonly Placed[]>>();

/**
 * Touchpoints by the event that triggers them, in file order, built once per repository:
 * the simulator and the rules that compare touchpoints of the same trigger share it (a
 * key made of a trigger and another field, for each of tens of thousands of touchpoints,
 * took them longer than their comparisons).
 */
export function touchpointsByTrigger(repo: Repository): ReadonlyMap<string, readonly Placed[]> {
  let index = memo.get(repo);
  if (!index) {
    const made = new Map<string, Placed[]>();
    for (const journey of repo.journeys) {
      for (const touchpoint of journey.touchpoints) {
        if (touchpoint.trigger !== undefined) pushTo(made, touchpoint.trigger, { journey, touchpoint });
      }
    }
    memo.set(repo, (index = made));
  }
  return index;
}

/** The touchpoints of a list grouped by a field (those without it left out), in the list's order: only groups of two or more. */
export function groupsOf(placed: readonly Placed[], key: (touchpoint: Touchpoint) => string | undefined): Placed[][] {
  if (placed.length < 2) return [];
  const groups = new Map<string, Placed[]>();
  for (const item of placed) {
    const value = key(item.touchpoint);
    if (value !== undefined) pushTo(groups, value, item);
  }
  return [...groups.values()].filter((group) => group.length >= 2);
}
