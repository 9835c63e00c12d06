/** The latest quarterly review as CSV, in the site's language, written at build time. */
import { getCollection } from '../lib/content.ts';
import type { APIContext } from 'astro';
import { reviewCsv } from 'journeys-as-code';

export async function GET({ locals }: APIContext): Promise<Response> {
  const pages = (await getCollection('review')).map((entry) => entry.data);
  const latest = pages.find((page) => page.latest) ?? pages.at(-1)!;
  return new Response(reviewCsv(latest, locals.words), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
}
