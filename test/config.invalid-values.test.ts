/**
 * A value of journeys.config.yaml that the tools cannot apply is a configuration error:
 * exit 2 with its file, line and column, printed like the other configuration errors,
 * and never applied nor replaced by a default (linting with another policy than the one
 * written would mislead). The JSON Schema that editors use refuses the same values.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../src/index.ts';
import { config as validateConfig } from '../src/load/schema-validators.js';
import { parse } from 'yaml';
import { runJourneys } from './helpers/cli.ts';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

/** Each case: the configuration, the line and column of the value, and what the message says. */
const CASES: readonly (readonly [string, string, number, number, string])[] = [
  ['a negative max', 'policy:\n  max-messages:\n    - { per: 7d, max: -1 }\n', 3, 23, '"max" is the most messages allowed in the window, a whole number, 0 or more, not -1'],
  ['a fractional max', 'policy:\n  max-messages:\n    - { per: 7d, max: 1.5 }\n', 3, 23, 'not 1.5'],
  ['a duration the parser does not read', 'policy:\n  max-messages:\n    - { per: 7 days, max: 5 }\n', 3, 14, '"per" is not a duration: "7 days"'],
  ['a window of no time', 'policy:\n  max-messages:\n    - { per: 0m, max: 5 }\n', 3, 14, '"per" is 0'],
  ['a limit without max', 'policy:\n  max-messages:\n    - { per: 1d }\n', 3, 7, 'has no "max"'],
  ['an unknown key in a limit', 'policy:\n  max-messages:\n    - { per: 1d, max: 1, chanels: [sms] }\n', 3, 35, 'Unknown key "chanels" in a limit of policy.max-messages (did you mean "channels"?)'],
  ['an unknown severity', 'rules:\n  missing-kpi: loud\n', 2, 16, 'Rule "missing-kpi": unknown severity "loud"'],
  ['an unknown severity in a list', 'rules:\n  stale-journey: [lowd, { max-age: 90d }]\n', 2, 19, 'Rule "stale-journey": unknown severity "lowd"'],
  ['options that are not a mapping', 'rules:\n  stale-journey: [warning, 90d]\n', 2, 28, 'its options are a mapping'],
  ['a quiet-hours time that is not one', 'policy:\n  quiet-hours: { from: "25:99", to: "08:00" }\n', 2, 24, '"from" is not a time of day: "25:99"'],
  ['quiet-hours without "to"', 'policy:\n  quiet-hours: { from: "21:00" }\n', 2, 16, 'policy.quiet-hours has no "to"'],
  ['an unknown key in quiet-hours', 'policy:\n  quiet-hours: { from: "21:00", to: "08:00", channel: [sms] }\n', 2, 55, 'Unknown key "channel" in policy.quiet-hours'],
  ['a conflict-window that is not a duration', 'policy:\n  conflict-window: two days\n', 2, 20, 'policy.conflict-window is not a duration: "two days"'],
  ['an unknown key in the policy', 'policy:\n  quiet-hour: { from: "21:00", to: "08:00" }\n', 2, 15, 'Unknown key "quiet-hour" in policy (did you mean "quiet-hours"?)'],
];

const repo = (config: string): string =>
  writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney(), 'journeys.config.yaml': config });

describe('an invalid value in journeys.config.yaml', () => {
  it.each(CASES)('%s: exit 2, file:line:column and the reason', async (_name, config, line, column, message) => {
    const result = await runJourneys(['lint', '--today', TODAY, '--format', 'json'], repo(config));
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const place = `journeys.config.yaml:${line}:${column}: `;
    expect(result.stderr.split('\n').filter((text) => text.startsWith(place) && text.includes(message))).toHaveLength(1);
    expect(result.stderr).toContain('journeys: fix the configuration above, then run again.');
  });

  it.each(CASES)('%s: never applied, and refused by the JSON Schema too', (_name, config) => {
    const result = check(repo(config), { today: TODAY });
    expect(result.configErrors.length).toBeGreaterThan(0);
    const { policy } = result.repo.config;
    // Only what is valid as written is applied: no limit from a bad entry, no quiet hours from bad times.
    expect(policy.maxMessages.every((limit) => Number.isInteger(limit.max) && limit.max >= 0 && limit.per > 0)).toBe(true);
    if (config.includes('max-messages')) expect(policy.maxMessages).toEqual([]);
    if (config.includes('quiet-hours')) expect(policy.quietHours).toEqual([]);
    if (config.includes('conflict-window')) expect(policy.conflictWindow).toBeUndefined();
    expect(validateConfig(parse(config))).toBe(false);
  });

  it('is one error each, in the order of the file, every one printed', async () => {
    const config = 'rules:\n  missing-kpi: loud\npolicy:\n  max-messages:\n    - { per: 7 days, max: -1 }\n  conflict-window: soon\n';
    const result = await runJourneys(['simulate', '--today', TODAY], repo(config));
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n').filter((text) => text.startsWith('journeys.config.yaml:')).map((text) => text.split(': ')[0])).toEqual([
      'journeys.config.yaml:2:16',
      'journeys.config.yaml:5:14',
      'journeys.config.yaml:5:27',
      'journeys.config.yaml:6:20',
    ]);
  });

  it('leaves a valid configuration as it was written', () => {
    const config = [
      'rules:',
      '  missing-kpi: off',
      '  stale-journey: [warning, { max-age: 90d }]',
      'policy:',
      '  max-messages:',
      '    - { per: 7d, max: 5 }',
      '    - { per: 1d, max: 0, channels: [sms, push] }',
      '  quiet-hours: { from: "21:00", to: "08:00", channels: [sms] }',
      '  conflict-window: 0m',
      '',
    ].join('\n');
    const result = check(repo(config), { today: TODAY });
    expect(result.configErrors).toEqual([]);
    expect(validateConfig(parse(config))).toBe(true);
    const { policy } = result.repo.config;
    expect(policy.maxMessages.map(({ per, max, channels }) => ({ per, max, channels }))).toEqual([
      { per: 7 * 24 * 60, max: 5, channels: undefined },
      { per: 24 * 60, max: 0, channels: ['sms', 'push'] },
    ]);
    expect(policy.quietHours).toMatchObject([{ from: 21 * 60, to: 8 * 60, channels: ['sms'] }]);
    expect(policy.conflictWindow).toBe(0);
  });
});
