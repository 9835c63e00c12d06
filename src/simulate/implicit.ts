/**
 * Implicit scenarios (`policy.implicit-scenarios: true`): every trigger a touchpoint names,
 * happening once to one customer of each persona, so that the contact policy is checked
 * in a repository with no scenario, and for events no scenario names.
 */

import type { NodeRef, Repository, Scenario } from '../model/types.ts';

/** Implicit scenarios simulated at most: triggers times personas may be large; past it, a limit-exceeded finding. */
export const MAX_IMPLICIT_SCENARIOS = 10_000;

/** When the trigger happens: 10:00 on day 0, a time no quiet hours usually cover. */
export const IMPLICIT_EVENT_AT = 10 * 60;

/** The implicit scenarios of a repository, at most `most`, and how many there would be without the limit. */
export function implicitScenarios(repo: Repository, most = MAX_IMPLICIT_SCENARIOS): { scenarios: Scenario[]; wanted: number } {
  const triggers = new Set<string>();
  for (const journey of repo.journeys) for (const touchpoint of journey.touchpoints) if (touchpoint.trigger !== undefined) triggers.add(touchpoint.trigger);
  const file = repo.config.file ?? 'journeys.config.yaml';
  const ref: NodeRef = { file, path: ['policy', 'implicit-scenarios'] };
  const personas: readonly (string | undefined)[] = repo.personas.length > 0 ? repo.personas.map((persona) => persona.id) : [undefined];
  const scenarios: Scenario[] = [];
  for (const event of triggers) {
    for (const persona of personas) {
      if (scenarios.length >= most) return { scenarios, wanted: triggers.size * personas.length };
      scenarios.push({
        id: persona === undefined ? `implicit/${event}` : `implicit/${event}/${persona}`,
        file,
        ...(persona !== undefined ? { persona } : {}),
        events: [{ at: IMPLICIT_EVENT_AT, event, ref }],
        implicit: true,
        ref,
      });
    }
  }
  return { scenarios, wanted: scenarios.length };
}
