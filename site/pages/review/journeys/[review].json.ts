/**
 * The journeys of each quarterly review, slug and title, which the review's journey filter
 * lists (site/scripts/review-filter.ts): fetched once, instead of written into each of the
 * review's pages, where a thousand journeys made half of every page.
 */
import { getCollection } from '../../../lib/content.ts';
import type { APIContext } from 'astro';
import type { ReviewQuarterView } from '../../../lib/view.ts';

export async function getStaticPaths() {
  const pages = (await getCollection('review')).map((entry) => entry.data);
  return pages.map((review) => ({ params: { review: review.slug }, props: { review } }));
}

export function GET({ props }: APIContext<{ review: ReviewQuarterView }>): Response {
  const journeys = props.review.journeys.map(({ slug, title }) => ({ slug, title }));
  return new Response(JSON.stringify(journeys), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}
