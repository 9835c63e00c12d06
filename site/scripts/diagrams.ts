/**
 * Draws every Mermaid diagram of the page, with Mermaid bundled from the npm
 * package (no network). Strict security: no HTML or scripts from the text, no
 * click handlers. Redrawn when the colour theme changes.
 */
import mermaid from 'mermaid';

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

function configure(dark: boolean): void {
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: dark ? 'dark' : 'default',
    fontFamily: FONT,
    journey: {
      useMaxWidth: false,
      width: 128,
      height: 52,
      taskMargin: 20,
      leftMargin: 60,
      diagramMarginX: 16,
      diagramMarginY: 8,
      taskFontSize: 13,
    },
    flowchart: { useMaxWidth: false, nodeSpacing: 24, rankSpacing: 28, padding: 10, wrappingWidth: 190 },
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

let drawn = 0;
let theme: boolean | undefined;

async function drawAll(): Promise<void> {
  const dark = isDark();
  if (dark === theme) return;
  theme = dark;
  configure(dark);
  const canvases = document.querySelectorAll<HTMLElement>('[data-mermaid]');
  for (const canvas of canvases) {
    const source = canvas.querySelector('template')?.content.textContent ?? canvas.dataset.source ?? '';
    canvas.dataset.source = source;
    drawn += 1;
    try {
      const { svg } = await mermaid.render(`mermaid-${drawn}`, source);
      canvas.innerHTML = svg;
      canvas.dataset.rendered = 'true';
    } catch (error) {
      canvas.dataset.rendered = 'error';
      canvas.innerHTML = '';
      const message = document.createElement('p');
      message.className = 'diagram-fallback';
      message.textContent = 'This diagram could not be drawn; the table beside it says the same.';
      canvas.append(message);
      console.error('journeys: a diagram could not be drawn', error);
    }
  }
  document.documentElement.dataset.diagrams = 'ready';
}

let started = false;

/** Draws the page's diagrams, and again when the theme changes; once per page, however many components ask. */
export function drawDiagrams(): void {
  if (started) return;
  started = true;
  void drawAll();
  document.addEventListener('journeys:theme', () => void drawAll());
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => void drawAll());
}
