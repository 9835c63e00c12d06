import type { ScenarioEvent } from './types.ts';

/** The customer withdraws their consent to marketing: on the event's channel, or on every channel. */
export const CONSENT_WITHDRAWN = 'consent.withdrawn';
/** The customer gives their consent to marketing back: on the event's channel, or on every channel. */
export const CONSENT_GIVEN = 'consent.given';

/** Events the tool itself gives a meaning to: a repository never needs to declare them. */
export const BUILT_IN_EVENTS: readonly string[] = [CONSENT_WITHDRAWN, CONSENT_GIVEN];

/**
 * A customer's consent as a scenario's consent events leave it: the withdrawal in force on
 * every channel, and channel by channel the withdrawal in force there (undefined once given
 * back), which wins over it. Customers are taken to consent until they say otherwise.
 */
export interface Consent {
  readonly everywhere?: ScenarioEvent;
  readonly byChannel: ReadonlyMap<string, ScenarioEvent | undefined>;
}

export const FULL_CONSENT: Consent = { byChannel: new Map() };

export function isConsentEvent(event: ScenarioEvent): boolean {
  return event.event === CONSENT_WITHDRAWN || event.event === CONSENT_GIVEN;
}

/** The consent after a scenario event; any other event than a consent one leaves it as it was. */
export function applyConsent(consent: Consent, event: ScenarioEvent): Consent {
  if (!isConsentEvent(event)) return consent;
  const withdrawal = event.event === CONSENT_WITHDRAWN ? event : undefined;
  // Without a channel, the event speaks for every channel, over what was said channel by channel.
  if (event.channel === undefined) return { ...(withdrawal ? { everywhere: withdrawal } : {}), byChannel: new Map() };
  return { ...consent, byChannel: new Map(consent.byChannel).set(event.channel, withdrawal) };
}

/** The withdrawal in force on a channel, or undefined when the customer consents there. */
export function withdrawalOn(consent: Consent, channel: string): ScenarioEvent | undefined {
  return consent.byChannel.has(channel) ? consent.byChannel.get(channel) : consent.everywhere;
}
