/**
 * `repository: { url, branch }` of journeys.config.yaml: read by the loader into the
 * typed configuration (what the site links with), and a value that cannot be used is a
 * configuration error with its file, line and column, refused by the JSON Schema too.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildModel, check, simulate } from '../src/index.ts';
import { config as validateConfig } from '../src/load/schema-validators.js';
import { runJourneys } from './helpers/cli.ts';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

const repo = (config: string): string =>
  writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney(), 'journeys.config.yaml': config });

/** Each case: the configuration, the line and column of the value, and what the message says. */
const CASES: readonly (readonly [string, string, number, number, string])[] = [
  ['not a mapping', 'repository: https://github.com/acme/journeys\n', 1, 13, 'repository is a mapping of keys to values'],
  ['no url', 'repository:\n  branch: main\n', 2, 3, 'repository has no "url"'],
  ['a url that is not a web address', 'repository: { url: "javascript:alert(1)" }\n', 1, 20, 'repository.url is a web address starting with http:// or https://'],
  ['a url that is a number', 'repository: { url: 42 }\n', 1, 20, 'not 42'],
  ['an empty branch', 'repository: { url: "https://github.com/acme/journeys", branch: "" }\n', 1, 64, 'repository.branch is the name of a branch'],
  ['an unknown key', 'repository: { url: "https://github.com/acme/journeys", brnch: main }\n', 1, 63, 'Unknown key "brnch" in repository (did you mean "branch"?)'],
];

describe('repository: in journeys.config.yaml', () => {
  it('is read into the configuration, without a trailing slash, and the site links with it', () => {
    const result = check(repo('repository: { url: "https://git.example/acme/journeys/", branch: release }\n'), { today: TODAY });
    expect(result.configErrors).toEqual([]);
    expect(result.repo.config.repository).toEqual({ url: 'https://git.example/acme/journeys', branch: 'release' });
    const model = buildModel({ result, timelines: simulate(result.repo), markdown: (text) => text, tool: 'test' });
    expect(model.journeys[0]!.fileUrl).toBe('https://git.example/acme/journeys/blob/release/journeys/welcome.journey.yaml');
  });

  it('is optional, and a branch is too', () => {
    expect(check(repo('timezone: UTC\n'), { today: TODAY }).repo.config.repository).toBeUndefined();
    const result = check(repo('repository: { url: "http://git.example/acme" }\n'), { today: TODAY });
    expect(result.configErrors).toEqual([]);
    expect(result.repo.config.repository).toEqual({ url: 'http://git.example/acme' });
    expect(validateConfig(parse('repository: { url: "http://git.example/acme" }\n'))).toBe(true);
  });

  it.each(CASES)('%s: exit 2 with file:line:column and the reason', async (_name, config, line, column, message) => {
    const result = await runJourneys(['lint', '--today', TODAY, '--format', 'json'], repo(config));
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const place = `journeys.config.yaml:${line}:${column}: `;
    expect(result.stderr.split('\n').filter((text) => text.startsWith(place) && text.includes(message)), result.stderr).toHaveLength(1);
  });

  it.each(CASES)('%s: never used for links, and refused by the JSON Schema too', (_name, config) => {
    const result = check(repo(config), { today: TODAY });
    expect(result.configErrors.length).toBeGreaterThan(0);
    expect(result.repo.config.repository).toBeUndefined();
    expect(validateConfig(parse(config))).toBe(false);
  });
});
