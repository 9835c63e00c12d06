import { describe, expect, it } from 'vitest';
import { resolveFix } from '../src/engine/fix.ts';
import { parseText } from '../src/load/parse-file.ts';
import { createLocator, keepEvents } from '../src/load/positions.ts';
import type { SourceFile } from '../src/model/types.ts';

const TEXT = 'journey: welcome\ntouchpoints:\n  - id: welcome-email\n    channel: emial\n';
const AT = { file: 'journeys/welcome.journey.yaml', path: ['touchpoints', 0, 'channel'] };

describe('a fix resolved to a range of its file', () => {
  it('is found by the events of the parse that gave the data, without reading the data', () => {
    const { file, events } = parseText(AT.file, 'journey', { ok: true, text: TEXT });
    keepEvents(file, events!);
    // As a file whose data is parsed again only if read: reading it here would fail the test.
    Object.defineProperty(file, 'data', {
      get: () => {
        throw new Error('the data was read');
      },
    });
    const fix = resolveFix({ at: AT, text: 'email' }, file, createLocator(file));
    expect(fix).toEqual({ range: [TEXT.indexOf('emial'), TEXT.indexOf('emial') + 5], text: 'email' });
  });

  it('is compared with the data when the positions come from elsewhere, and refused when the text there says another value', () => {
    const { file } = parseText(AT.file, 'journey', { ok: true, text: TEXT });
    const locator = createLocator(file);
    expect(resolveFix({ at: AT, text: 'email' }, file, locator)).toBeDefined();
    const other: SourceFile = { ...file, data: { journey: 'welcome', touchpoints: [{ id: 'welcome-email', channel: 'sms' }] } };
    expect(resolveFix({ at: AT, text: 'email' }, other, createLocator(other))).toBeUndefined();
  });

  it('is refused for a file that did not parse', () => {
    const { file } = parseText(AT.file, 'journey', { ok: true, text: 'journey: [unclosed\n' });
    expect(file.data).toBeUndefined();
    expect(resolveFix({ at: [0, 7], text: 'trip' }, file, createLocator(file))).toBeUndefined();
  });
});
