/** The rows of a page of the touchpoints' catalogue, 100 touchpoints of every journey, as text (site/lib/html.ts says why). */
import type { TouchpointEntry, Translator } from 'journeys-as-code';
import { attr, attrs, html, trusted } from './html.ts';
import { channelMarkAttributes, severityBadges } from './marks.ts';
import { namedLink } from './named-link.ts';
import { channelHref, journeyHref, teamHref } from './paths.ts';

/** Each touchpoint's row; `facets` gives the attributes the filters read (facetAttributes). */
export function touchpointRowsHtml(items: readonly TouchpointEntry[], facets: (values: TouchpointEntry['facets']) => Record<string, string>, words: Translator): string {
  const { t } = words;
  const none = html`<span class="empty">${t('none')}</span>`;
  return html`${items.map((touchpoint) => {
    const { channel, owner } = touchpoint;
    return html`<tr data-entry${attrs(facets(touchpoint.facets))}${attr('data-order-attention', touchpoint.order.attention)}${attr('data-order-journey', touchpoint.order.journey)}${attr('data-order-name', touchpoint.order.name)}><th scope="row" class="sticky-col"><a${attr(
      'href',
      journeyHref(touchpoint.journeySlug, touchpoint.anchor),
    )} data-user>${touchpoint.name}</a>${touchpoint.momentOfTruth && html`<span class="mot"${attr('title', t('mot'))}><span aria-hidden="true"> &starf;</span><span class="visually-hidden"> ${t('mot.said')}</span></span>`}${
      touchpoint.summary && html`<div class="muted small" data-user>${touchpoint.summary}</div>`
    }</th><td><a${attr('href', journeyHref(touchpoint.journeySlug))} data-user>${touchpoint.journeyTitle}</a></td><td>${touchpoint.stage ? html`<span data-user>${touchpoint.stage}</span>` : none}</td><td class="nowrap">${
      channel && html`<span${attrs(channelMarkAttributes(channel.id))}></span>`
    }${namedLink(channel, channelHref, t('none'))}</td><td>${namedLink(owner, teamHref, t('none'))}</td><td class="small">${touchpoint.timing}</td><td>${trusted(severityBadges(words, touchpoint.counts))}</td></tr>`;
  })}`.text;
}
