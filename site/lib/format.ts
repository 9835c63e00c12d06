/** Small text helpers shared by the pages, in the site's language (`Astro.locals.words`). */
import type { Translator } from 'journeys-as-code';
import type { Counts, Health } from './view.ts';

export function healthLabel(words: Translator, health: Health): string {
  return words.t(`health.${health}`);
}

/** `2 errors, 1 warning`, or `no findings`. */
export function describeCounts(words: Translator, counts: Counts): string {
  const parts: string[] = [];
  if (counts.errors > 0) parts.push(words.plural(counts.errors, 'error'));
  if (counts.warnings > 0) parts.push(words.plural(counts.warnings, 'warning'));
  if (counts.infos > 0) parts.push(words.plural(counts.infos, 'info'));
  return parts.length > 0 ? parts.join(', ') : words.t('count.none');
}

export function total(counts: Counts): number {
  return counts.errors + counts.warnings + counts.infos;
}

export function formatCost(words: Translator, cost: number | undefined): string {
  return cost === undefined ? '' : words.number(cost, 2);
}

/** `98%` (`98 %` in French), or `n/a` when there is nothing to count. */
export function percent(words: Translator, share: number | undefined): string {
  return share === undefined ? words.t('n/a') : words.percent(share);
}

/** A mean or a figure with fixed decimals, or `n/a`. */
export function fixed(words: Translator, value: number | undefined, digits: number): string {
  return value === undefined ? words.t('n/a') : words.number(value, digits);
}

/** The colour family of a grade letter: A and B good, C and D fair, E and F poor. */
export function gradeTone(letter: string | undefined): 'good' | 'fair' | 'poor' | 'none' {
  if (letter === 'A' || letter === 'B') return 'good';
  if (letter === 'C' || letter === 'D') return 'fair';
  if (letter === 'E' || letter === 'F') return 'poor';
  return 'none';
}

export function trendLabel(words: Translator, trend: string): string {
  return trend === 'improving' || trend === 'worsening' || trend === 'steady' ? words.t(`trend.${trend}`) : trend;
}

/** `Owner coverage` → `owner coverage` inside a sentence; `KPI coverage` stays as it is. */
export function inSentence(label: string): string {
  return /^(?:⟦)?[A-ZÉ][a-zé]/.test(label) ? label.replace(/^(⟦?)(.)/, (_, mark: string, first: string) => mark + first.toLowerCase()) : label;
}
