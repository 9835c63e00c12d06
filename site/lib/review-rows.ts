/**
 * The review's journeys on one of its pages, each a table of its KPIs, as text
 * (site/lib/html.ts says why): a page holds about 200 rows.
 */
import type { ReviewStatus, Translator } from 'journeys-as-code';
import { trendLabel } from './format.ts';
import { attr, html, trusted, type Html } from './html.ts';
import { namedLink } from './named-link.ts';
import { journeyHref, teamHref } from './paths.ts';
import { trendSpark } from './trend-spark.ts';
import type { ReviewRow } from './view.ts';

const STATUS_CLASS: Readonly<Record<ReviewStatus, string>> = { met: 'ok', missed: 'error', 'no-target': 'neutral', unmeasured: 'off' };
const DASH = trusted('<span class="empty">&mdash;</span>');

function row(row: ReviewRow, words: Translator, statusLabel: Readonly<Record<ReviewStatus, string>>): Html {
  const { t } = words;
  const { previous, latest } = row;
  const touchpoint = html`<th scope="row">${
    row.touchpoint ? html`<span data-user>${row.anchor ? html`<a${attr('href', journeyHref(row.journeySlug, row.anchor))}>${row.touchpointName}</a>` : row.touchpointName}</span>` : html`<span class="muted">${t('kpis.wholeJourney')}</span>`
  }${row.editUrl && html`<a class="small edit-link review-edit"${attr('href', row.editUrl)}>${t('review.edit')}<span class="visually-hidden" data-user> ${row.touchpointName}</span></a>`}</th>`;
  const team = html`<td>${namedLink(row.team, teamHref, t('none'))}</td>`;
  const latestText = latest ? (latest.url ? html`<a${attr('href', latest.url)}${attr('title', `${latest.file}:${latest.line}`)} data-user>${latest.text}</a>` : latest.text) : DASH;
  const trend = row.trend ? html`<span${attr('class', `trend trend-${row.trend}`)}>${trendLabel(words, row.trend)}</span>` : latest ? html`<span class="muted small">${t('kpis.onePeriod')}</span>` : null;
  return html`<tr${attr('data-team', row.team?.id ?? '')}${attr('data-journey', row.journeySlug)}${attr('data-status', row.status)}>${touchpoint}${team}<td class="nowrap"><code>${row.metric}</code>${
    row.direction === 'lower' && html`<div class="muted small">${t('kpis.lowerBetter')}</div>`
  }</td><td class="num">${row.targetText ?? html`<span class="empty">${t('none')}</span>`}</td><td class="num">${previous && html`<span class="muted small" data-user>${previous.period}</span>`}${previous ? ` ${previous.text}` : DASH}</td><td class="num">${
    latest && html`<span class="muted small" data-user>${latest.period}</span>`
  }${latest ? ' ' : ''}${latestText}</td><td class="num nowrap">${row.change ? row.change.text : DASH}</td><td><span${attr('class', `badge ${STATUS_CLASS[row.status]}`)}>${statusLabel[row.status]}</span></td><td class="nowrap"><div class="review-trend">${
    row.chart && trendSpark(row.chart, words)
  }${trend}</div></td></tr>`;
}

/** Each journey's section: its title and its KPIs' table. */
export function reviewGroupsHtml(groups: readonly { slug: string; title: string; rows: readonly ReviewRow[] }[], words: Translator): string {
  const { t } = words;
  const statusLabel: Readonly<Record<ReviewStatus, string>> = { met: t('kpis.met'), missed: t('kpis.missed'), 'no-target': t('review.noTarget'), unmeasured: t('dashboard.notMeasured') };
  const head = html`<thead><tr><th scope="col">${t('col.touchpoint')}</th><th scope="col">${t('col.team')}</th><th scope="col">${t('col.metric')}</th><th scope="col" class="num">${t('col.target')}</th><th scope="col" class="num">${t(
    'col.previous',
  )}</th><th scope="col" class="num">${t('col.latest')}</th><th scope="col" class="num">${t('col.change')}</th><th scope="col">${t('col.status')}</th><th scope="col">${t('col.trend')}</th></tr></thead>`;
  return html`${groups.map(
    (group, index) =>
      html`<section${attr('class', index === 0 ? 'review-journey review-journey-first' : 'review-journey')}${attr('data-journey', group.slug)}${attr('aria-labelledby', `review-${group.slug}`)}><h2${attr('id', `review-${group.slug}`)}><a${attr(
        'href',
        journeyHref(group.slug),
      )} data-user>${group.title}</a> <span class="muted small">${words.plural(group.rows.length, 'kpi')}</span></h2><div class="table-scroll" role="region"${attr('aria-label', t('review.kpisOf', group.title))} tabindex="0"><table class="review-table">${head}<tbody>${group.rows.map((item) =>
        row(item, words, statusLabel),
      )}</tbody></table></div></section>`,
  )}`.text;
}
