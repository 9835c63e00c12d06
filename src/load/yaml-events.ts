/**
 * js-yaml's event stream of a file, packed into one Int32Array. The loader parses each
 * file once, into events, builds its data from them and keeps them packed: the file's
 * positions are then worked out from the same parse, only if a finding asks for one,
 * without reading or parsing the file again. Packed, the events of a journey of 30
 * touchpoints take about 10 kB outside the JavaScript heap (the garbage collector never
 * walks them) and cross from the parse worker without a copy.
 *
 * Each event is a header (type, style, chomping, fast, whether it has an anchor or a
 * tag), then its offsets: a scalar's value start and end (and indent when it is a block
 * scalar), a collection's start and where its events end (so that a path is followed
 * without reading the collections beside it), an alias's anchor; then the anchor's and
 * the tag's start and end when it has them.
 */
import { EVENT_ID, SCALAR_STYLE, type Event } from 'js-yaml';

const TYPE_MASK = 0b111;
const STYLE_SHIFT = 3;
const CHOMPING_SHIFT = 6;
const FAST = 1 << 8;
const ANCHOR = 1 << 9;
const TAG = 1 << 10;

const isBlock = (style: number): boolean => style === SCALAR_STYLE.LITERAL_BLOCK || style === SCALAR_STYLE.FOLDED_BLOCK;

/** Reused between files: one packing allocates only its result. */
let scratch = new Int32Array(1 << 14);

function room(at: number, more: number): void {
  if (at + more <= scratch.length) return;
  const larger = new Int32Array(Math.max(scratch.length * 2, at + more));
  larger.set(scratch);
  scratch = larger;
}

/** The events packed, in an array (and buffer) of their own. */
export function packEvents(events: readonly Event[]): Int32Array {
  let at = 0;
  /** Where each open collection's end is to be written. */
  const open: number[] = [];
  for (const event of events) {
    // At most 8 numbers per event.
    room(at, 8);
    switch (event.type) {
      case EVENT_ID.SCALAR: {
        const anchor = event.anchorStart >= 0;
        const tag = event.tagStart >= 0;
        scratch[at++] = event.type | (event.style << STYLE_SHIFT) | (event.chomping << CHOMPING_SHIFT) | (event.fast ? FAST : 0) | (anchor ? ANCHOR : 0) | (tag ? TAG : 0);
        scratch[at++] = event.valueStart;
        scratch[at++] = event.valueEnd;
        if (isBlock(event.style)) scratch[at++] = event.indent;
        if (anchor) {
          scratch[at++] = event.anchorStart;
          scratch[at++] = event.anchorEnd;
        }
        if (tag) {
          scratch[at++] = event.tagStart;
          scratch[at++] = event.tagEnd;
        }
        break;
      }
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const anchor = event.anchorStart >= 0;
        const tag = event.tagStart >= 0;
        scratch[at++] = event.type | (event.style << STYLE_SHIFT) | (anchor ? ANCHOR : 0) | (tag ? TAG : 0);
        scratch[at++] = event.start;
        open.push(at);
        scratch[at++] = -1;
        if (anchor) {
          scratch[at++] = event.anchorStart;
          scratch[at++] = event.anchorEnd;
        }
        if (tag) {
          scratch[at++] = event.tagStart;
          scratch[at++] = event.tagEnd;
        }
        break;
      }
      case EVENT_ID.ALIAS:
        scratch[at++] = event.type;
        scratch[at++] = event.anchorStart;
        scratch[at++] = event.anchorEnd;
        break;
      case EVENT_ID.POP: {
        scratch[at++] = event.type;
        // A document's pop closes no collection.
        const start = open.pop();
        if (start !== undefined) scratch[start] = at;
        break;
      }
      default:
        // A document's start: positions need nothing more of it.
        scratch[at++] = event.type;
        break;
    }
  }
  return scratch.slice(0, at);
}

/** One node's event read from packed events: its fields, and where the next event (after its children) starts. */
export interface PackedNode {
  readonly event: Event;
  /** Where the node's first child starts, for a collection. */
  readonly children: number;
  /** Where the event after this node and its children starts. */
  readonly next: number;
}

/** The node whose event starts at `at`. Call it only at a scalar, alias or collection. */
export function readNode(packed: Int32Array, at: number): PackedNode {
  const header = packed[at]!;
  const type = header & TYPE_MASK;
  const style = (header >> STYLE_SHIFT) & 0b111;
  let next = at + 1;
  const optional = (): [number, number, number, number] => {
    let anchorStart = -1;
    let anchorEnd = -1;
    let tagStart = -1;
    let tagEnd = -1;
    if (header & ANCHOR) {
      anchorStart = packed[next++]!;
      anchorEnd = packed[next++]!;
    }
    if (header & TAG) {
      tagStart = packed[next++]!;
      tagEnd = packed[next++]!;
    }
    return [anchorStart, anchorEnd, tagStart, tagEnd];
  };
  switch (type) {
    case EVENT_ID.SCALAR: {
      const valueStart = packed[next++]!;
      const valueEnd = packed[next++]!;
      const indent = isBlock(style) ? packed[next++]! : -1;
      const [anchorStart, anchorEnd, tagStart, tagEnd] = optional();
      const chomping = (header >> CHOMPING_SHIFT) & 0b11;
      const event = { type, valueStart, valueEnd, anchorStart, anchorEnd, tagStart, tagEnd, style, chomping, indent, fast: (header & FAST) !== 0 } as Event;
      return { event, children: next, next };
    }
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE: {
      const start = packed[next++]!;
      const end = packed[next++]!;
      const [anchorStart, anchorEnd, tagStart, tagEnd] = optional();
      return { event: { type, start, anchorStart, anchorEnd, tagStart, tagEnd, style } as Event, children: next, next: end < 0 ? packed.length : end };
    }
    default: {
      const anchorStart = packed[next++]!;
      const anchorEnd = packed[next++]!;
      return { event: { type: EVENT_ID.ALIAS, anchorStart, anchorEnd }, children: next, next };
    }
  }
}

/** The type of the event at `at`. */
export const eventType = (packed: Int32Array, at: number): number => packed[at]! & TYPE_MASK;

/**
 * Where the event after the node at `at` and its children starts (readNode's `next`),
 * without making the node: a path is followed past the nodes beside it at no cost.
 */
export function nextNode(packed: Int32Array, at: number): number {
  const header = packed[at]!;
  const type = header & TYPE_MASK;
  if (type === EVENT_ID.MAPPING || type === EVENT_ID.SEQUENCE) {
    const end = packed[at + 2]!;
    return end < 0 ? packed.length : end;
  }
  if (type !== EVENT_ID.SCALAR) return at + 3;
  const optional = (header & ANCHOR ? 2 : 0) + (header & TAG ? 2 : 0);
  return at + 3 + (isBlock((header >> STYLE_SHIFT) & 0b111) ? 1 : 0) + optional;
}

/**
 * Whether the node at `at` is a plain scalar of one line (js-yaml's fast path) whose text
 * in `source` is `name`; undefined when it is another kind of node, which readNode reads.
 */
export function fastScalarIs(packed: Int32Array, at: number, source: string, name: string): boolean | undefined {
  const header = packed[at]!;
  if ((header & TYPE_MASK) !== EVENT_ID.SCALAR || (header & FAST) === 0) return undefined;
  const valueStart = packed[at + 1]!;
  if (valueStart < 0) return undefined;
  return packed[at + 2]! - valueStart === name.length && source.startsWith(name, valueStart);
}

/** The events as js-yaml gave them (a document's directives and flags excepted, which positions never read). */
export function unpackEvents(packed: Int32Array): Event[] {
  const events: Event[] = [];
  let at = 0;
  while (at < packed.length) {
    const type = eventType(packed, at);
    if (type === EVENT_ID.DOCUMENT || (type !== EVENT_ID.SCALAR && type !== EVENT_ID.MAPPING && type !== EVENT_ID.SEQUENCE && type !== EVENT_ID.ALIAS)) {
      events.push(type === EVENT_ID.DOCUMENT ? { type, explicitStart: false, explicitEnd: false, directives: [] } : { type: EVENT_ID.POP });
      at += 1;
      continue;
    }
    // A collection's children follow its own fields: the list goes on there, not past them.
    const node = readNode(packed, at);
    events.push(node.event);
    at = node.children;
  }
  return events;
}
