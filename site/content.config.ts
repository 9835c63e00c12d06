/**
 * The site's only source of data: collections loaded from the journeys repository
 * (JOURNEYS_ROOT, default the current folder) through the engine's public API.
 * In `journeys dev`, a change to a journey file or the configuration reloads them.
 */
import { defineCollection } from 'astro:content';
import type { Loader, LoaderContext } from 'astro/loaders';
import { z } from 'astro/zod';
import { journeysRoot, snapshot, watchedPaths } from './lib/snapshot.ts';
import type { SiteModel } from './lib/view.ts';
import type { ChannelView, JourneyView, RuleView, ScenarioView, SiteView, TeamView } from './lib/view.ts';
import type { ChannelDashboardView, CustomerView, ReviewQuarterView } from './lib/view.ts';

type Entry = { id: string; data: Record<string, unknown> };

function engineLoader(name: string, entries: (model: SiteModel) => Entry[]): Loader {
  return {
    name: `journeys-${name}`,
    load: async (context: LoaderContext) => {
      const { store, watcher, logger, generateDigest } = context;
      const root = journeysRoot();
      const sync = (): void => {
        const model = snapshot(root);
        store.clear();
        for (const entry of entries(model)) store.set({ id: entry.id, data: entry.data, digest: generateDigest(entry.data) });
      };
      sync();
      if (!watcher) return;
      const paths = watchedPaths(root);
      watcher.add(paths);
      let timer: ReturnType<typeof setTimeout> | undefined;
      watcher.on('all', (_event: string, changed: string) => {
        if (!paths.some((path) => changed === path || changed.startsWith(`${path}/`))) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          try {
            sync();
            if (name === 'site') logger.info(`Reloaded the journeys after a change to ${changed}`);
          } catch (error) {
            logger.error(`Could not reload the journeys: ${error instanceof Error ? error.message : String(error)}`);
          }
        }, 150);
      });
    },
  };
}

const asData = <T>(value: T): Record<string, unknown> => value as unknown as Record<string, unknown>;
const byId = <T extends { slug: string }>(items: readonly T[]): Entry[] => items.map((item) => ({ id: item.slug, data: asData(item) }));

export const collections = {
  site: defineCollection({
    loader: engineLoader('site', (model) => [{ id: 'site', data: asData(model.site) }]),
    schema: z.custom<SiteView>(),
  }),
  journeys: defineCollection({ loader: engineLoader('journeys', (model) => byId(model.journeys)), schema: z.custom<JourneyView>() }),
  channels: defineCollection({ loader: engineLoader('channels', (model) => byId(model.channels)), schema: z.custom<ChannelView>() }),
  teams: defineCollection({ loader: engineLoader('teams', (model) => byId(model.teams)), schema: z.custom<TeamView>() }),
  scenarios: defineCollection({ loader: engineLoader('scenarios', (model) => byId(model.scenarios)), schema: z.custom<ScenarioView>() }),
  rules: defineCollection({
    loader: engineLoader('rules', (model) => model.rules.map((rule) => ({ id: rule.id, data: asData(rule) }))),
    schema: z.custom<RuleView>(),
  }),
  review: defineCollection({ loader: engineLoader('review', (model) => byId(model.review?.pages ?? [])), schema: z.custom<ReviewQuarterView>() }),
  customers: defineCollection({ loader: engineLoader('customers', (model) => byId(model.customers ?? [])), schema: z.custom<CustomerView>() }),
  channelDashboard: defineCollection({
    loader: engineLoader('channel-dashboard', (model) => (model.channelDashboard ? [{ id: 'channels', data: asData(model.channelDashboard) }] : [])),
    schema: z.custom<ChannelDashboardView>(),
  }),
};
