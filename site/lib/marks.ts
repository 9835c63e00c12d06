/**
 * The marks that tables repeat on every row (a channel's icon, an emotion score's dots,
 * the counts of findings), as an element's attributes or as HTML text for its
 * `set:html`: each use of an Astro component (or of a Fragment) costs a render 10 to
 * 20 µs, a journey page used these 60 times and a page of the touchpoint catalogue 100
 * times, and its rows cost a third more to render. Every value is escaped here, as Astro
 * escapes an expression.
 */
import { channelCssColor, channelStyle, type Translator } from 'journeys-as-code';
import { escapeHtml } from './escape.ts';
import type { Counts } from './view.ts';

/**
 * A channel's mark, its icon in its colour (the same on every page and diagram:
 * channelStyle), before its name: the attributes of an empty element,
 *   <span {...channelMarkAttributes(id)} />
 * whose icon the style sheet of channelIconsCss draws (bundled with site/styles/global.css:
 * channelIcons in astro.config.mjs). An SVG in each mark made a third of a row of the
 * touchpoint catalogue.
 */
export function channelMarkAttributes(id: string): Record<'class' | 'style' | 'data-channel' | 'data-icon', string> {
  const style = channelStyle(id);
  return { class: 'channel-mark', style: `--ch: ${channelCssColor(style)}`, 'data-channel': style.id, 'data-icon': style.iconName };
}

/** An emotion score 1..5 as five dots and the number, a dash when there is none: an element's content. */
export function emotionMark(words: Translator, score: number | undefined): string {
  const { t } = words;
  if (score === undefined) return `<span class="muted" title="${escapeHtml(t('emotion.none'))}">&mdash;</span>`;
  let dots = '';
  for (let n = 1; n <= 5; n += 1) dots += n <= score ? '<i class="on"></i>' : '<i></i>';
  return (
    `<span class="emotion" data-score="${score}" title="${escapeHtml(t('emotion', score))}"><span class="emotion-dots" aria-hidden="true">${dots}</span>` +
    `<span>${score}<span class="visually-hidden"> ${escapeHtml(t('emotion.of5'))}</span></span></span>`
  );
}

/** Open findings by severity, as coloured badges; "no findings" when there are none. `all` shows the severities with no finding too. */
export function severityBadges(words: Translator, counts: Counts, all = false): string {
  let badges = '';
  for (const [kind, count] of [
    ['error', counts.errors],
    ['warning', counts.warnings],
    ['info', counts.infos],
  ] as const) {
    if (all || count > 0) badges += `<span class="badge ${count > 0 ? kind : 'off'}">${escapeHtml(words.plural(count, kind))}</span>`;
  }
  return badges === '' ? `<span class="badge ok">${escapeHtml(words.t('count.none'))}</span>` : badges;
}
