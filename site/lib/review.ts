/** The quarterly review's pages share their menu of quarters. */
import type { ReviewQuarterView, ReviewRow } from './view.ts';

/** A quarter the review has pages for, as its menu links to it. */
export interface QuarterLink {
  readonly slug: string;
  readonly quarter: string;
  readonly latest: boolean;
}

/** The quarters measured, in the review's order (a review of no quarter, with no measure yet, has none). */
export function quarterLinks(reviews: readonly ReviewQuarterView[]): QuarterLink[] {
  return reviews.flatMap((review) => (review.quarter !== undefined ? [{ slug: review.slug, quarter: review.quarter, latest: review.latest }] : []));
}

const rowsByJourney = new WeakMap<ReviewQuarterView, ReadonlyMap<string, readonly ReviewRow[]>>();

/**
 * A quarter's rows by journey slug, in the review's order: made once per quarter, not
 * once per page of it (a quarter of a thousand journeys has a hundred pages and tens of
 * thousands of rows).
 */
export function rowsOfJourneys(review: ReviewQuarterView): ReadonlyMap<string, readonly ReviewRow[]> {
  let rows = rowsByJourney.get(review);
  if (rows === undefined) {
    const made = new Map<string, ReviewRow[]>();
    for (const row of review.rows) {
      const list = made.get(row.journeySlug);
      if (list) list.push(row);
      else made.set(row.journeySlug, [row]);
    }
    rowsByJourney.set(review, (rows = made));
  }
  return rows;
}
