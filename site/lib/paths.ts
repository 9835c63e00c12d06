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
