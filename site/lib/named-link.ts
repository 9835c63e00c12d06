import { attr, html, type Html } from './html.ts';

/**
 * A name from the user's files (a channel, a team) linked to its page when it has one, or
 * the word for none: a cell of the site's tables written as text (site/lib/html.ts).
 */
export function namedLink(named: { readonly name: string; readonly slug?: string | undefined } | undefined, href: (slug: string) => string, none: string): Html {
  if (named === undefined) return html`<span class="empty">${none}</span>`;
  return html`<span data-user>${named.slug ? html`<a${attr('href', href(named.slug))}>${named.name}</a>` : named.name}</span>`;
}
