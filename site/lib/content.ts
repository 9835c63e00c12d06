/**
 * The pages' collections, with the shape of astro:content's getCollection and getEntry,
 * read from the engine's model in memory. Astro's data store holds only the model's
 * version (content.config.ts): reading it keeps the pages tied to the store, so that
 * `journeys dev` reloads them when a journey changes, while the model itself is neither
 * serialised nor parsed again, and each collection is made once per version.
 */
import { getEntry as storeEntry } from 'astro:content';
import { publishedModel } from './snapshot.ts';
import type { ChannelDashboardView, ChannelView, CustomerView, JourneyView, ReviewQuarterView, RuleView, ScenarioView, SiteModel, SiteView, TeamView } from './view.ts';

export interface Collections {
  site: SiteView;
  journeys: JourneyView;
  channels: ChannelView;
  teams: TeamView;
  scenarios: ScenarioView;
  rules: RuleView;
  review: ReviewQuarterView;
  customers: CustomerView;
  channelDashboard: ChannelDashboardView;
}

export type Name = keyof Collections;

export interface Entry<K extends Name> {
  readonly id: string;
  readonly collection: K;
  readonly data: Collections[K];
}

function entries<K extends Name>(collection: K, items: readonly Collections[K][], id: (item: Collections[K]) => string): Entry<K>[] {
  return items.map((data) => ({ id: id(data), collection, data }));
}

const bySlug = (item: { slug: string }): string => item.slug;

/** How each collection is made of the model. */
const makers: { [K in Name]: (model: SiteModel) => Entry<K>[] } = {
  site: (model) => entries('site', [model.site], () => 'site'),
  journeys: (model) => entries('journeys', model.journeys, bySlug),
  channels: (model) => entries('channels', model.channels, bySlug),
  teams: (model) => entries('teams', model.teams, bySlug),
  scenarios: (model) => entries('scenarios', model.scenarios, bySlug),
  rules: (model) => entries('rules', model.rules, (rule) => rule.id),
  review: (model) => entries('review', model.review?.pages ?? [], bySlug),
  customers: (model) => entries('customers', model.customers ?? [], bySlug),
  channelDashboard: (model) => entries('channelDashboard', model.channelDashboard ? [model.channelDashboard] : [], () => 'channels'),
};

/**
 * A model's collections, each made when a page first asks for it: some of the model's
 * views are made on first use too (the review, the customers), and in `journeys dev` a
 * page that shows none of them need not wait for them after an edit.
 */
class Collected {
  readonly #lists = new Map<Name, readonly Entry<Name>[]>();
  readonly #indexes = new Map<Name, Map<string, Entry<Name>>>();
  constructor(readonly model: SiteModel) {}

  list<K extends Name>(collection: K): readonly Entry<K>[] {
    let list = this.#lists.get(collection);
    if (list === undefined) this.#lists.set(collection, (list = makers[collection](this.model)));
    return list as readonly Entry<K>[];
  }

  entry<K extends Name>(collection: K, id: string): Entry<K> | undefined {
    let index = this.#indexes.get(collection);
    if (index === undefined) this.#indexes.set(collection, (index = new Map(this.list(collection).map((entry) => [entry.id, entry]))));
    return index.get(id) as Entry<K> | undefined;
  }
}

let cached: Collected | undefined;

/** The model of this build (or of the dev server's current files), and its collections. */
export async function current(): Promise<Collected> {
  const stamp = await storeEntry('site', 'site');
  const model = publishedModel(stamp?.data.version);
  if (cached?.model !== model) cached = new Collected(model);
  return cached;
}

/** Every entry of a collection, in the model's order. */
export async function getCollection<K extends Name>(collection: K): Promise<Entry<K>[]> {
  return [...(await current()).list(collection)];
}

/** One entry of a collection by its id (a slug; "site" for the site, "channels" for the dashboard). */
export async function getEntry<K extends Name>(collection: K, id: string): Promise<Entry<K> | undefined> {
  return (await current()).entry(collection, id);
}
