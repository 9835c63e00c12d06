import { constructFromEvents, CORE_SCHEMA, mapTag, parseEvents, YAMLException, type Event } from 'js-yaml';
import { packEvents } from './yaml-events.ts';
import { plainSyntaxError } from './yaml-errors.ts';
import { formatCount } from '../model/text.ts';

export type ParseResult =
  | {
      readonly ok: true;
      readonly data: unknown;
      /** With `keepEvents`: the parser's events, packed (yaml-events.ts), for the file's positions. */
      readonly events?: Int32Array;
    }
  | {
      readonly ok: false;
      readonly message: string;
      /** Offset in the parsed text. */
      readonly offset: number;
      /** A syntax error at a place in the text (not an empty file or a limit), which a code frame can show. */
      readonly syntax?: true;
    };

/** Aliases are rare in journeys; a few are allowed, a bomb is not. */
const MAX_ALIASES = 100;
/** Nodes the data may hold once aliases are expanded: far above any real repository file. */
const MAX_EXPANDED_NODES = 200_000;

/** Counts the nodes of `data` as a tree (aliases expanded), stopping at `limit`. */
function expandedSize(data: unknown, limit: number): number {
  let count = 0;
  const stack: unknown[] = [data];
  while (stack.length > 0 && count <= limit) {
    const value = stack.pop();
    count += 1;
    if (Array.isArray(value)) stack.push(...value);
    else if (value !== null && typeof value === 'object') stack.push(...Object.values(value));
  }
  return count;
}

/**
 * The parser's reason, without anything taken from the file: js-yaml's message
 * quotes the offending line (and a few reasons name a tag, handle or alias of it),
 * and a file that is not ours, such as a secret reached through a link, must not
 * be echoed into findings, SARIF or CI annotations. The position is given apart.
 */
function describe(error: YAMLException): string {
  const reason = (error.reason || 'the text is not valid YAML')
    .replace(/\s*\(\d+:\d+\)$/, '')
    .replace(/\s*!<[^>]*>/g, '')
    .replace(/\s*"[^"]*"/g, '')
    .replace(/:\s.*$/s, '');
  return reason.split('\n')[0]!;
}

/**
 * The YAML core schema, its mappings made as objects in V8's dictionary mode. A journey's
 * touchpoints each have their own fields in their own order: a thousand journeys make
 * thousands of object shapes, and every place that reads a field of them (the schema's
 * validators, the models' making) misses V8's caches and looks the field up the slow way,
 * an absent one worst of all. Objects in dictionary mode share one shape, and a lookup is
 * a hash probe: validating the journeys took half as long, a lint a tenth less. An object
 * leaves fast mode when it loses a property other than its last one.
 */
const SCHEMA = CORE_SCHEMA.withTags({
  ...mapTag,
  create: () => {
    const mapping: Record<string, unknown> = { first: 0, second: 0 };
    delete mapping.first;
    delete mapping.second;
    return mapping;
  },
});

/**
 * js-yaml's `load`, in its two steps (events, then data from them), so that the events
 * can be kept: positions are then read from this parse, never from a second one.
 */
function loadDocument(text: string): { data: unknown; events: readonly Event[] } {
  const events = parseEvents(text, { maxDepth: 100 });
  const documents = constructFromEvents(events, { source: text, maxAliases: MAX_ALIASES, schema: SCHEMA });
  // The two messages `load` gives.
  if (documents.length === 0) throw new YAMLException('expected a document, but the input is empty');
  if (documents.length > 1) throw new YAMLException('expected a single document in the stream, but found more');
  return { data: documents[0], events };
}

/**
 * Parses one YAML document. Never throws: bad input becomes a message and an offset.
 * With `keepEvents`, the result holds the parser's events, packed.
 */
export function parseYaml(text: string, { keepEvents = false }: { readonly keepEvents?: boolean } = {}): ParseResult {
  if (text.trim() === '') return { ok: false, message: 'The file is empty: it holds no YAML data.', offset: 0 };
  let data: unknown;
  let events: readonly Event[];
  try {
    ({ data, events } = loadDocument(text));
  } catch (error) {
    if (error instanceof YAMLException) {
      const offset = error.mark?.position ?? 0;
      const message = describe(error);
      if (/document, but the input is empty/.test(message)) {
        return { ok: false, message: 'The file holds only comments: it has no YAML data.', offset: 0 };
      }
      if (/maxAliases/.test(message)) {
        return { ok: false, message: `Too many YAML aliases (more than ${MAX_ALIASES}): write the values out instead.`, offset };
      }
      const plain = plainSyntaxError(error.reason || '', text, offset);
      if (plain) return { ok: false, message: `YAML syntax error: ${plain.words}.`, offset: plain.offset, syntax: true };
      return { ok: false, message: `YAML syntax error: ${message}.`, offset, syntax: true };
    }
    // Not a syntax error (the parser ran out of stack, say): its message may hold text of the file.
    return { ok: false, message: 'The YAML could not be read: it is nested too deeply or too large for the parser.', offset: 0 };
  }
  if (text.includes('*') && expandedSize(data, MAX_EXPANDED_NODES) > MAX_EXPANDED_NODES) {
    return { ok: false, message: `The YAML aliases expand to more than ${formatCount(MAX_EXPANDED_NODES)} values: write the values out instead.`, offset: 0 };
  }
  return keepEvents ? { ok: true, data, events: packEvents(events) } : { ok: true, data };
}
