import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runJourneys } from './helpers/cli.ts';
import { TODAY } from './helpers/repo.ts';

const story = (name: string, version: 'broken' | 'fixed'): string => fileURLToPath(new URL(`./fixtures/stories/${name}/${version}`, import.meta.url));

describe('journeys simulate', () => {
  it('prints the day-by-day timeline with the breaches marked, and exits 1', async () => {
    const result = await runJourneys(['simulate', '--today', TODAY], story('late-sms', 'broken'));
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^Scenario \S+/m);
    // Day headings with dates from the scenario's start, events, sends, and the breach marked on its line.
    expect(result.stdout).toMatch(/^ {2}\w{3} \d{1,2} \w{3} 20\d\d \(day 0\)$/m);
    expect(result.stdout).toMatch(/^ {4}20:30 {2}● \S+/m);
    expect(result.stdout).toMatch(/^ {4}22:30 {2}⚠ sms .*quiet-hours$/m);
    expect(result.stdout).toContain('Breaches');
    expect(result.stdout).toContain('inside quiet hours (21:00 to 08:00)');
  });

  it('exits 0 with no breach when the policy holds', async () => {
    const result = await runJourneys(['simulate', '--today', TODAY], story('late-sms', 'fixed'));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('no breach');
    expect(result.stdout).not.toContain('⚠');
  });

  it('prints one scenario as JSON, with each send and the rules it breaks', async () => {
    const result = await runJourneys(['simulate', 'new-customer-first-card', '--format', 'json', '--today', TODAY], story('bank-new-customer', 'broken'));
    expect(result.status).toBe(1);
    const { scenarios } = JSON.parse(result.stdout) as {
      scenarios: { scenario: string; sends: { time: number; clock: string; channel: string; outbound: boolean; breaches: string[] }[]; findings: { rule: string; scenario: string }[] }[];
    };
    expect(scenarios.map((s) => s.scenario)).toEqual(['new-customer-first-card']);
    const [timeline] = scenarios;
    expect(timeline!.sends.filter((send) => send.outbound)).toHaveLength(12);
    expect(timeline!.sends.map((send) => send.time)).toEqual([...timeline!.sends.map((send) => send.time)].sort((a, b) => a - b));
    expect(timeline!.sends.filter((send) => send.breaches.includes('contact-pressure')).length).toBeGreaterThan(0);
    expect(timeline!.findings.every((finding) => finding.scenario === 'new-customer-first-card')).toBe(true);
  });

  it('names the scenarios there are when asked for one that is not', async () => {
    const result = await runJourneys(['simulate', 'new-customer', '--today', TODAY], story('bank-new-customer', 'broken'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('No scenario "new-customer"');
    expect(result.stderr).toContain('new-customer-first-card');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
