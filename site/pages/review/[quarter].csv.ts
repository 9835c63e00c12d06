/** The quarterly review of each quarter as CSV, in the site's language, written at build time. */
import { getCollection } from '../../lib/content.ts';
import type { APIContext } from 'astro';
import { reviewCsv } from 'journeys-as-code';
import type { ReviewQuarterView } from '../../lib/view.ts';

export async function getStaticPaths() {
  const pages = (await getCollection('review')).map((entry) => entry.data).filter((page) => page.quarter !== undefined);
  return pages.map((review) => ({ params: { quarter: review.slug }, props: { review } }));
}

export function GET({ props, locals }: APIContext<{ review: ReviewQuarterView }>): Response {
  return new Response(reviewCsv(props.review, locals.words), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
}
