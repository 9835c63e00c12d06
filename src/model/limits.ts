/**
 * How much work one input may cause. Every input valid for the schema must lint,
 * simulate and render in bounded time and memory: each limit is checked before
 * the work it protects, and going past it is a `limit-exceeded` finding (or, for
 * text, the `schema` finding of its maxLength) while the rest of the run goes on.
 */

/** Sends of one touchpoint in one scenario: a `repeat` of a million times is simulated up to here. */
export const MAX_SENDS_PER_TOUCHPOINT = 1_000;

/** Sends in one scenario, all touchpoints together. */
export const MAX_SENDS_PER_SCENARIO = 100_000;

/** Events of one scenario that are simulated, in the order they are written. */
export const MAX_SCENARIO_EVENTS = 10_000;

/**
 * Characters of a message's text and subject that figure extraction and similarity
 * read: the maxLength of `message.text` and `message.subject` in
 * schema/journey.schema.json (a test holds them equal), whose `schema` finding
 * reports a longer text.
 */
export const MAX_MESSAGE_TEXT = 10_000;
export const MAX_MESSAGE_SUBJECT = 200;

/** Levels of quotes and lists a Markdown body may nest; a deeper one is shown as plain text. */
export const MAX_MARKDOWN_NESTING = 32;

/**
 * Characters of a name the model keeps (ids, references, events, intents): ids may
 * hold 64 and event names 100 (schema/journey.schema.json), whose `schema` finding
 * reports a longer one. Past this, the name is cut and marked with an ellipsis, so
 * that no output that repeats it (a timeline names its journey on every send) grows
 * with it.
 */
export const MAX_NAME_LENGTH = 200;
