/** Every touchpoint of a journey with every field it has, grouped by stage: the table of its page (site/lib/html.ts says why as text). */
import type { MessageKey, Translator } from 'journeys-as-code';
import { formatCost, total } from './format.ts';
import { attr, attrs, html, trusted, type Html } from './html.ts';
import { channelMarkAttributes, emotionMark, severityBadges } from './marks.ts';
import { namedLink } from './named-link.ts';
import { channelHref, teamHref } from './paths.ts';
import type { JourneyView, TouchpointView } from './view.ts';

const COLUMNS = [
  'col.touchpoint',
  'col.channel',
  'col.owner',
  'col.role',
  'col.triggerTiming',
  'col.message',
  'col.personalization',
  'col.tools',
  'col.automated',
  'col.mot.full',
  'col.importance',
  'col.emotion',
  'col.costOne',
  'col.kpis',
  'col.findings',
] as const satisfies readonly MessageKey[];

const DASH = trusted('<span class="empty">&mdash;</span>');

/** The stages in the journey's order, each with its touchpoints; the touchpoints of no known stage last. */
function groupsOf(journey: JourneyView): { id: string; name: string; anchor: string; touchpoints: TouchpointView[] }[] {
  const known = new Set(journey.stages.map((stage) => stage.id));
  const groups = journey.stages.map((stage) => ({
    id: stage.id,
    name: stage.name,
    anchor: stage.anchor,
    touchpoints: journey.touchpoints.filter((touchpoint) => touchpoint.stage?.id === stage.id),
  }));
  const orphans = journey.touchpoints.filter((touchpoint) => !touchpoint.stage || !known.has(touchpoint.stage.id));
  if (orphans.length > 0) groups.push({ id: '', name: '', anchor: 'stage-none', touchpoints: orphans });
  return groups;
}

function row(tp: TouchpointView, words: Translator): Html {
  const { t } = words;
  const { message } = tp;
  const name = html`<th scope="row" class="sticky-col tp-id"><h3${attr('id', tp.anchor)} data-user>${tp.name}</h3>${tp.name !== tp.id && html`<code class="small tp-code">${tp.id}</code>`}${tp.summary && html`<div class="muted small tp-summary" data-user>${tp.summary}</div>`}${
    tp.editUrl && html`<div><a class="small edit-link"${attr('href', tp.editUrl)} data-pagefind-ignore>${t('tps.propose')}<span class="visually-hidden"> ${t('tps.proposeTo', tp.name)}</span></a></div>`
  }${tp.narrativeHtml && html`<div><a class="small"${attr('href', `#notes-${tp.anchor}`)}>${t('tps.notes')}</a></div>`}</th>`;
  const channel = html`<td class="nowrap">${tp.channel && html`<span${attrs(channelMarkAttributes(tp.channel.id))}></span>`}${
    namedLink(tp.channel, channelHref, t('none'))
  }${tp.channel?.outbound && html`<div class="muted small">${t('tps.outbound')}</div>`}</td>`;
  const owner = html`<td>${namedLink(tp.owner, teamHref, t('none'))}</td>`;
  const timing = html`<td class="small">${tp.trigger ? html`<code>${tp.trigger}</code>` : html`<span class="empty">${t('timing.noTrigger')}</span>`}${tp.after && html`<div>${t('tps.after', tp.after)}</div>`}${
    tp.at && html`<div>${t('timing.at', tp.at)}</div>`
  }${tp.repeat && html`<div>${tp.repeat}</div>`}${tp.until && html`<div>${t('tps.until')} <code>${tp.until}</code></div>`}</td>`;
  const said = html`<td class="message" data-user>${message?.intent && html`<span class="tag">${message.intent}</span>`}${message?.subject && html`<p><strong>${message.subject}</strong></p>`}${message?.text && html`<p>${message.text}</p>`}${
    message?.cta && html`<p class="small">${message.ctaHref ? html`<a${attr('href', message.ctaHref)} rel="noopener noreferrer nofollow">${message.cta}</a>` : html`<code>${message.cta}</code>`}</p>`
  }${!message && html`<span class="empty" data-pagefind-ignore>${t('tps.noMessage')}</span>`}</td>`;
  const kpis =
    tp.kpis.length > 0
      ? html`<ul class="list-plain">${tp.kpis.map((kpi) => html`<li data-user>${kpi.metric}${kpi.target !== undefined && html`<span class="muted"> &rarr; ${kpi.target}</span>`}</li>`)}</ul>`
      : html`<span class="empty">${t('none')}</span>`;
  return html`<tr>${name}${channel}${owner}<td data-user>${tp.role ?? DASH}</td>${timing}${said}<td data-user>${tp.personalization ?? DASH}</td><td data-user>${
    tp.tools.length > 0 ? tp.tools.map((tool) => html`<span class="tag">${tool}</span>`) : DASH
  }</td><td class="narrow">${tp.automated === undefined ? DASH : tp.automated ? t('yes') : t('no')}</td><td class="narrow">${tp.momentOfTruth ? html`<span class="tag mot">${t('mot')}</span>` : t('no')}</td><td class="num narrow">${
    tp.importance ?? DASH
  }</td><td class="narrow">${trusted(emotionMark(words, tp.emotion))}</td><td class="num narrow">${tp.cost === undefined ? DASH : formatCost(words, tp.cost)}</td><td class="small">${kpis}</td><td class="narrow">${
    total(tp.counts) > 0 ? html`<a href="#findings">${trusted(severityBadges(words, tp.counts))}</a>` : trusted('<span class="muted">&mdash;</span>')
  }</td></tr>`;
}

/** The table, in its scrolling region. */
export function touchpointTableHtml(journey: JourneyView, words: Translator): string {
  const { t } = words;
  const columns = COLUMNS.map((key) => t(key));
  const groups = groupsOf(journey).map(
    (group) =>
      html`<tbody><tr class="group-row"${attr('id', group.anchor)}><th scope="colgroup"${attr('colspan', columns.length)}>${t('tps.stage')}${group.id === '' ? t('stage.unknown') : html`<span data-user>${group.name}</span>`} <span class="muted small">(${
        group.touchpoints.length === 0 ? t('tps.none') : words.number(group.touchpoints.length)
      })</span></th></tr>${group.touchpoints.map((tp) => row(tp, words))}</tbody>`,
  );
  return html`<div class="table-scroll" role="region"${attr('aria-label', t('tps.of', journey.title))} tabindex="0"><table class="touchpoints-table"><caption class="visually-hidden" data-pagefind-ignore>${t('tps.caption', journey.title)}</caption><thead data-pagefind-ignore><tr>${columns.map(
    (column, index) => html`<th scope="col"${attr('class', index === 0 ? 'sticky-col' : undefined)}>${column}</th>`,
  )}</tr></thead>${groups}</table></div>`.text;
}
