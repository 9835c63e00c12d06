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

type Lists = { [K in Name]: readonly Entry<K>[] };

function entries<K extends Name>(collection: K, items: readonly Collections[K][], id: (item: Collections[K]) => string): Entry<K>[] {
  return items.map((data) => ({ id: id(data), collection, data }));
}

const bySlug = (item: { slug: string }): string => item.slug;

function listsOf(model: SiteModel): Lists {
  return {
    site: entries('site', [model.site], () => 'site'),
    journeys: entries('journeys', model.journeys, bySlug),
    channels: entries('channels', model.channels, bySlug),
    teams: entries('teams', model.teams, bySlug),
    scenarios: entries('scenarios', model.scenarios, bySlug),
    rules: entries('rules', model.rules, (rule) => rule.id),
    review: entries('review', model.review?.pages ?? [], bySlug),
    customers: entries('customers', model.customers ?? [], bySlug),
    channelDashboard: entries('channelDashboard', model.channelDashboard ? [model.channelDashboard] : [], () => 'channels'),
  };
}

let cached: { model: SiteModel; lists: Lists; index: Map<string, Entry<Name>> } | undefined;

/** The model of this build (or of the dev server's current files), and its collections. */
export async function current(): Promise<{ model: SiteModel; lists: Lists; index: Map<string, Entry<Name>> }> {
  const stamp = await storeEntry('site', 'site');
  const model = publishedModel(stamp?.data.version);
  if (cached?.model !== model) {
    const lists = listsOf(model);
    const index = new Map<string, Entry<Name>>();
    for (const list of Object.values(lists) as Entry<Name>[][]) for (const entry of list) index.set(`${entry.collection}\u0000${entry.id}`, entry);
    cached = { model, lists, index };
  }
  return cached;
}

/** Every entry of a collection, in the model's order. */
export async function getCollection<K extends Name>(collection: K): Promise<Entry<K>[]> {
  return [...(await current()).lists[collection]] as Entry<K>[];
}

/** One entry of a collection by its id (a slug; "site" for the site, "channels" for the dashboard). */
export async function getEntry<K extends Name>(collection: K, id: string): Promise<Entry<K> | undefined> {
  return (await current()).index.get(`${collection}\u0000${id}`) as Entry<K> | undefined;
}
