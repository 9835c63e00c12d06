/**
 * The catalogue's data for the pages, asked of the engine once per build: the entries,
 * their pages and facets. Every catalogue page of a build shares one computation, made
 * again only for a new model (journeys dev, after an edit).
 */
import { findingCatalogue, facetsFor, journeyEntries, paginate, touchpointEntries, JOURNEYS_PER_PAGE, TOUCHPOINTS_PER_PAGE, type FindingCatalogue, type Facet, type JourneyEntry, type CataloguePage, type TouchpointEntry } from 'journeys-as-code';
import { current } from './content.ts';
import type { JourneyView, SiteModel } from './view.ts';

export interface Catalogue {
  readonly journeys: readonly JourneyView[];
  readonly entries: readonly JourneyEntry[];
  readonly journeyPages: readonly CataloguePage<JourneyEntry>[];
  readonly journeyFacets: readonly Facet[];
  readonly touchpointPages: readonly CataloguePage<TouchpointEntry>[];
  readonly touchpointFacets: readonly Facet[];
  readonly findings: FindingCatalogue;
}

let cached: { model: SiteModel; catalogue: Catalogue } | undefined;

export async function catalogue(): Promise<Catalogue> {
  const { model } = await current();
  if (cached?.model === model) return cached.catalogue;
  const { journeys, rules, site } = model;
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
  cached = { model, catalogue: value };
  return value;
}
