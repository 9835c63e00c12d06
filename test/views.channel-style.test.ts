import { describe, expect, it } from 'vitest';
import { BUILT_IN_CHANNELS, CHANNEL_SURFACES, STYLED_CHANNELS, channelCssColor, channelStyle, contrastRatio } from '../src/index.ts';

describe('channel styles', () => {
  it('gives every built-in channel a colour and icon of its own', () => {
    expect([...STYLED_CHANNELS].sort()).toEqual(BUILT_IN_CHANNELS.map((channel) => channel.id).sort());
    const styles = BUILT_IN_CHANNELS.map((channel) => channelStyle(channel.id));
    expect(new Set(styles.map((style) => style.light)).size).toBe(styles.length);
    expect(new Set(styles.map((style) => style.dark)).size).toBe(styles.length);
    expect(new Set(styles.map((style) => style.glyph)).size).toBe(styles.length);
    expect(new Set(styles.map((style) => style.icon)).size).toBe(styles.length);
  });

  it('keeps a declared channel on the same colour whatever else is declared', () => {
    expect(channelStyle('kiosk')).toEqual(channelStyle('kiosk'));
    expect(channelStyle('kiosk').glyph).toBe('K');
    const colours = new Set(['kiosk', 'whatsapp', 'fax', 'letterbox', 'tv', 'radio', 'partner', 'atm'].map((id) => channelStyle(id).light));
    expect(colours.size).toBeGreaterThan(3);
    expect(channelStyle('constructor').light).toMatch(/^#[0-9a-f]{6}$/);
    expect(channelStyle(undefined).id).toBe('');
  });

  it('reads as text on the light and the dark surface (4.5:1 or more)', () => {
    const ids = [...STYLED_CHANNELS, ...Array.from({ length: 200 }, (_, index) => `declared-${index}`), ''];
    for (const id of ids) {
      const style = channelStyle(id);
      expect(contrastRatio(style.light, CHANNEL_SURFACES.light), `${id} light`).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(style.dark, CHANNEL_SURFACES.dark), `${id} dark`).toBeGreaterThanOrEqual(4.5);
    }
    expect(channelCssColor(channelStyle('email'))).toBe('light-dark(#1f5fbf, #7fb0ff)');
  });
});
