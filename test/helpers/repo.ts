import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes a repository of files (path -> text or bytes) into a fresh temporary folder. */
export function writeRepo(files: Readonly<Record<string, string | Uint8Array>>): string {
  const root = mkdtempSync(join(tmpdir(), 'journeys-test-'));
  made.push(root);
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

export const OWNERS = 'owners:\n  - id: team-crm\n    name: CRM\n  - id: team-onboarding\n    name: Onboarding\n';

/** A small journey that lints clean with every rule, to build variations on. */
export function cleanJourney(id = 'welcome', extra = ''): string {
  return [
    `journey: ${id}`,
    'version: 1',
    'title: Welcome',
    'owner: team-onboarding',
    'reviewed: 2026-10-01',
    'stages:',
    '  - id: start',
    'touchpoints:',
    '  - id: welcome-email',
    '    stage: start',
    '    channel: email',
    '    owner: team-crm',
    '    kpis:',
    '      - { metric: open-rate, target: 0.4 }',
    extra,
  ].join('\n');
}

/** The date every test lints as of, so that no test depends on the clock. */
export const TODAY = '2026-11-01';
