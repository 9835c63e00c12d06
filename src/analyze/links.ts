/** Where a call-to-action leads, as host and path: query strings and fragments do not change the destination. */
export function ctaTarget(cta: string | undefined): string | undefined {
  if (cta === undefined || cta.trim() === '') return undefined;
  try {
    const url = new URL(cta.trim(), 'relative:/');
    const host = url.protocol === 'relative:' ? '' : url.hostname.replace(/^www\./, '');
    const path = decodeURI(url.pathname).replace(/\/+$/, '') || '/';
    return `${host}${path}`;
  } catch {
    return cta.trim();
  }
}
