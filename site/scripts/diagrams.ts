/**
 * Draws the page's Mermaid diagrams as they come into view, one at a time, with
 * Mermaid from the npm package as it ships it, served by the site itself (no other
 * site is asked for anything; astro.config.mjs, mermaidAsShipped). Their text stays in
 * the page, readable without JavaScript. Strict security: no HTML or scripts from the
 * text, no click handlers. The dagre layout: ELK is not shipped. Redrawn when the colour
 * theme changes.
 */
import type { Mermaid } from 'mermaid';

/** Where the site serves Mermaid's module (astro.config.mjs). */
declare const __JOURNEYS_MERMAID__: string;

let loading: Promise<Mermaid> | undefined;
let attempts = 0;
/**
 * Mermaid, loaded when the first diagram is drawn; asked again by the next diagram if it
 * could not be loaded, at another address (a browser keeps a module that failed to load as
 * failed, for the page's life).
 */
function loadMermaid(): Promise<Mermaid> {
  if (loading) return loading;
  attempts += 1;
  const address = new URL(__JOURNEYS_MERMAID__, window.location.href);
  if (attempts > 1) address.searchParams.set('attempt', String(attempts));
  loading = (import(/* @vite-ignore */ address.href) as Promise<{ default: Mermaid }>).then(
    (module) => module.default,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** Channel colours in journey diagrams: calm, distinct, readable in both themes (7 and more: site CSS). */
const ACTORS = { actor0: '#4f7be8', actor1: '#e09a2d', actor2: '#2fa36b', actor3: '#d0527a', actor4: '#8a6bd1', actor5: '#2aa7b5' };

function isDark(): boolean {
  const choice = document.querySelector<HTMLInputElement>('input[name="theme"]:checked')?.value ?? 'auto';
  if (choice === 'dark') return true;
  if (choice === 'light') return false;
  return window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/**
 * Colours of the importance/performance matrix ("Act first", quadrant 2, in red) and
 * of the KPI charts (the measured line in the accent colour, the target in amber).
 */
function charts(dark: boolean): Record<string, unknown> {
  const text = dark ? '#e4e8ef' : '#1b2230';
  const muted = dark ? '#9ba5b6' : '#586274';
  const line = dark ? '#3a4455' : '#c5ccd6';
  return {
    quadrant1Fill: dark ? '#143222' : '#e9f6ee',
    quadrant2Fill: dark ? '#3b1c1c' : '#fdeceb',
    quadrant3Fill: dark ? '#1d2430' : '#f2f4f7',
    quadrant4Fill: dark ? '#392a12' : '#fff5e2',
    quadrant1TextFill: text,
    quadrant2TextFill: text,
    quadrant3TextFill: text,
    quadrant4TextFill: text,
    quadrantPointFill: dark ? '#7ea3ff' : '#2a59c9',
    quadrantPointTextFill: text,
    quadrantXAxisTextFill: muted,
    quadrantYAxisTextFill: muted,
    quadrantTitleFill: text,
    quadrantInternalBorderStrokeFill: line,
    quadrantExternalBorderStrokeFill: dark ? '#5a6577' : '#8c97aa',
    xyChart: {
      backgroundColor: dark ? '#161b23' : '#ffffff',
      titleColor: text,
      dataLabelColor: text,
      legendTextColor: text,
      xAxisTitleColor: muted,
      xAxisLabelColor: muted,
      xAxisTickColor: line,
      xAxisLineColor: line,
      yAxisTitleColor: muted,
      yAxisLabelColor: muted,
      yAxisTickColor: line,
      yAxisLineColor: line,
      plotColorPalette: dark ? '#7ea3ff,#f2b45a' : '#2a59c9,#c77c02',
    },
  };
}

function configure(mermaid: Mermaid, dark: boolean): void {
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    // Mermaid 12 lays flowcharts and the like out with ELK unless told otherwise; the site ships dagre only.
    layout: 'dagre',
    theme: dark ? 'dark' : 'default',
    fontFamily: FONT,
    // One diagram for the whole journey: at full size, scrolled sideways when wider than the page.
    journey: {
      useMaxWidth: false,
      width: 120,
      height: 52,
      taskMargin: 16,
      leftMargin: 60,
      diagramMarginX: 16,
      diagramMarginY: 8,
      taskFontSize: 13,
    },
    // A scenario's timeline reads top to bottom, and scales down to a phone's width.
    timeline: { useMaxWidth: true, leftMargin: 0, padding: 12 },
    // Charts scale down to a phone's width: their text stays short.
    quadrantChart: { useMaxWidth: true, chartWidth: 560, chartHeight: 440, titleFontSize: 16, pointLabelFontSize: 13, quadrantLabelFontSize: 15, xAxisLabelFontSize: 13, yAxisLabelFontSize: 13, pointRadius: 5 },
    xyChart: {
      useMaxWidth: true,
      width: 440,
      height: 250,
      showTitle: false,
      legendFontSize: 12,
      legendPadding: 6,
      xAxis: { labelFontSize: 12, titleFontSize: 13, tickLength: 4, tickWidth: 1, axisLineWidth: 1 },
      yAxis: { labelFontSize: 12, titleFontSize: 13, tickLength: 4, tickWidth: 1, axisLineWidth: 1 },
    },
    // Mermaid appends arrays of its configuration to its defaults: actor colours go through the theme.
    themeVariables: dark
      ? { ...ACTORS, ...charts(true), fontFamily: FONT, background: '#161b23', primaryColor: '#1f2a3d', primaryBorderColor: '#7ea3ff', primaryTextColor: '#e4e8ef', lineColor: '#8c97aa', clusterBkg: '#1a212c', clusterBorder: '#3a4455', titleColor: '#e4e8ef' }
      : { ...ACTORS, ...charts(false), fontFamily: FONT, primaryColor: '#eef3fe', primaryBorderColor: '#2a59c9', primaryTextColor: '#1b2230', lineColor: '#6b7689', clusterBkg: '#f6f7f9', clusterBorder: '#c5ccd6', titleColor: '#1b2230' },
  });
}

/** Where each diagram's Mermaid text is: in the page, as text (read once, before the first drawing replaces it). */
const sources = new WeakMap<HTMLElement, string>();
/** The theme each drawn diagram was drawn in. */
const drawnIn = new WeakMap<HTMLElement, boolean>();
/** Diagrams in view (or about to be), waiting for their turn. */
const queue: HTMLElement[] = [];
let count = 0;
let busy = false;
let configured: boolean | undefined;

function sourceOf(canvas: HTMLElement): string {
  let source = sources.get(canvas);
  if (source === undefined) {
    source = canvas.querySelector('[data-mermaid-source]')?.textContent ?? canvas.querySelector('template')?.content.textContent ?? '';
    sources.set(canvas, source);
  }
  return source;
}

/** An `accTitle` or `accDescr` line of a Mermaid text, its entity codes decoded. */
function accessibleText(source: string, key: 'accTitle' | 'accDescr'): string | undefined {
  const line = new RegExp(`^\\s*${key}: (.*)$`, 'm').exec(source)?.[1];
  return line?.replace(/#(\d+);/g, (code, digits: string) => {
    const point = Number(digits);
    return point <= 0x10ffff ? String.fromCodePoint(point) : code;
  });
}

/**
 * Gives the drawing the title and description its text gives, where Mermaid leaves
 * them out (its `timeline` keeps them to itself), as Mermaid does for the others.
 */
function label(svg: SVGSVGElement, source: string): void {
  const namespace = 'http://www.w3.org/2000/svg';
  for (const [key, tag, attribute] of [['accDescr', 'desc', 'aria-describedby'], ['accTitle', 'title', 'aria-labelledby']] as const) {
    const text = accessibleText(source, key);
    if (text === undefined || svg.querySelector(`:scope > ${tag}`)) continue;
    const element = document.createElementNS(namespace, tag);
    element.id = `${svg.id}-${tag}`;
    element.textContent = text;
    svg.prepend(element);
    svg.setAttribute(attribute, element.id);
  }
}

/** A pause between two diagrams, so that the page answers the reader between them. */
const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function draw(canvas: HTMLElement): Promise<void> {
  const dark = isDark();
  if (drawnIn.get(canvas) === dark) return;
  const source = sourceOf(canvas);
  count += 1;
  try {
    const mermaid = await loadMermaid();
    if (configured !== dark) {
      configure(mermaid, dark);
      configured = dark;
    }
    const { svg } = await mermaid.render(`mermaid-${count}`, source);
    canvas.innerHTML = svg;
    const drawing = canvas.querySelector<SVGSVGElement>(':scope > svg');
    if (drawing) label(drawing, source);
    canvas.dataset.rendered = 'true';
  } catch (error) {
    canvas.dataset.rendered = 'error';
    canvas.innerHTML = '';
    const message = document.createElement('p');
    message.className = 'diagram-fallback';
    // The page's words for it, in the site's language (data-msg-failed of the canvas).
    message.textContent = canvas.dataset.msgFailed ?? 'This diagram could not be drawn; the table beside it says the same.';
    canvas.append(message);
    console.error('journeys: a diagram could not be drawn', error);
  }
  drawnIn.set(canvas, dark);
}

/** Draws the waiting diagrams one at a time, then says the page is ready. */
async function work(): Promise<void> {
  if (busy) return;
  busy = true;
  document.documentElement.dataset.diagrams = 'drawing';
  try {
    for (let canvas = queue.shift(); canvas; canvas = queue.shift()) {
      await draw(canvas);
      await pause();
    }
  } finally {
    busy = false;
    document.documentElement.dataset.diagrams = 'ready';
  }
}

function enqueue(canvas: HTMLElement): void {
  if (!queue.includes(canvas)) queue.push(canvas);
  void work();
}

/** Diagrams on screen now, or within this margin of it: drawn before the reader gets there. */
const AHEAD = '200px 0px';

let started = false;

/**
 * Draws each diagram of the page when it comes into view, one at a time, and again
 * in the other theme when the theme changes (those already drawn at once, the others
 * when they come into view); once per page, however many components ask.
 */
export function drawDiagrams(): void {
  if (started) return;
  started = true;
  const canvases = [...document.querySelectorAll<HTMLElement>('[data-mermaid]')];
  for (const canvas of canvases) sourceOf(canvas);
  const visible = new Set<HTMLElement>();
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const canvas = entry.target as HTMLElement;
        if (entry.isIntersecting) {
          visible.add(canvas);
          enqueue(canvas);
        } else visible.delete(canvas);
      }
      // The first report covers every diagram: with none in view, the page is ready as it is.
      if (!busy && queue.length === 0) document.documentElement.dataset.diagrams = 'ready';
    },
    { rootMargin: AHEAD },
  );
  for (const canvas of canvases) observer.observe(canvas);
  const redraw = (): void => {
    for (const canvas of canvases) if (drawnIn.has(canvas) || visible.has(canvas)) enqueue(canvas);
  };
  document.addEventListener('journeys:theme', redraw);
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', redraw);
}
