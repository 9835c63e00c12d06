/**
 * Gives every page the site's words in the language of journeys.config.yaml
 * (`Astro.locals.words`): the translator of the engine's catalogue.
 */
import { defineMiddleware } from 'astro:middleware';
import { getEntry } from './lib/content.ts';
import { translator } from 'journeys-as-code';

export const onRequest = defineMiddleware(async (context, next) => {
  const site = await getEntry('site', 'site');
  context.locals.words = translator(site?.data.locale);
  return next();
});
