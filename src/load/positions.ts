import { EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE, type Event, type ScalarEvent } from 'js-yaml';
import type { Path, Position, SourceFile } from '../model/types.ts';
import { lineStarts, rangeToPosition } from './lines.ts';
import { eventType, fastScalarIs, nextNode, readNode, unpackEvents, type PackedNode } from './yaml-events.ts';

/**
 * Resolves paths into a file's YAML to line and column. Built only for the files
 * that have something to report: the load path parses data without positions,
 * which is several times faster.
 */
export interface Locator {
  /** Position of the node at `path`, or of its deepest existing ancestor. */
  locate(path: Path, key?: boolean): Position;
  /** Offsets [start, end) of the text of the node at exactly `path` (quotes included), when it has text of its own: a scalar or an alias. */
  range(path: Path): readonly [number, number] | undefined;
  /** Offsets [start, end) of every scalar, to tell comments from text inside block scalars. */
  readonly scalarRanges: readonly (readonly [number, number])[];
  readonly lineStarts: readonly number[];
}

interface Span {
  readonly start: number;
  readonly end?: number;
}

interface Located {
  value: Span;
  key?: Span;
}

const SEPARATOR = '\u0000';
const pathKey = (path: Path): string => path.join(SEPARATOR);

/** The span of a scalar, or undefined for an empty one (`owner:` with nothing after it), which has no text of its own. */
function scalarSpan(source: string, event: ScalarEvent, base: number): Span | undefined {
  if (event.valueStart < 0) {
    const marker = [event.anchorStart >= 0 ? event.anchorStart - 1 : -1, event.tagStart].filter((n) => n >= 0);
    if (marker.length === 0) return undefined;
    return { start: base + Math.min(...marker) };
  }
  let start = event.valueStart;
  if (event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED) start -= 1;
  else if (event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK) {
    while (source[start] === ' ') start += 1;
  }
  let end = event.valueEnd;
  if (event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED) end += 1;
  else if (source[end - 1] === '\n') end = Math.max(start, source.slice(start, end).trimEnd().length + start);
  // Offsets of anchors are of their name, after the `&`.
  if (event.anchorStart >= 0 && event.anchorStart - 1 < start) start = event.anchorStart - 1;
  if (event.tagStart >= 0 && event.tagStart < start) start = event.tagStart;
  return { start: base + start, end: base + end };
}

interface Frame {
  readonly kind: 'mapping' | 'sequence';
  /** The path as a string key: segments joined by SEPARATOR, built once per node. */
  readonly path: string;
  readonly span: Span;
  index: number;
  pendingKey?: { name: string; span: Span };
}

function index(source: string, events: readonly Event[], base: number): { nodes: Map<string, Located>; scalars: [number, number][] } {
  const nodes = new Map<string, Located>();
  const scalars: [number, number][] = [];
  const stack: Frame[] = [];

  /**
   * Where the next node goes; undefined when it is a mapping key. A node with no
   * text of its own (an empty value) is placed at its key, or at its parent.
   */
  const place = (found: Span | undefined, keyName?: string): string | undefined => {
    const parent = stack[stack.length - 1];
    if (!parent) return '';
    const prefix = parent.path === '' ? '' : `${parent.path}${SEPARATOR}`;
    if (parent.kind === 'sequence') {
      const path = `${prefix}${parent.index++}`;
      nodes.set(path, { value: found ?? parent.span });
      return path;
    }
    if (parent.pendingKey === undefined) {
      parent.pendingKey = { name: keyName ?? '', span: found ?? parent.span };
      return undefined;
    }
    const path = `${prefix}${parent.pendingKey.name}`;
    const key = parent.pendingKey.span;
    parent.pendingKey = undefined;
    nodes.set(path, { value: found ?? key, key });
    return path;
  };

  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.SCALAR: {
        const span = scalarSpan(source, event, base);
        if (event.valueStart >= 0) scalars.push([base + event.valueStart, base + event.valueEnd]);
        const path = place(span, event.valueStart >= 0 ? getScalarValue(source, event) : '');
        if (path === '') nodes.set('', { value: span ?? { start: base } });
        break;
      }
      case EVENT_ID.ALIAS: {
        place({ start: base + event.anchorStart - 1, end: base + event.anchorEnd }, '');
        break;
      }
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const starts = [event.start, event.anchorStart >= 0 ? event.anchorStart - 1 : -1, event.tagStart].filter((n) => n >= 0);
        const span = starts.length > 0 ? { start: base + Math.min(...starts) } : (stack.at(-1)?.span ?? { start: base });
        // A collection used as a mapping key has no path of its own; its children are placed under it anyway.
        const path = place(span) ?? `${stack[stack.length - 1]?.path ?? ''}${SEPARATOR}\u0001key`;
        if (path === '') nodes.set('', { value: span });
        stack.push({ kind: event.type === EVENT_ID.MAPPING ? 'mapping' : 'sequence', path, span, index: 0 });
        break;
      }
      case EVENT_ID.POP:
        stack.pop();
        break;
      default:
        break;
    }
  }
  return { nodes, scalars };
}

/** The span of a collection: its start, anchor or tag, whichever comes first; undefined when it has none. */
function collectionSpan(event: { start: number; anchorStart: number; tagStart: number }, base: number): Span | undefined {
  const starts = [event.start, event.anchorStart >= 0 ? event.anchorStart - 1 : -1, event.tagStart].filter((n) => n >= 0);
  return starts.length > 0 ? { start: base + Math.min(...starts) } : undefined;
}

/** The span of a node read from packed events, when it has text of its own. */
function nodeSpan(source: string, event: Event, base: number): Span | undefined {
  if (event.type === EVENT_ID.SCALAR) return scalarSpan(source, event, base);
  if (event.type === EVENT_ID.ALIAS) return { start: base + event.anchorStart - 1, end: base + event.anchorEnd };
  return event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE ? collectionSpan(event, base) : undefined;
}

/** Whether a mapping key read from packed events is named `name`: a scalar's value; an alias, a collection or nothing is named ''. */
function keyNamed(source: string, event: Event, name: string): boolean {
  if (event.type !== EVENT_ID.SCALAR || event.valueStart < 0) return name === '';
  if (event.fast) return event.valueEnd - event.valueStart === name.length && source.startsWith(name, event.valueStart);
  return getScalarValue(source, event) === name;
}

/** A sequence's index as String(index) writes it: the one segment an index matches. */
const CANONICAL_INDEX = /^(?:0|[1-9]\d*)$/;

/**
 * The deepest node on `path` and how deep it is, found by following the path through the
 * packed events of the file's YAML, skipping the collections beside it: what `index`
 * would have stored for that path, without indexing the rest of the file.
 */
function follow(source: string, packed: Int32Array, base: number, path: Path): { depth: number; found?: Located } {
  let at = 0;
  while (at < packed.length && (eventType(packed, at) === EVENT_ID.DOCUMENT || eventType(packed, at) === EVENT_ID.POP)) at += 1;
  if (at >= packed.length) return { depth: 0 };
  let node = readNode(packed, at);
  let span = nodeSpan(source, node.event, base) ?? { start: base };
  let found: Located = { value: span };
  let depth = 0;
  for (; depth < path.length; depth += 1) {
    const { event } = node;
    if (event.type !== EVENT_ID.MAPPING && event.type !== EVENT_ID.SEQUENCE) break;
    const segment = String(path[depth]);
    let child: { node: PackedNode; found: Located } | undefined;
    let item = node.children;
    // The nodes beside the path are skipped without being read: only the ones on it are made.
    if (event.type === EVENT_ID.SEQUENCE) {
      const wanted = CANONICAL_INDEX.test(segment) ? Number(segment) : -1;
      for (let index = 0; item < node.next && eventType(packed, item) !== EVENT_ID.POP; index += 1) {
        if (index === wanted) {
          const candidate = readNode(packed, item);
          child = { node: candidate, found: { value: nodeSpan(source, candidate.event, base) ?? span } };
          break;
        }
        item = nextNode(packed, item);
      }
    } else {
      while (item < node.next && eventType(packed, item) !== EVENT_ID.POP) {
        const valueAt = nextNode(packed, item);
        if (fastScalarIs(packed, item, source, segment) ?? keyNamed(source, readNode(packed, item).event, segment)) {
          const key = readNode(packed, item);
          const value = readNode(packed, valueAt);
          const keySpan = nodeSpan(source, key.event, base) ?? span;
          child = { node: value, found: { value: nodeSpan(source, value.event, base) ?? keySpan, key: keySpan } };
          break;
        }
        item = nextNode(packed, valueAt);
      }
    }
    if (!child) break;
    node = child.node;
    found = child.found;
    span = found.value;
  }
  return { depth, found };
}

/** Every scalar's offsets [start, end), in the order of the file. */
function scalarsOf(packed: Int32Array, base: number): [number, number][] {
  return unpackEvents(packed).flatMap((event) => (event.type === EVENT_ID.SCALAR && event.valueStart >= 0 ? [[base + event.valueStart, base + event.valueEnd] as [number, number]] : []));
}

/** The parser's events of each file, kept from the parse that gave its data (yaml-events.ts). */
const parsedEvents = new WeakMap<SourceFile, Int32Array>();

/** Has the locator of `file` read its positions from these events (of its YAML) instead of parsing the YAML again. */
export function keepEvents(file: SourceFile, events: Int32Array): void {
  parsedEvents.set(file, events);
}

/** Whether the locator of `file` reads its positions from the events of the parse that gave its data. */
export function locatedByItsParse(file: SourceFile): boolean {
  return parsedEvents.has(file) && !wrappers.has(file);
}

/** Wraps the locator of a file: the lint cache answers from an earlier run on the same text (src/load/cache.ts). */
const wrappers = new WeakMap<SourceFile, (build: () => Locator) => Locator>();

/** Has `createLocator(file)` go through `wrap`, given the locator it would have built. */
export function wrapLocator(file: SourceFile, wrap: (build: () => Locator) => Locator): void {
  wrappers.set(file, wrap);
}

/** A locator for a file whose YAML parsed; positions are in the coordinates of the whole file. */
export function createLocator(file: SourceFile): Locator {
  const wrap = wrappers.get(file);
  return wrap ? wrap(() => buildLocator(file)) : buildLocator(file);
}

/**
 * A locator that follows each path through the file's packed events. Paths with a
 * segment holding a NUL or U+0001 (the separators of the index's keys) and YAML with
 * escapes (which can put a NUL in a key) go to the index, which answers them its own way.
 */
function followingLocator(file: SourceFile, packed: Int32Array): Locator {
  const yaml = file.text.slice(file.yamlStart, file.yamlEnd);
  if (yaml.includes('\\')) return indexedLocator(file, unpackEvents(packed));
  let starts: number[] | undefined;
  let indexed: Locator | undefined;
  // [''] is the root's key in the index, as [] is; and a root mapping's key '' is stored there too.
  const odd = (path: Path): boolean =>
    (path.length === 1 && path[0] === '') || path.some((segment) => typeof segment === 'string' && (segment.includes(SEPARATOR) || segment.includes('\u0001')));
  if (follow(yaml, packed, file.yamlStart, ['']).depth === 1) return indexedLocator(file, unpackEvents(packed));
  const byIndex = (): Locator => (indexed ??= indexedLocator(file, unpackEvents(packed)));
  let scalars: [number, number][] | undefined;
  return {
    get lineStarts() {
      return (starts ??= lineStarts(file.text));
    },
    get scalarRanges() {
      return (scalars ??= scalarsOf(packed, file.yamlStart));
    },
    range(path) {
      if (odd(path)) return byIndex().range(path);
      const reached = follow(yaml, packed, file.yamlStart, path);
      const span = reached.depth === path.length ? reached.found?.value : undefined;
      return span?.end === undefined ? undefined : [span.start, span.end];
    },
    locate(path, key = false) {
      if (odd(path)) return byIndex().locate(path, key);
      starts ??= lineStarts(file.text);
      const reached = follow(yaml, packed, file.yamlStart, path);
      if (!reached.found) return rangeToPosition(starts, file.yamlStart);
      // A missing child is reported at its parent as a whole, never at the parent's key.
      const span = reached.depth === path.length && key && reached.found.key ? reached.found.key : reached.found.value;
      return rangeToPosition(starts, span.start, span.end);
    },
  };
}

function buildLocator(file: SourceFile): Locator {
  const packed = parsedEvents.get(file);
  if (packed) return followingLocator(file, packed);
  const yaml = file.text.slice(file.yamlStart, file.yamlEnd);
  let events: Event[] = [];
  try {
    events = parseEvents(yaml, { maxDepth: 100 });
  } catch {
    // A file that does not parse has no nodes; every path falls back to its start.
  }
  return indexedLocator(file, events);
}

/** A locator that indexes every node of the file's YAML first. */
function indexedLocator(file: SourceFile, events: readonly Event[]): Locator {
  const starts = lineStarts(file.text);
  const yaml = file.text.slice(file.yamlStart, file.yamlEnd);
  const { nodes, scalars } = index(yaml, events, file.yamlStart);
  const fallback = file.yamlStart;
  return {
    lineStarts: starts,
    scalarRanges: scalars,
    range(path) {
      const span = nodes.get(pathKey(path))?.value;
      return span?.end === undefined ? undefined : [span.start, span.end];
    },
    locate(path, key = false) {
      for (let depth = path.length; depth >= 0; depth -= 1) {
        const found = nodes.get(pathKey(path.slice(0, depth)));
        if (!found) continue;
        // A missing child is reported at its parent as a whole, never at the parent's key.
        const span = depth === path.length && key && found.key ? found.key : found.value;
        return rangeToPosition(starts, span.start, span.end);
      }
      return rangeToPosition(starts, fallback);
    },
  };
}
