/**
 * `journeys lint --format sarif`: valid SARIF 2.1.0 (checked against the official schema),
 * with the rules' documentation, results at the right places, related locations, and
 * fingerprints that do not move when lines do.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import draft04 from 'ajv-draft-04';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { builtInRules, check, type CheckResult, type Finding } from '../src/index.ts';
import { FINGERPRINT_KEY, fingerprints, MAX_SARIF_RESULTS, sarif, sarifText } from '../src/format/sarif.ts';
import { runJourneys } from './helpers/cli.ts';
import { gitRepo } from './helpers/git.ts';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';
import { FLAWED, HOSTILE, HOSTILE_TOUCHPOINT } from './fixtures/format/repos.ts';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
const schema = JSON.parse(readFileSync(new URL('./fixtures/format/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as Record<string, unknown>;
// The formats are checked as GitHub's upload checks them: a relative helpUri, or a file
// name that is not a valid URI reference, makes code scanning refuse the whole file.
const ajv = new draft04.default({ strict: false, allErrors: true });
formats.default(ajv, { mode: 'full', formats: ['uri', 'uri-reference', 'date-time'] });
const validate = ajv.compile(schema);

const STORIES = fileURLToPath(new URL('./fixtures/stories/', import.meta.url));

/** The parts of a SARIF log the tests read. */
interface Region {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}
interface PhysicalLocation {
  artifactLocation: { uri: string; uriBaseId?: string };
  region: Region;
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: PhysicalLocation; logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[] }[];
  relatedLocations?: { id: number; physicalLocation: PhysicalLocation; message: { text: string } }[];
  partialFingerprints: Record<string, string>;
  properties?: Record<string, unknown>;
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: string };
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[];
    results: SarifResult[];
  }[];
}

function lint(root: string, today = TODAY): CheckResult {
  const result = check(root, { today });
  expect(result.configErrors).toEqual([]);
  return result;
}

/** Formats as SARIF, asserts the output is valid against the official schema, and parses it. */
function toSarif(findings: readonly Finding[], result: CheckResult, siteUrl?: string): SarifLog {
  const text = sarif(findings, result.summary, { siteUrl, rules: builtInRules });
  const log = JSON.parse(text) as SarifLog;
  const valid = validate(log);
  expect(validate.errors ?? [], 'errors against the SARIF 2.1.0 schema').toEqual([]);
  expect(valid).toBe(true);
  return log;
}

const sarifOf = (result: CheckResult, siteUrl?: string): SarifLog => toSarif(result.findings, result, siteUrl);

describe('sarif', () => {
  it('is valid SARIF 2.1.0 on a repository with findings, on story repositories, and on a clean one', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
    const flawed = lint(writeRepo(FLAWED));
    expect(flawed.findings.length).toBeGreaterThan(0);
    const log = sarifOf(flawed);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe(schema.id);
    expect(log.runs).toHaveLength(1);
    for (const story of ['bank-new-customer', 'insurer-unpaid-premium', 'late-sms', 'two-parcel-teams']) sarifOf(lint(join(STORIES, story, 'broken')));
    const clean = sarifOf(lint(writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney() })));
    expect(clean.runs[0]!.results).toEqual([]);
  });

  it('describes every built-in rule: texts, help, level and the URI of its page', () => {
    const log = sarifOf(lint(writeRepo(FLAWED)), 'https://acme.example/journeys');
    const { driver } = log.runs[0]!.tool;
    expect(driver.name).toBe('journeys');
    expect(driver.version).toBe(pkg.version);
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules.map((rule) => rule.id)).toEqual(builtInRules.map((rule) => rule.meta.id));
    const levels = { error: 'error', warning: 'warning', info: 'note' } as const;
    builtInRules.forEach(({ meta }, index) => {
      const rule = driver.rules[index]!;
      expect(rule.shortDescription.text).toBe(meta.description);
      expect(rule.fullDescription.text).toBe(meta.rationale);
      expect(rule.help.text).toContain(meta.rationale);
      expect(rule.help.text).toContain(meta.fix);
      expect(rule.help.markdown).toContain(meta.fix);
      expect(rule.helpUri).toBe(`https://acme.example/journeys/rules/${meta.id}/`);
      expect(rule.defaultConfiguration.level).toBe(levels[meta.severity]);
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
    });
    expect(driver.rules.find((rule) => rule.id === 'missing-owner')!.name).toBe('MissingOwner');
    expect(driver.rules.find((rule) => rule.id === 'missing-kpi')!.defaultConfiguration.level).toBe('note');
  });

  it('gives no helpUri without the absolute address of the site: code scanning refuses a relative one', () => {
    const result = lint(writeRepo(FLAWED));
    for (const siteUrl of [undefined, '', '/journeys/', 'rules']) {
      const rules = sarifOf(result, siteUrl).runs[0]!.tool.driver.rules;
      for (const rule of rules) expect(rule).not.toHaveProperty('helpUri');
      expect(rules[0]!.help.text).toContain('journeys explain parse');
    }
    expect(sarifOf(result, 'https://acme.example/').runs[0]!.tool.driver.rules[0]!.helpUri).toBe('https://acme.example/rules/parse/');
    expect(sarifOf(result, 'https://acme.example/').runs[0]!.tool.driver.rules[0]!.help.markdown).toContain('(https://acme.example/rules/parse/)');
  });

  it('is checked by a validator that refuses what code scanning refuses', () => {
    const log = sarifOf(lint(writeRepo(FLAWED)), 'https://acme.example/');
    const broken = structuredClone(log);
    broken.runs[0]!.tool.driver.rules[0]!.helpUri = 'rules/parse/';
    expect(validate(broken)).toBe(false);
    const badPath = structuredClone(log);
    badPath.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = 'journeys/50% off.yaml';
    expect(validate(badPath)).toBe(false);
    const noMessage = structuredClone(log) as unknown as { runs: { results: Record<string, unknown>[] }[] };
    delete noMessage.runs[0]!.results[0]!.message;
    expect(validate(noMessage)).toBe(false);
  });

  it('writes file names as valid URI references, however they are spelled', () => {
    const result = lint(writeRepo({ ...HOSTILE, 'journeys/with space #1.journey.yaml': cleanJourney('spaced').replace('    kpis:\n      - { metric: open-rate, target: 0.4 }\n', '') }));
    const uris = sarifOf(result).runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('journeys/x%2Cy%3Az%25.journey.yaml');
    expect(uris).toContain('journeys/with%20space%20%231.journey.yaml');
    for (const uri of uris) expect(result.findings.map((f) => f.file)).toContain(decodeURIComponent(uri));
    // User text in messages and properties is JSON: kept as written.
    const kpi = sarifOf(result).runs[0]!.results.find((r) => r.ruleId === 'missing-kpi' && r.properties?.journey === 'hostile')!;
    expect(kpi.properties!.touchpoint).toBe(HOSTILE_TOUCHPOINT);
    expect(kpi.message.text).toContain(HOSTILE_TOUCHPOINT);
  });

  it('gives one result per finding, at its place, with its rule, level, journey and touchpoint', () => {
    const result = lint(writeRepo(FLAWED));
    const log = sarifOf(result);
    const { results, tool } = log.runs[0]!;
    expect(results.map((r) => [r.ruleId, r.level, r.locations[0]!.physicalLocation.region.startLine, r.locations[0]!.physicalLocation.region.startColumn])).toEqual([
      ['missing-kpi', 'note', 14, 5],
      ['unique-id', 'error', 14, 9],
      ['unknown-reference', 'error', 17, 12],
      ['missing-owner', 'error', 18, 5],
    ]);
    results.forEach((r, index) => {
      const finding = result.findings[index]!;
      expect(tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
      // The message, then (for a duplicate id) the links to its related places.
      expect(r.message.text.startsWith(finding.message)).toBe(true);
      expect(r.message.text === finding.message).toBe(finding.related.length === 0);
      expect(r.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: 'journeys/welcome.journey.yaml', uriBaseId: '%SRCROOT%' });
      expect(r.properties).toMatchObject({ journey: 'welcome', touchpoint: finding.touchpoint });
      expect(r.locations[0]!.logicalLocations).toEqual([{ name: finding.touchpoint, fullyQualifiedName: `welcome/${finding.touchpoint}`, kind: 'touchpoint' }]);
    });
    // The end of the node, where the finding has one.
    expect(results[2]!.locations[0]!.physicalLocation.region).toEqual({ startLine: 17, startColumn: 12, endLine: 17, endColumn: 23 });
    expect(results[3]!.locations[0]!.physicalLocation.region).toEqual({ startLine: 18, startColumn: 5 });
  });

  it('gives related locations, numbered, each with a message naming its journey and touchpoint', () => {
    const unique = sarifOf(lint(writeRepo(FLAWED))).runs[0]!.results.find((r) => r.ruleId === 'unique-id')!;
    expect(unique.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'journeys/welcome.journey.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 9, startColumn: 9 } },
        message: { text: 'Touchpoint "welcome-email" of journey "welcome"' },
      },
    ]);

    // A conflict between two journeys: the other place is in the other file.
    const story = lint(join(STORIES, 'insurer-unpaid-premium', 'broken'));
    const conflict = sarifOf(story).runs[0]!.results.find((r) => r.ruleId === 'conflicting-messages')!;
    const other = story.findings.find((f) => f.rule === 'conflicting-messages')!.related[0]!;
    expect(conflict.relatedLocations![0]).toEqual({
      id: 1,
      physicalLocation: { artifactLocation: { uri: 'journeys/premium-billing.journey.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: other.line, startColumn: other.column } },
      message: { text: `Touchpoint "${other.touchpoint}" of journey "${other.journey}"` },
    });

    // Contact pressure: a scenario's place, then every touchpoint involved; ids are distinct.
    const pressure = sarifOf(lint(join(STORIES, 'bank-new-customer', 'broken'))).runs[0]!.results.find((r) => r.ruleId === 'contact-pressure')!;
    const related = pressure.relatedLocations!;
    expect(related.map((r) => r.id)).toEqual(related.map((_, index) => index + 1));
    expect(related[0]!.message.text).toBe('The related place in journeys/scenarios/new-customer-first-card.scenario.yaml');
    expect(pressure.properties).toMatchObject({ scenario: 'new-customer-first-card' });
  });

  it('fingerprints each result by rule, journey, touchpoint and message: sha256, distinct, not by line', () => {
    const results = sarifOf(lint(writeRepo(FLAWED))).runs[0]!.results;
    const prints = results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]!);
    for (const print of prints) expect(print).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(prints).size).toBe(prints.length);

    // Two findings with the same rule, place and message (two owners with no name) still differ.
    const twins = writeRepo({
      'journeys/owners.yaml': 'owners:\n  - id: team-crm\n  - id: team-onboarding\n',
      'journeys/welcome.journey.yaml': cleanJourney(),
    });
    const twinPrints = sarifOf(lint(twins))
      .runs[0]!.results.filter((r) => r.ruleId === 'schema')
      .map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(twinPrints).toHaveLength(2);
    expect(new Set(twinPrints).size).toBe(2);
  });

  it('keeps fingerprints when lines are inserted above the findings', () => {
    const root = writeRepo(FLAWED);
    const before = sarifOf(lint(root)).runs[0]!.results;
    const file = join(root, 'journeys/welcome.journey.yaml');
    writeFileSync(file, `# A comment added above everything,\n# and a second line.\n${readFileSync(file, 'utf8')}`);
    const after = sarifOf(lint(root)).runs[0]!.results;
    expect(after.map((r) => r.locations[0]!.physicalLocation.region.startLine)).toEqual(before.map((r) => r.locations[0]!.physicalLocation.region.startLine + 2));
    expect(after.map((r) => r.partialFingerprints)).toEqual(before.map((r) => r.partialFingerprints));
  });

  it('keeps the fingerprint of a stale journey from one day to the next', () => {
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney().replace('reviewed: 2026-10-01', 'reviewed: 2025-01-15') });
    const stale = (today: string): SarifResult => sarifOf(lint(root, today)).runs[0]!.results.find((r) => r.ruleId === 'stale-journey')!;
    const monday = stale('2026-11-01');
    const tuesday = stale('2026-11-02');
    expect(tuesday.partialFingerprints).toEqual(monday.partialFingerprints);
  });

  it(`keeps at most ${MAX_SARIF_RESULTS.toLocaleString('en')} results, the most severe, and says how many were left out`, () => {
    const result = lint(writeRepo(FLAWED));
    const [info, error] = [result.findings.find((f) => f.severity === 'info')!, result.findings.find((f) => f.severity === 'error')!];
    // 10 infos first in the file, then 4,995 errors: the cut drops 5 infos, not errors.
    const many: Finding[] = [
      ...Array.from({ length: 10 }, (_, index) => ({ ...info, line: index + 1, message: `${info.message} (${index})` })),
      ...Array.from({ length: MAX_SARIF_RESULTS - 5 }, (_, index) => ({ ...error, line: 100 + index, message: `${error.message} (${index})` })),
    ];
    const log = toSarif(many, result);
    const run = log.runs[0]!;
    expect(run.results).toHaveLength(MAX_SARIF_RESULTS);
    expect(run.results.filter((r) => r.level === 'note')).toHaveLength(5);
    expect(run.results.filter((r) => r.level === 'error')).toHaveLength(MAX_SARIF_RESULTS - 5);
    // In the order of the findings, with the fingerprints they would have had uncut.
    expect(run.results[0]!.locations[0]!.physicalLocation.region.startLine).toBe(1);
    const uncut = toSarif(many.slice(0, 10), result).runs[0]!.results;
    expect(run.results.slice(0, 5).map((r) => r.partialFingerprints)).toEqual(uncut.slice(0, 5).map((r) => r.partialFingerprints));
    const notifications = run.invocations[0]!.toolExecutionNotifications;
    expect(notifications).toHaveLength(1);
    expect(notifications[0]!.level).toBe('warning');
    expect(notifications[0]!.message.text).toContain('5 of 5,005 findings were left out');

    expect(sarifOf(result).runs[0]!.invocations[0]!.toolExecutionNotifications).toEqual([]);
  });

  it('describes a rule that is not built in, such as a crashed rule reported as "internal"', () => {
    const result = lint(writeRepo(FLAWED));
    const internal: Finding = { rule: 'internal', severity: 'error', message: 'Rule "x" failed on this repository.', file: 'journeys/owners.yaml', line: 1, column: 1, related: [] };
    const run = toSarif([internal, ...result.findings], result).runs[0]!;
    const rule = run.tool.driver.rules[run.results[0]!.ruleIndex]!;
    expect(rule.id).toBe('internal');
    expect(run.tool.driver.rules).toHaveLength(builtInRules.length + 1);
  });

  it('is what `journeys lint --format sarif` prints', async () => {
    const root = writeRepo(FLAWED);
    const cli = await runJourneys(['lint', root, '--format', 'sarif', '--today', TODAY], root);
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(1);
    const log = JSON.parse(cli.stdout) as SarifLog;
    expect(validate(log)).toBe(true);
    expect(log.runs[0]!.results.map((r) => r.ruleId)).toEqual(['missing-kpi', 'unique-id', 'unknown-reference', 'missing-owner']);
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('journeys/welcome.journey.yaml');
  });
});

describe('sarif that code scanning can track', () => {
  it('gives paths from the top of the git repository when the journeys are in a subfolder, and stays valid', async () => {
    const repo = gitRepo(Object.fromEntries(Object.entries(FLAWED).map(([path, text]) => [`cx/${path}`, text])));
    const cli = await runJourneys(['lint', 'cx', '--format', 'sarif', '--today', TODAY], repo.root);
    expect(cli.status).toBe(1);
    const log = JSON.parse(cli.stdout) as SarifLog;
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const { results } = log.runs[0]!;
    expect(results).toHaveLength(4);
    for (const result of results) {
      // A file that exists in the repository code scanning reads: cx/journeys/..., not journeys/...
      expect(result.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: 'cx/journeys/welcome.journey.yaml', uriBaseId: '%SRCROOT%' });
      expect(existsSync(join(repo.root, result.locations[0]!.physicalLocation.artifactLocation.uri))).toBe(true);
      for (const place of result.relatedLocations ?? []) expect(place.physicalLocation.artifactLocation.uri).toBe('cx/journeys/welcome.journey.yaml');
    }
    // The fingerprints are the findings' identities, wherever the folder is.
    const inside = check(join(repo.root, 'cx'), { today: TODAY });
    expect(results.map((r) => r.partialFingerprints[FINGERPRINT_KEY])).toEqual(fingerprints(inside.findings, builtInRules));
    // JSON keeps paths from the journeys repository given.
    const json = await runJourneys(['lint', 'cx', '--format', 'json', '--today', TODAY], repo.root);
    expect((JSON.parse(json.stdout) as { findings: Finding[] }).findings[0]!.file).toBe('journeys/welcome.journey.yaml');
  });

  it('refers to each related location from the message text, as an embedded link to its id, for both halves of a conflict', () => {
    const story = lint(join(STORIES, 'insurer-unpaid-premium', 'broken'));
    const log = sarifOf(story);
    const conflicts = log.runs[0]!.results.filter((r) => r.ruleId === 'conflicting-messages');
    expect(conflicts.length).toBeGreaterThan(0);
    for (const conflict of conflicts) {
      const related = conflict.relatedLocations!;
      expect(related.length).toBeGreaterThan(0);
      for (const place of related) expect(conflict.message.text).toContain(`[${place.message.text}](${place.id})`);
    }
    const unique = sarifOf(lint(writeRepo(FLAWED))).runs[0]!.results.find((r) => r.ruleId === 'unique-id')!;
    expect(unique.message.text).toMatch(/ See also: \[Touchpoint "welcome-email" of journey "welcome"\]\(1\)\.$/);
  });

  it('escapes square brackets of the text, so that only the related places are links', () => {
    expect(sarifText('kpis: [open-rate] and \\[x]')).toBe('kpis: \\[open-rate\\] and \\\\\\[x\\]');
    // A touchpoint id with brackets: its related link's text is escaped, the link stays one link.
    const journey = FLAWED['journeys/welcome.journey.yaml']!.replace(/welcome-email/g, 'welcome[1]');
    const log = sarifOf(lint(writeRepo({ ...FLAWED, 'journeys/welcome.journey.yaml': journey })));
    const unique = log.runs[0]!.results.find((r) => r.ruleId === 'unique-id')!;
    expect(unique.message.text).toContain('See also: [Touchpoint "welcome\\[1\\]" of journey "welcome"](1).');
    expect(unique.message.text).toContain('the id "welcome\\[1\\]"');
  });

  it('names each rule distinctly from its id, in PascalCase', () => {
    const rules = sarifOf(lint(writeRepo(FLAWED))).runs[0]!.tool.driver.rules;
    for (const rule of rules) {
      expect(rule.name).not.toBe(rule.id);
      expect(rule.name.toLowerCase()).toBe(rule.id.replace(/[-_]/g, '').toLowerCase());
    }
    expect(rules.find((rule) => rule.id === 'version-not-bumped')!.name).toBe('VersionNotBumped');
    expect(new Set(rules.map((rule) => rule.name)).size).toBe(rules.length);
  });
});
