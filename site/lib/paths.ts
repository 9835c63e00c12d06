import { pagePath, pagePattern } from 'journeys-as-code';

/** Links inside the site, under the configured base path (GitHub Pages serves a project under /<name>/). */
export function href(path = ''): string {
  const base = import.meta.env.BASE_URL;
  return `${base.endsWith('/') ? base : `${base}/`}${path.replace(/^\/+/, '')}`;
}

export const journeyHref = (slug: string, anchor?: string): string => href(`journeys/${slug}/${anchor ? `#${anchor}` : ''}`);
export const channelHref = (slug: string, anchor?: string): string => href(`channels/${slug}/${anchor ? `#${anchor}` : ''}`);
export const teamHref = (slug: string): string => href(`teams/${slug}/`);
export const scenarioHref = (slug: string): string => href(`scenarios/${slug}/`);
export const ruleHref = (id: string): string => href(`rules/${id}/`);

/**
 * Where every page of a paged list is, for a script that fetches the others
 * (site/scripts/page-addresses.ts): the first page's address, the others' pattern and
 * their count, the same few bytes on each page (a list of every address made each page
 * of a thousand-page list as long again, and cost its build as much again in escaping).
 */
export function pagesAttributes(base: string, count: number): Record<'data-page-count' | 'data-page-first' | 'data-page-pattern', string> {
  return { 'data-page-count': String(count), 'data-page-first': href(pagePath(base, 1)), 'data-page-pattern': href(pagePattern(base)) };
}
