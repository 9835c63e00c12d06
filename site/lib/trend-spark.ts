/**
 * A KPI's trend as a small static SVG line (review.ts's reviewChart), as text (site/lib/html.ts
 * says why): the target as a dashed line, the axis's bounds written beside it, and a word when
 * it does not start at zero. Its style is in site/styles/global.css.
 */
import { REVIEW_CHART_BOX, type Translator } from 'journeys-as-code';
import { attr, html, type Html } from './html.ts';
import type { ReviewChart } from './view.ts';

export function trendSpark(chart: ReviewChart, words: Translator): Html {
  const { width, height, pad } = REVIEW_CHART_BOX;
  const line = (name: string, y: number): Html => html`<line${attr('class', name)}${attr('x1', pad)}${attr('x2', width - pad)}${attr('y1', y)}${attr('y2', y)}></line>`;
  return html`<span class="spark"><svg${attr('viewBox', `0 0 ${width} ${height}`)}${attr('width', width)}${attr('height', height)} role="img"${attr('aria-label', chart.label)}>${line('spark-axis', height - pad)}${
    chart.axis.zeroY !== undefined && line('spark-zero', chart.axis.zeroY)
  }${chart.targetY !== undefined && line('spark-target', chart.targetY)}<path class="spark-line"${attr('d', chart.path)}></path>${chart.points.map(
    (point) => html`<circle class="spark-dot"${attr('cx', point.x)}${attr('cy', point.y)} r="2"><title>${`${point.period}: ${point.text}`}</title></circle>`,
  )}</svg><span class="spark-axis-text" aria-hidden="true"><span>${chart.axis.maxText}</span><span${attr('class', chart.axis.fromZero ? undefined : 'spark-not-zero')}>${
    chart.axis.fromZero ? '0' : words.t('chart.from', chart.axis.minText)
  }</span></span></span>`;
}
