/**
 * One colour and one icon per channel, for every page and diagram: a channel looks the
 * same on the board, in tables and in Mermaid, whatever journey or page shows it.
 *
 * Built-in channels have colours chosen by hand; a declared channel takes one from a
 * palette by a hash of its id, so that its colour never depends on which other channels
 * a repository declares or in which order. Every colour reads as text (4.5:1 or more)
 * on the site's surfaces: `light` on white, `dark` on the dark theme's surface.
 */

export interface ChannelStyle {
  /** The channel's id. */
  readonly id: string;
  /** Text and line colour on the light theme (contrast 4.5:1 or more on #ffffff). */
  readonly light: string;
  /** Text and line colour on the dark theme (contrast 4.5:1 or more on #161b23). */
  readonly dark: string;
  /** A one-character symbol for text-only places (Mermaid labels, plain text). */
  readonly glyph: string;
  /** A small icon: SVG path data in a 16×16 box, drawn with a 1.5 stroke, no fill. */
  readonly icon: string;
  /** The icon's name in CHANNEL_ICONS (the site draws a channel's mark from a style sheet of them). */
  readonly iconName: ChannelIconName;
}

/** The surfaces the colours are checked against (site/styles/global.css `--surface`). */
export const CHANNEL_SURFACES = { light: '#ffffff', dark: '#161b23' } as const;

const ICONS = {
  envelope: 'M2 4h12v8H2z M2 4l6 5 6-5',
  bubble: 'M2 3h12v8H7l-3 3v-3H2z',
  bell: 'M4 11V7a4 4 0 0 1 8 0v4l1 1H3z M7 14h2',
  badge: 'M3 2h10v12H3z M6 5h4 M6 8h4',
  globe: 'M8 2a6 6 0 1 0 0 12A6 6 0 1 0 8 2z M2 8h12 M8 2c-3 3-3 9 0 12 M8 2c3 3 3 9 0 12',
  mobile: 'M5 1h6v14H5z M7 12h2',
  phone: 'M3 2h3l1 3-2 1a8 8 0 0 0 5 5l1-2 3 1v3a1 1 0 0 1-1 1A12 12 0 0 1 2 3a1 1 0 0 1 1-1z',
  chat: 'M1 3h9v6H5l-2 2V9H1z M12 6h3v6h-1v2l-2-2H7v-1',
  building: 'M2 14h12 M3 14V6l5-4 5 4v8 M6 14v-4h4v4',
  letter: 'M2 3h12v10H2z M4 6h5 M4 9h8 M11 5h2',
  people: 'M5 7a2 2 0 1 0 0-4 2 2 0 0 0 0 4z M11 7a2 2 0 1 0 0-4 2 2 0 0 0 0 4z M1 13c0-3 8-3 8 0 M7 13c0-3 8-3 8 0',
  megaphone: 'M2 6h3l7-4v12L5 10H2z M5 10l1 4',
  calendar: 'M2 3h12v11H2z M2 6h12 M5 1v3 M11 1v3',
  gear: 'M8 5a3 3 0 1 0 0 6 3 3 0 0 0 0-6z M8 1v2 M8 13v2 M1 8h2 M13 8h2 M3 3l1.5 1.5 M11.5 11.5L13 13 M3 13l1.5-1.5 M11.5 4.5L13 3',
  star: 'M8 1.5l2 4.2 4.5.6-3.3 3.1.8 4.5L8 11.7 4 13.9l.8-4.5-3.3-3.1 4.5-.6z',
  dot: 'M8 4a4 4 0 1 0 0 8 4 4 0 0 0 0-8z',
} as const;

export type ChannelIconName = keyof typeof ICONS;

/** Every channel icon by name: SVG path data in a 16×16 box, drawn with a 1.5 stroke, no fill. */
export const CHANNEL_ICONS: Readonly<Record<ChannelIconName, string>> = ICONS;

const BUILT_IN: Readonly<Record<string, Omit<ChannelStyle, 'id' | 'icon'>>> = {
  email: { light: '#1f5fbf', dark: '#7fb0ff', glyph: '✉', iconName: 'envelope' },
  sms: { light: '#0f7a5c', dark: '#4fd1a5', glyph: '✆', iconName: 'bubble' },
  push: { light: '#b2450c', dark: '#ff9e6b', glyph: '◉', iconName: 'bell' },
  'in-app': { light: '#7a3fc2', dark: '#c49bff', glyph: '▣', iconName: 'badge' },
  web: { light: '#0b6e8a', dark: '#5fcde6', glyph: '◍', iconName: 'globe' },
  app: { light: '#4c50c4', dark: '#a5a8ff', glyph: '▯', iconName: 'mobile' },
  phone: { light: '#a3366b', dark: '#f28dbd', glyph: '☎', iconName: 'phone' },
  chat: { light: '#2e7d32', dark: '#8bd88f', glyph: '❝', iconName: 'chat' },
  branch: { light: '#8a5a00', dark: '#e0b155', glyph: '⌂', iconName: 'building' },
  mail: { light: '#795548', dark: '#d2b2a6', glyph: '✎', iconName: 'letter' },
  social: { light: '#c2185b', dark: '#ff8fb8', glyph: '☺', iconName: 'people' },
  ads: { light: '#b02a2a', dark: '#ff8f8f', glyph: '➚', iconName: 'megaphone' },
  event: { light: '#5a6d00', dark: '#c2dc6e', glyph: '✦', iconName: 'calendar' },
  selfcare: { light: '#00796b', dark: '#5fd6c6', glyph: '⚙', iconName: 'gear' },
  'review-site': { light: '#8e44ad', dark: '#e0a3ff', glyph: '★', iconName: 'star' },
};

/** Colours for declared channels, each readable on both surfaces. */
const PALETTE: readonly (readonly [light: string, dark: string])[] = [
  ['#3b5bdb', '#91a7ff'],
  ['#087f5b', '#63e6be'],
  ['#c2255c', '#faa2c1'],
  ['#5f3dc4', '#b197fc'],
  ['#a4500f', '#ffa94d'],
  ['#0b7285', '#66d9e8'],
  ['#237032', '#8ce99a'],
  ['#862e9c', '#e599f7'],
  ['#495057', '#ced4da'],
  ['#9c3600', '#ff9f70'],
];

/** The style of a touchpoint with no channel. */
export const NO_CHANNEL_STYLE: ChannelStyle = { id: '', light: '#586274', dark: '#9ba5b6', glyph: '·', icon: ICONS.dot, iconName: 'dot' };

/** FNV-1a: a small, stable hash, the same in every process and version of Node. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

/**
 * The style sheet of the channels' icons, for the site: each icon, by name, as the mask of
 * a channel's mark (an element with `data-icon`), a 16×16 SVG drawn with a stroke.
 */
export function channelIconsCss(): string {
  return Object.entries(ICONS)
    .map(([name, path]) => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" fill="none" stroke="black" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"><path d="${path}"/></svg>`;
      return `.channel-mark[data-icon="${name}"] { --icon: url("data:image/svg+xml,${encodeURIComponent(svg)}"); }\n`;
    })
    .join('');
}

/** The colour and icon of a channel, built-in or declared (by its id); undefined or empty: no channel. */
export function channelStyle(id: string | undefined): ChannelStyle {
  if (!id) return NO_CHANNEL_STYLE;
  const builtIn = Object.hasOwn(BUILT_IN, id) ? BUILT_IN[id] : undefined;
  if (builtIn) return { id, ...builtIn, icon: ICONS[builtIn.iconName] };
  const [light, dark] = PALETTE[hash(id) % PALETTE.length]!;
  return { id, light, dark, glyph: id.charAt(0).toUpperCase() || '·', icon: ICONS.dot, iconName: 'dot' };
}

/**
 * The channel's colour as one CSS value that follows the page's theme
 * (`light-dark()` reads `color-scheme`, which the site's theme switch sets).
 */
export function channelCssColor(style: ChannelStyle): string {
  return `light-dark(${style.light}, ${style.dark})`;
}

/** The ids of the channels with a colour of their own (the built-in ones). */
export const STYLED_CHANNELS: readonly string[] = Object.keys(BUILT_IN);

/** WCAG contrast ratio of two `#rrggbb` colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string): number => {
    const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
    const [r, g, bl] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}
