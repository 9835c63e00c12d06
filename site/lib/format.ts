/** Small text helpers shared by the pages. */
import { plural } from 'journeys-as-code';
import type { Counts, Health } from './view.ts';

export { plural };

export const healthLabel: Readonly<Record<Health, string>> = {
  healthy: 'Healthy',
  notes: 'Notes',
  warnings: 'Warnings',
  errors: 'Errors',
};

/** `2 errors, 1 warning`, or `no findings`. */
export function describeCounts(counts: Counts): string {
  const parts: string[] = [];
  if (counts.errors > 0) parts.push(plural(counts.errors, 'error'));
  if (counts.warnings > 0) parts.push(plural(counts.warnings, 'warning'));
  if (counts.infos > 0) parts.push(plural(counts.infos, 'info', 'infos'));
  return parts.length > 0 ? parts.join(', ') : 'no findings';
}

export function total(counts: Counts): number {
  return counts.errors + counts.warnings + counts.infos;
}

// Formatters are made once: toLocaleString with options builds a new one on every call,
// which thousands of pages of figures notice.
const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const byDigits = new Map<number, Intl.NumberFormat>();
function decimals(digits: number): Intl.NumberFormat {
  let format = byDigits.get(digits);
  if (!format) byDigits.set(digits, (format = new Intl.NumberFormat('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return format;
}

/** `23 Nov 2026`, from an ISO date, in UTC so the build machine's zone plays no part. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return DATE.format(date);
}

export function formatCost(cost: number | undefined): string {
  return cost === undefined ? '' : decimals(2).format(cost);
}

/** `98%`, or `n/a` when there is nothing to count. */
export function percent(share: number | undefined): string {
  return share === undefined ? 'n/a' : `${Math.round(share * 100)}%`;
}

/** A mean or a figure with fixed decimals, or `n/a`. */
export function fixed(value: number | undefined, digits: number): string {
  return value === undefined ? 'n/a' : decimals(digits).format(value);
}

/** The colour family of a grade letter: A and B good, C and D fair, E and F poor. */
export function gradeTone(letter: string | undefined): 'good' | 'fair' | 'poor' | 'none' {
  if (letter === 'A' || letter === 'B') return 'good';
  if (letter === 'C' || letter === 'D') return 'fair';
  if (letter === 'E' || letter === 'F') return 'poor';
  return 'none';
}

export const trendLabel: Readonly<Record<string, string>> = { improving: '↗ improving', worsening: '↘ worsening', steady: '→ steady' };

/** `Owner coverage` → `owner coverage` inside a sentence; `KPI coverage` stays as it is. */
export function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}
