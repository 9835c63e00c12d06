import { parseDuration, parseTimeOfDay } from '../model/duration.ts';
import type { Config, MaxMessages, RuleSetting, SeveritySetting } from '../model/types.ts';
import { isRecord, list, record, text, texts } from './normalize.ts';

const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'off'];

export const EMPTY_CONFIG: Config = { rules: {}, policy: { maxMessages: [] } };

/**
 * The configuration as written. Rule entries are checked against the registry by
 * the engine, which alone knows the rules; here they are only read.
 */
export function configFrom(file: string, data: unknown): Config {
  const root = record(data);
  const rules: Record<string, RuleSetting> = Object.create(null) as Record<string, RuleSetting>;
  for (const [id, value] of Object.entries(record(root.rules))) {
    const ref = { file, path: ['rules', id] };
    const [severity, options] = Array.isArray(value) ? value : [value, undefined];
    rules[id] = {
      severity: typeof severity === 'string' && SEVERITIES.includes(severity) ? (severity as SeveritySetting) : undefined,
      options: isRecord(options) ? options : undefined,
      ref,
    };
  }
  const policy = record(root.policy);
  const maxMessages: MaxMessages[] = [];
  list(policy, 'max-messages').forEach((item, index) => {
    if (!isRecord(item)) return;
    const per = parseDuration(item.per);
    const max = item.max;
    if (per === undefined || typeof max !== 'number') return;
    const channels = Array.isArray(item.channels) ? texts(item, 'channels') : undefined;
    maxMessages.push({ per, max, channels, ref: { file, path: ['policy', 'max-messages', index] } });
  });
  const quiet = record(policy['quiet-hours']);
  const from = parseTimeOfDay(quiet.from);
  const to = parseTimeOfDay(quiet.to);
  return {
    file,
    rules,
    timeZone: text(root, 'timezone'),
    policy: {
      maxMessages,
      quietHours:
        from !== undefined && to !== undefined
          ? { from, to, channels: Array.isArray(quiet.channels) ? texts(quiet, 'channels') : undefined, ref: { file, path: ['policy', 'quiet-hours'] } }
          : undefined,
      conflictWindow: parseDuration(policy['conflict-window']),
    },
  };
}
