import type { Channel } from './types.ts';

const BUILT_IN: readonly (readonly [id: string, name: string, outbound: boolean])[] = [
  ['email', 'E-mail', true],
  ['sms', 'SMS', true],
  ['push', 'Push notification', true],
  ['in-app', 'In-app message', true],
  ['web', 'Website', false],
  ['app', 'Mobile app', false],
  ['phone', 'Phone', true],
  ['chat', 'Chat', false],
  ['branch', 'Branch', false],
  ['mail', 'Paper mail', true],
  ['social', 'Social media', false],
  ['ads', 'Advertising', false],
  ['event', 'Event', false],
  ['selfcare', 'Self-care portal', false],
  ['review-site', 'Review site', false],
];

/** The channels every repository has without declaring them. */
export const BUILT_IN_CHANNELS: readonly Channel[] = BUILT_IN.map(([id, name, outbound]) => ({ id, name, outbound, builtIn: true }));
