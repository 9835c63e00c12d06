/**
 * Who a journey is for. A journey's `personas:` are customer segments (empty: every
 * customer), and one customer belongs to one segment, so two journeys can only
 * reach the same customer when their segments meet. Rules that compare two
 * messages compare only messages one customer can receive together.
 */

import type { Journey } from './types.ts';

/** Whether one customer can be in the audience of both journeys: either is for everyone, or they share a persona. */
export function audiencesMeet(a: Pick<Journey, 'personas'>, b: Pick<Journey, 'personas'>): boolean {
  if (a.personas.length === 0 || b.personas.length === 0) return true;
  const ofB = new Set(b.personas);
  return a.personas.some((persona) => ofB.has(persona));
}

/** Whether a journey reaches a customer of `persona`; a customer of unknown segment (undefined) is reached by every journey. */
export function reaches(journey: Pick<Journey, 'personas'>, persona: string | undefined): boolean {
  return persona === undefined || journey.personas.length === 0 || journey.personas.includes(persona);
}

/**
 * The items one customer can receive together, as groups: one per persona the items'
 * journeys name (the journeys that reach it, in order), or all items when none names
 * one. Two items meet their audiences exactly when some group holds both, so a rule
 * that compares items within each group compares only items one customer can get.
 */
export function audienceGroups<T>(items: readonly T[], journeyOf: (item: T) => Pick<Journey, 'personas'>): T[][] {
  const personas = [...new Set(items.flatMap((item) => journeyOf(item).personas))];
  if (personas.length === 0) return [[...items]];
  return personas.map((persona) => items.filter((item) => reaches(journeyOf(item), persona)));
}

/**
 * For each journey of a list, whether one customer can be in its audience and in another's of
 * the list (audiencesMeet with some other): counted by persona, not by pairs, for groups of any size.
 */
export function meetsAnother(journeys: readonly Pick<Journey, 'personas'>[]): boolean[] {
  let forEveryone = 0;
  const byPersona = new Map<string, number>();
  for (const { personas } of journeys) {
    if (personas.length === 0) forEveryone += 1;
    for (const persona of new Set(personas)) byPersona.set(persona, (byPersona.get(persona) ?? 0) + 1);
  }
  return journeys.map(({ personas }) =>
    personas.length === 0 ? journeys.length > 1 : forEveryone > 0 || [...new Set(personas)].some((persona) => byPersona.get(persona)! > 1),
  );
}
