/** The channels' icons, one style sheet for every page (channelIconsCss), written at build time. */
import { channelIconsCss } from '../lib/marks.ts';

export function GET(): Response {
  return new Response(channelIconsCss(), { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
}
