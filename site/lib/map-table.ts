/** The journey map's table, the diagram's text for those who do not see it: a row per touchpoint, as text (site/lib/html.ts says why). */
import type { Translator } from 'journeys-as-code';
import { attr, html, trusted } from './html.ts';
import { emotionMark } from './marks.ts';
import type { TouchpointView } from './view.ts';

export function mapTableHtml(title: string, touchpoints: readonly TouchpointView[], words: Translator): string {
  const { t } = words;
  const cell = (named: { name: string } | undefined) => html`<td>${named ? html`<span data-user>${named.name}</span>` : t('none')}</td>`;
  const rows = touchpoints.map(
    (tp) => html`<tr><th scope="row"><a${attr('href', `#${tp.anchor}`)} data-user>${tp.name}</a></th>${cell(tp.stage)}${cell(tp.channel)}${cell(tp.owner)}<td>${trusted(emotionMark(words, tp.emotion))}</td></tr>`,
  );
  return html`<table><caption class="visually-hidden">${t('map.title', title)}</caption><thead><tr><th scope="col">${t('col.touchpoint')}</th><th scope="col">${t('col.stage')}</th><th scope="col">${t('col.channel')}</th><th scope="col">${t(
    'col.owner',
  )}</th><th scope="col">${t('col.emotion')}</th></tr></thead><tbody>${rows}</tbody></table>`.text;
}
