/**
 * The catalogue's data for the pages, asked of the engine once per build: the entries,
 * their pages and facets. Every catalogue page of a build shares one computation.
 */
import { getCollection, getEntry } from 'astro:content';
import { findingCatalogue, facetsFor, journeyEntries, paginate, touchpointEntries, JOURNEYS_PER_PAGE, TOUCHPOINTS_PER_PAGE, type FindingCatalogue, type Facet, type JourneyEntry, type CataloguePage, type TouchpointEntry } from 'journeys-as-code';
import type { JourneyView } from './view.ts';

export interface Catalogue {
  readonly journeys: readonly JourneyView[];
  readonly entries: readonly JourneyEntry[];
  readonly journeyPages: readonly CataloguePage<JourneyEntry>[];
  readonly journeyFacets: readonly Facet[];
  readonly touchpointPages: readonly CataloguePage<TouchpointEntry>[];
  readonly touchpointFacets: readonly Facet[];
  readonly findings: FindingCatalogue;
}

let cached: { key: string; catalogue: Catalogue } | undefined;

export async function catalogue(): Promise<Catalogue> {
  const siteEntry = (await getEntry('site', 'site'))!;
  const journeyEntriesOf = await getCollection('journeys');
  // The entries' digests change with their data (journeys dev reloads them on an edit).
  const key = [siteEntry.digest, ...journeyEntriesOf.map((entry) => entry.digest)].join('\n');
  if (cached?.key === key) return cached.catalogue;
  const site = siteEntry.data;
  const journeys = journeyEntriesOf.map((entry) => entry.data);
  const rules = (await getCollection('rules')).map((entry) => entry.data);
  const entries = journeyEntries(journeys);
  const touchpoints = touchpointEntries(journeys);
  const value: Catalogue = {
    journeys,
    entries,
    journeyPages: paginate(entries, JOURNEYS_PER_PAGE),
    journeyFacets: facetsFor(entries, journeys, ['team', 'channel', 'persona', 'stage', 'health', 'grade']),
    touchpointPages: paginate(touchpoints, TOUCHPOINTS_PER_PAGE),
    touchpointFacets: facetsFor(touchpoints, journeys, ['team', 'channel', 'persona', 'stage', 'health', 'grade']),
    findings: findingCatalogue(site.findings, journeys, rules),
  };
  cached = { key: site, catalogue: value };
  return value;
}
