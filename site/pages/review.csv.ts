/** The latest quarterly review as CSV, written at build time. */
import { getCollection } from '../lib/content.ts';
import { reviewCsv } from 'journeys-as-code';

export async function GET(): Promise<Response> {
  const pages = (await getCollection('review')).map((entry) => entry.data);
  const latest = pages.find((page) => page.latest) ?? pages.at(-1)!;
  return new Response(reviewCsv(latest), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
}
