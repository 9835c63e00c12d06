import { describe, expect, it } from 'vitest';
import { builtInRules } from '../src/rules/index.ts';
import { runJourneys } from './helpers/cli.ts';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

const TABLE_HEAD = /^Rule +\| Time \(ms\) \| Relative\n:-+\|-+:\|-+:\n/;
const ROW = /^([a-z-]+) +\| +\d+\.\d{3} \| +\d+\.\d%$/gm;

describe('JOURNEYS_TIMING', () => {
  const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney('welcome', 'x-note: timed\n') });
  const lint = (env: Record<string, string> = {}) => runJourneys(['lint', '--today', TODAY, '--format', 'json'], root, env);

  it('prints the slowest ten rules on stderr after a lint, and the same output on stdout', async () => {
    const [plain, timed] = await Promise.all([lint(), lint({ JOURNEYS_TIMING: '1' })]);
    expect(timed.status).toBe(plain.status);
    expect(timed.stdout).toBe(plain.stdout);
    expect(plain.stderr).not.toMatch(TABLE_HEAD);
    expect(timed.stderr).toMatch(TABLE_HEAD);
    const rules = [...timed.stderr.matchAll(ROW)].map((match) => match[1]!);
    expect(rules).toHaveLength(10);
    const ids = new Set(builtInRules.map((rule) => rule.meta.id));
    for (const rule of rules) expect(ids.has(rule)).toBe(true);
  });

  it('prints every rule that ran with all, and as many as asked with a number', async () => {
    const [all, three] = await Promise.all([lint({ JOURNEYS_TIMING: 'all' }), lint({ JOURNEYS_TIMING: '3' })]);
    expect([...all.stderr.matchAll(ROW)].length).toBeGreaterThan(10);
    expect([...three.stderr.matchAll(ROW)]).toHaveLength(3);
  });

  it('prints nothing when it is 0 or empty', async () => {
    for (const value of ['0', '']) expect((await lint({ JOURNEYS_TIMING: value })).stderr).not.toMatch(/Time \(ms\)/);
  });
});
