/**
 * A field's change in words for the pull-request comment: a text word by word, a value
 * old → new, a list (stages, KPIs, personas) by what it gained, lost and changed, never
 * as JSON that a reviewer has to compare by eye.
 */
import { canonical } from '../model/canonical.ts';
import { bold, plainCell, struck } from './markdown-text.ts';
import { wordDiffMarkdown } from './words.ts';

/** The keys that name an item of a list (a stage's id, a KPI's metric). */
const ITEM_KEYS = ['id', 'metric', 'name', 'event', 'channel'];

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A value in words: text as it is, a list item by item, a group of fields as `name value`. */
export function valueWords(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(valueWords).join(', ');
  if (isRecord(value)) {
    const key = itemKey(value);
    const rest = Object.entries(value)
      .filter(([name]) => name !== key)
      .map(([name, inner]) => `${name} ${valueWords(inner)}`);
    if (key === undefined) return rest.join(', ');
    const name = valueWords(value[key]);
    return rest.length > 0 ? `${name} (${rest.join(', ')})` : name;
  }
  return String(value);
}

function itemKey(item: Record<string, unknown>): string | undefined {
  return ITEM_KEYS.find((key) => typeof item[key] === 'string' || typeof item[key] === 'number');
}

/** An item's name in a list: its id (or metric...), else the item in words. */
const itemName = (item: unknown): string => {
  if (isRecord(item)) {
    const key = itemKey(item);
    if (key !== undefined) return String(item[key]);
  }
  return valueWords(item);
};

/** The fields of an item that changed, as `field ~~old~~ → **new**`. */
function itemChanges(before: unknown, after: unknown): string {
  if (!isRecord(before) || !isRecord(after)) return scalarChange(before, after);
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return names
    .filter((name) => canonical(before[name]) !== canonical(after[name]))
    .map((name) => `${plainCell(name)} ${scalarChange(before[name], after[name])}`)
    .join(', ');
}

function scalarChange(before: unknown, after: unknown): string {
  if (before === undefined || before === null) return `${bold(plainCell(valueWords(after)))} (new)`;
  if (after === undefined || after === null) return `${struck(plainCell(valueWords(before)))} (removed)`;
  return `${struck(plainCell(valueWords(before)))} → ${bold(plainCell(valueWords(after)))}`;
}

/** A list's change: items added, removed and changed (by their id), or only their order. */
function listChange(before: readonly unknown[], after: readonly unknown[]): string {
  const old = new Map(before.map((item) => [itemName(item), item]));
  const now = new Map(after.map((item) => [itemName(item), item]));
  const parts: string[] = [];
  const added = after.filter((item) => !old.has(itemName(item)));
  const removed = before.filter((item) => !now.has(itemName(item)));
  if (added.length > 0) parts.push(`added ${added.map((item) => bold(plainCell(valueWords(item)))).join(', ')}`);
  if (removed.length > 0) parts.push(`removed ${removed.map((item) => struck(plainCell(valueWords(item)))).join(', ')}`);
  for (const item of after) {
    const name = itemName(item);
    const previous = old.get(name);
    if (previous === undefined || canonical(previous) === canonical(item)) continue;
    parts.push(`${plainCell(name)}: ${itemChanges(previous, item)}`);
  }
  if (parts.length === 0) {
    const kept = (list: readonly unknown[], other: ReadonlyMap<string, unknown>): string[] => list.map(itemName).filter((name) => other.has(name));
    if (canonical(kept(before, now)) !== canonical(kept(after, old))) parts.push(`order now ${after.map((item) => plainCell(itemName(item))).join(' → ')}`);
  }
  return parts.length > 0 ? parts.join('; ') : 'rewritten, same items';
}

/** A field's change as Markdown for one table cell. */
export function changeWords(before: unknown, after: unknown): string {
  // A text of several words word by word; one word (an owner, a stage, a channel) as old → new.
  if (typeof before === 'string' && typeof after === 'string' && /\s/.test(`${before}${after}`)) return wordDiffMarkdown(before, after);
  if (Array.isArray(before) || Array.isArray(after)) {
    if ((before === undefined || Array.isArray(before)) && (after === undefined || Array.isArray(after))) return listChange(before ?? [], after ?? []);
  }
  if (isRecord(before) && isRecord(after)) return itemChanges(before, after);
  return scalarChange(before, after);
}
