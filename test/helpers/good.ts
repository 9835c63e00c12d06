import { expect } from 'vitest';
import type { CheckResult } from '../../src/index.ts';
import { OWNERS } from './repo.ts';

/**
 * A good journey with exactly one finding, an info of missing-kpi on its touchpoint
 * "unmeasured" (line 9, column 5): proof that the rest of a repository is still
 * linted when another file is bad.
 */
export const GOOD_JOURNEY = [
  'journey: good',
  'version: 1',
  'title: Good',
  'owner: team-onboarding',
  'reviewed: 2026-10-01',
  'stages:',
  '  - id: start',
  'touchpoints:',
  '  - id: unmeasured',
  '    stage: start',
  '    channel: email',
  '    owner: team-crm',
  '',
].join('\n');

/** The good files every bad input is put beside. */
export const GOOD_FILES: Readonly<Record<string, string>> = {
  'journeys/owners.yaml': OWNERS,
  'journeys/good.journey.yaml': GOOD_JOURNEY,
};

/** Asserts that the good journey was loaded and linted despite the bad file beside it. */
export function expectGoodJourneyLinted(result: CheckResult): void {
  expect(result.repo.journeys.map((journey) => journey.id)).toContain('good');
  expect(result.findings).toContainEqual(
    expect.objectContaining({ rule: 'missing-kpi', file: 'journeys/good.journey.yaml', line: 9, column: 5, journey: 'good', touchpoint: 'unmeasured' }),
  );
  expect(result.findings.filter((finding) => finding.file === 'journeys/good.journey.yaml')).toHaveLength(1);
}
