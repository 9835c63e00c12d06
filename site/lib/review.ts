/** The quarterly review's pages share their menu of quarters. */
import type { ReviewQuarterView } from './view.ts';

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
