/**
 * Every touchpoint as a search record of its own (journeys build adds them to Pagefind's
 * index beside the pages, then removes this file), so that search finds a touchpoint.
 */
import { getCollection } from '../lib/content.ts';
import { touchpointSearchRecords } from 'journeys-as-code';
import { href } from '../lib/paths.ts';

export async function GET({ locals }: { locals: App.Locals }): Promise<Response> {
  const journeys = (await getCollection('journeys')).map((entry) => entry.data);
  const records = touchpointSearchRecords(journeys).map((record) => ({
    url: href(record.path),
    content: record.content,
    meta: { title: record.title },
    filters: { kind: [locals.words.t('kind.touchpoint')] },
  }));
  return new Response(JSON.stringify(records), { headers: { 'content-type': 'application/json' } });
}
