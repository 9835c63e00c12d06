/**
 * The journey as one board: stages as columns, channels as swimlanes, a card per
 * touchpoint, one emotion curve across the top. The layout is the engine's
 * (JourneyView.board); this draws it as static HTML and SVG, with no script, as text
 * (site/lib/html.ts says why). Its style is site/components/JourneyBoard.astro's.
 */
import { CURVE_BOX, channelCssColor, type Translator } from 'journeys-as-code';
import { attr, html, type Html } from './html.ts';
import type { JourneyView } from './view.ts';

const colour = (style: { light: string; dark: string }): string => `--ch: ${channelCssColor({ id: '', glyph: '', icon: '', ...style })}`;
const percent = (value: number): string => `${Math.round(value * 10_000) / 100}%`;

function card(journey: JourneyView, index: number, words: Translator): Html {
  const { t } = words;
  const tp = journey.touchpoints[index]!;
  const { findings, step } = journey.board.cards[index]!;
  return html`<li${attr('class', tp.momentOfTruth ? 'board-card board-mot' : 'board-card')}${attr('id', `board-${tp.anchor}`)}${attr('data-touchpoint', tp.id)}><div class="board-card-top"><span class="board-step"${attr('title', t('board.step', words.number(step)))}><span class="visually-hidden">${t('board.stepWord')} </span>${step}</span><a class="board-card-name"${attr(
    'href',
    `#${tp.anchor}`,
  )} data-user>${tp.name}</a>${tp.momentOfTruth && html`<span class="board-mot-mark"${attr('title', t('col.mot.full'))}><span aria-hidden="true">&starf;</span><span class="visually-hidden">, ${t('mot')}</span></span>`}</div>${
    tp.summary && html`<p class="board-summary" data-user>${tp.summary}</p>`
  }<p class="board-meta">${tp.owner ? html`<span class="board-owner" data-user>${tp.owner.name}</span>` : html`<span class="board-owner board-none">${t('board.noOwner')}</span>`}<span class="board-timing">${tp.timing}</span></p>${
    findings &&
    html`<a${attr('class', `board-findings badge ${findings.worst}`)}${attr('href', `#${findings.anchor}`)}>${words.plural(findings.count, 'finding')}<span class="visually-hidden">${t(`board.worst.${findings.worst}`)}</span></a>`
  }</li>`;
}

function curve(journey: JourneyView, guides: readonly { emotion: number; y: number }[], words: Translator): Html {
  const { t } = words;
  const { board } = journey;
  const { width, height } = CURVE_BOX;
  if (board.curve.points.length === 0) return html`<p class="muted small board-no-curve">${t('board.noCurve')}</p>`;
  const lines = [
    ...guides.map((guide) => html`<line${attr('class', `board-guide guide-${guide.emotion}`)} x1="0"${attr('x2', width)}${attr('y1', guide.y * height)}${attr('y2', guide.y * height)}></line>`),
    ...board.columns.slice(1).map((_, index) => {
      const x = ((index + 1) / board.columns.length) * width;
      return html`<line class="board-divider"${attr('x1', x)}${attr('x2', x)} y1="0"${attr('y2', height)}></line>`;
    }),
  ];
  const points = board.curve.points.map((point) => {
    const tp = journey.touchpoints[point.card]!;
    const label = t('board.point', words.number(point.step), tp.name, t('emotion', point.emotion));
    return html`<li class="board-point"${attr('data-emotion', String(point.emotion))}${attr('style', `left: ${percent(point.x)}; top: ${percent(point.y)}`)}${attr('title', label)}><span class="visually-hidden">${label}</span></li>`;
  });
  return html`<svg${attr('viewBox', `0 0 ${width} ${height}`)} preserveAspectRatio="none" aria-hidden="true" focusable="false">${lines}<path class="board-curve-path"${attr('d', board.curve.path)}></path></svg><ol class="board-points"${attr('aria-label', t('board.points'))}>${points}</ol>`;
}

/** The board, in its scrolling region; a sentence when the journey has no touchpoint. */
export function boardHtml(journey: JourneyView, words: Translator): string {
  const { t } = words;
  const { board } = journey;
  if (board.cards.length === 0) return html`<p class="empty">${t('journey.noTouchpoint')}</p>`.text;
  // Guide lines of the curve at 5, 3 and 1, where the engine puts those emotions.
  const guides = [5, 3, 1].map((emotion) => ({ emotion, y: board.curve.points.find((point) => point.emotion === emotion)?.y ?? 0.12 + ((5 - emotion) / 4) * 0.76 }));
  const stages = board.columns.map(
    (column) =>
      html`<th scope="col" class="board-stage" data-stage><span class="board-stage-name">${
        column.anchor ? html`<span${attr('id', `board-${column.anchor}`)} data-user>${column.name}</span>` : html`<em>${t('stage.unknown')}</em>`
      }<span class="board-stage-count">${words.plural(column.touchpoints, 'touchpoint')}</span></span></th>`,
  );
  const lanes = board.lanes.map(
    (lane) =>
      html`<tr class="board-lane-row"${attr('style', colour(lane.style))}${attr('data-channel', lane.channel?.id ?? '')}><th scope="row" class="board-lane"><span class="board-lane-name"><svg class="board-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false"><path${attr(
        'd',
        lane.style.icon,
      )}></path></svg>${lane.channel ? html`<span data-user>${lane.channel.name}</span>` : html`<span>${t('board.noChannel')}</span>`}</span>${lane.channel?.outbound && html`<span class="board-outbound">${t('tps.outbound')}</span>`}</th>${lane.cells.map(
        (cell) => html`<td class="board-cell">${cell.length > 0 && html`<ul>${cell.map((index) => card(journey, index, words))}</ul>`}</td>`,
      )}</tr>`,
  );
  return html`<div class="board-scroll" role="region"${attr('aria-label', t('board.label', journey.title))} tabindex="0" data-board><table class="board-table"${attr('style', `--columns: ${board.columns.length}`)}><caption class="visually-hidden">${t(
    'board.caption',
    journey.title,
    words.plural(board.cards.length, 'touchpoint'),
  )}</caption><colgroup><col class="board-lane-col">${board.columns.map(() => html`<col>`)}</colgroup><thead><tr><td class="board-corner"><span aria-hidden="true">${t('board.stage')}</span></td>${stages}</tr></thead><tbody><tr class="board-curve-row"><th scope="row" class="board-lane board-curve-head"><span>${t(
    'col.emotion',
  )}</span><span class="board-scale" aria-hidden="true">${guides.map((guide) => html`<span${attr('style', `top: ${percent(guide.y)}`)}>${guide.emotion}</span>`)}</span></th><td${attr('colspan', board.columns.length)} class="board-curve">${curve(journey, guides, words)}</td></tr>${lanes}</tbody></table></div>`.text;
}
