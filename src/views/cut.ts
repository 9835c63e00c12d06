/**
 * Lists that grow with the repository are cut on the pages that are not their catalogue
 * (a team's journeys, touchpoints and findings, a channel's touchpoints, the company's
 * journeys on the scorecard, a rule's findings), so that every page stays of a bounded
 * size however many journeys the company has; each cut list links to the catalogue that
 * holds them all.
 */

export const TEAM_JOURNEYS_SHOWN = 50;
export const TEAM_TOUCHPOINTS_SHOWN = 100;
export const TEAM_FINDINGS_SHOWN = 50;
/** Rows of a channel's page in all, shared among its stages. */
export const CHANNEL_TOUCHPOINTS_SHOWN = 200;
export const SCORECARD_JOURNEYS_SHOWN = 50;
export const RULE_FINDINGS_SHOWN = 100;

export interface CutList<T> {
  readonly shown: readonly T[];
  /** How many were left out. */
  readonly more: number;
}

/** The first `limit` items, and how many were left out. */
export function firstOf<T>(items: readonly T[], limit: number): CutList<T> {
  return { shown: items.slice(0, limit), more: Math.max(0, items.length - limit) };
}

/**
 * Groups cut to about `limit` rows in all: each keeps its first rows, an equal share
 * of the limit but never fewer than `least`, so that every group is seen.
 */
export function cutGroups<T, G extends { readonly rows: readonly T[] }>(groups: readonly G[], limit: number, least = 3): (G & CutList<T>)[] {
  const share = Math.max(least, Math.floor(limit / Math.max(1, groups.length)));
  return groups.map((group) => ({ ...group, ...firstOf(group.rows, share) }));
}
