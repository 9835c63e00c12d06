/**
 * The lint cache never changes what lint prints: on a generated repository with findings
 * from most rules, random sequences of edits (journeys edited, broken and mended, added
 * and deleted, disable comments, owners, channels and events declared or changed, the
 * configuration edited, measures recorded, the date moved) are each followed by `journeys lint --format json` without the
 * cache and twice with it (the second run takes every file and line number from the
 * cache); all three print the same bytes and exit the same.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintCommand } from '../src/cli/lint.ts';
import { findingsRepo, JOURNEYS } from './helpers/findings-repo.ts';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

const NUM_RUNS = 20;

function lint(root: string, args: readonly string[], today = TODAY): { status: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io = {
    cwd: root,
    env: {},
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    now: () => new Date('2026-11-01T12:00:00Z'),
  };
  const status = lintCommand([root, '--format', 'json', '--today', today, ...args], io);
  return { status, stdout, stderr };
}

type Edit =
  | { kind: 'journey'; journey: number; change: 'owner' | 'channel' | 'comment' | 'break' | 'schema' | 'disable' | 'touchpoint' | 'crlf' | 'important' }
  | { kind: 'new'; id: number; markdown: boolean }
  | { kind: 'delete'; journey: number }
  | { kind: 'owners'; change: 'add' | 'drop' | 'break' }
  | { kind: 'channels' | 'events'; present: boolean }
  | { kind: 'config'; change: 'rule-off' | 'severity' | 'policy' | 'break' | 'original' }
  // The rules of file scope read the metrics and the date beside their file: both change their findings.
  | { kind: 'metrics'; journey: number; value: number }
  | { kind: 'today'; today: string };

const journey = fc.integer({ min: 1, max: JOURNEYS });
const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('journey' as const), journey, change: fc.constantFrom('owner', 'channel', 'comment', 'break', 'schema', 'disable', 'touchpoint', 'crlf', 'important') as fc.Arbitrary<'owner'> }) },
  fc.record({ kind: fc.constant('new' as const), id: fc.integer({ min: 1, max: 4 }), markdown: fc.boolean() }),
  fc.record({ kind: fc.constant('delete' as const), journey }),
  fc.record({ kind: fc.constant('owners' as const), change: fc.constantFrom('add', 'drop', 'break') as fc.Arbitrary<'add'> }),
  fc.record({ kind: fc.constantFrom('channels' as const, 'events' as const), present: fc.boolean() }),
  fc.record({ kind: fc.constant('config' as const), change: fc.constantFrom('rule-off', 'severity', 'policy', 'break', 'original') as fc.Arbitrary<'break'> }),
  fc.record({ kind: fc.constant('metrics' as const), journey, value: fc.constantFrom(0.5, 0.9) }),
  fc.record({ kind: fc.constant('today' as const), today: fc.constantFrom(TODAY, '2027-06-01') }),
);

const journeyPath = (n: number): string => `journeys/journey-${String(n).padStart(2, '0')}.journey.yaml`;

function read(root: string, path: string): string | undefined {
  try {
    return readFileSync(join(root, path), 'utf8');
  } catch {
    return undefined;
  }
}

function write(root: string, path: string, text: string | undefined): void {
  if (text === undefined) {
    try {
      unlinkSync(join(root, path));
    } catch {
      // Not there.
    }
  } else {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** Applies an edit to the repository; returns the date the next lints run as of, when the edit moves it. */
function apply(root: string, change: Edit, config: string): string | undefined {
  switch (change.kind) {
    case 'today':
      return change.today;
    case 'metrics': {
      const id = `journey-${String(change.journey).padStart(2, '0')}`;
      write(root, `journeys/metrics/${id}.csv`, `journey,touchpoint,metric,period,value\n${id},vip-${change.journey},csat,2026-Q2,${change.value}\n`);
      return;
    }
    case 'journey': {
      const path = journeyPath(change.journey);
      const text = read(root, path);
      if (text === undefined) return;
      const edited = {
        owner: () => text.replace('owner: team-onboarding', 'owner: team-ghost'),
        channel: () => text.replace('channel: web', 'channel: carrier-pigeon'),
        comment: () => `# Reviewed again.\n${text}`,
        break: () => text.replace('touchpoints:', 'touchpoints: [\n'),
        schema: () => text.replace('version: 1', 'version: one'),
        disable: () => text.replace(/^( {2}- id: ownerless-)/m, '  # journeys-disable-next-line missing-owner, missing-kpi -- checked\n$1'),
        touchpoint: () => `${text}  - id: added-${change.journey}\n    stage: start\n    channel: email\n    owner: team-crm\n    trigger: account.opened\n    after: 5m\n`,
        crlf: () => text.replace(/\n/g, '\r\n'),
        important: () => `${text}  - id: vip-${change.journey}\n    stage: start\n    channel: phone\n    owner: team-crm\n    importance: 5\n    kpis: [{ metric: csat, target: 0.8 }]\n`,
      }[change.change]();
      write(root, path, edited);
      return;
    }
    case 'new': {
      const id = `new-${change.id}`;
      const yaml = cleanJourney(id, '    trigger: account.opened\n');
      if (change.markdown) write(root, `journeys/extra/${id}.journey.md`, `---\n${yaml}---\n\n### welcome-email\n\nHello, welcome aboard!\n`);
      else write(root, `journeys/extra/${id}.journey.yaml`, yaml);
      return;
    }
    case 'delete':
      write(root, journeyPath(change.journey), undefined);
      return;
    case 'owners': {
      const text = { add: `${OWNERS}  - id: team-ghost\n    name: Ghosts\n`, drop: OWNERS.replace(/ {2}- id: team-crm\n {4}name: CRM\n/, ''), break: 'owners: {\n' }[change.change];
      write(root, 'journeys/owners.yaml', text);
      return;
    }
    case 'channels':
      write(root, 'journeys/channels.yaml', change.present ? 'channels:\n  - id: carrier-pigeon\n    name: Carrier pigeon\n    outbound: true\n' : undefined);
      return;
    case 'events':
      write(root, 'journeys/events.yaml', change.present ? 'events:\n  - id: account.opened\n  - id: order.shipped\n' : undefined);
      return;
    case 'config': {
      const text = {
        'rule-off': `${config}rules:\n  missing-kpi: off\n`,
        severity: `${config}rules:\n  missing-owner: info\n  stale-journey: error\n`,
        policy: config.replace('max: 3', 'max: 40'),
        break: `${config}rules: [\n`,
        original: config,
      }[change.change];
      write(root, 'journeys.config.yaml', text);
      return;
    }
  }
}

describe('the lint cache', () => {
  it('prints byte for byte what an uncached lint prints, after any sequence of edits', () => {
    const files = findingsRepo();
    const config = files['journeys.config.yaml']!;
    const caches = mkdtempSync(join(tmpdir(), 'journeys-caches-'));
    let run = 0;
    try {
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
          const root = writeRepo(files);
          // Each run starts with no cache; the default place (in the repository) for half of them.
          run += 1;
          const location = run % 2 === 0 ? [] : ['--cache-location', join(caches, `${run}`, 'lint.cache')];
          lint(root, ['--cache', ...location]);
          let today = TODAY;
          for (const change of edits) {
            today = apply(root, change, config) ?? today;
            const plain = lint(root, [], today);
            const cold = lint(root, ['--cache', ...location], today);
            const warm = lint(root, ['--cache', ...location], today);
            expect(cold, JSON.stringify(change)).toEqual(plain);
            expect(warm, JSON.stringify(change)).toEqual(plain);
          }
          rmSync(root, { recursive: true, force: true });
          if (location.length > 0) rmSync(dirname(location[1]!), { recursive: true, force: true });
        }),
        { numRuns: NUM_RUNS },
      );
    } finally {
      rmSync(caches, { recursive: true, force: true });
    }
  }, 120_000);
});
