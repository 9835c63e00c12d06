/**
 * `journeys lint --format gitlab`: a GitLab Code Quality report with the fields GitLab
 * requires, severities GitLab knows, paths from the top of the git repository, and
 * fingerprints that are unique per finding and do not change with lines or runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatters, type Finding } from '../src/index.ts';
import { runJourneys } from './helpers/cli.ts';
import { gitRepo } from './helpers/git.ts';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';
import { FLAWED, FLAWED_JOURNEY, HOSTILE, HOSTILE_FILE, ownerless } from './fixtures/format/repos.ts';

interface Issue {
  readonly description: string;
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: string;
  readonly location: { readonly path: string; readonly lines: { readonly begin: number; readonly end?: number } };
}

/** The severities GitLab's Code Quality report accepts. */
const SEVERITIES = ['info', 'minor', 'major', 'critical', 'blocker'];

/** Checks one issue against the fields GitLab documents as required, with their types. */
function expectCodeQualityIssue(issue: Record<string, unknown>): void {
  expect(typeof issue.description).toBe('string');
  expect(issue.description).not.toBe('');
  expect(typeof issue.check_name).toBe('string');
  expect(issue.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  expect(SEVERITIES).toContain(issue.severity);
  const location = issue.location as Issue['location'];
  expect(typeof location.path).toBe('string');
  expect(location.path).not.toMatch(/^\/|^\.\//);
  expect(Number.isInteger(location.lines.begin) && location.lines.begin >= 1).toBe(true);
}

async function gitlabOf(cwd: string, ...args: string[]): Promise<{ issues: Issue[]; status: number | null; stdout: string }> {
  const result = await runJourneys(['lint', '--today', TODAY, '--format', 'gitlab', ...args], cwd);
  expect(result.stderr).toBe('');
  const issues = JSON.parse(result.stdout) as Issue[];
  expect(Array.isArray(issues)).toBe(true);
  for (const issue of issues) expectCodeQualityIssue(issue as unknown as Record<string, unknown>);
  return { issues, status: result.status, stdout: result.stdout };
}

async function jsonFindings(cwd: string, ...args: string[]): Promise<Finding[]> {
  const result = await runJourneys(['lint', '--today', TODAY, '--format', 'json', ...args], cwd);
  return (JSON.parse(result.stdout) as { findings: Finding[] }).findings;
}

const fingerprintsBy = (issues: readonly Issue[]): Map<string, string> =>
  new Map(issues.map((issue) => [`${issue.check_name} ${issue.description}`, issue.fingerprint]));

describe('gitlab', () => {
  it('reports every finding with its message, rule, severity and place', async () => {
    const root = writeRepo(FLAWED);
    const { issues, status } = await gitlabOf(root, '--today', '2027-12-01');
    const findings = await jsonFindings(root, '--today', '2027-12-01');
    expect(status).toBe(1);
    expect(findings.map((finding) => finding.severity).sort()).toEqual(['error', 'error', 'error', 'info', 'warning']);
    const severity = { error: 'major', warning: 'minor', info: 'info' } as const;
    expect(issues).toEqual(
      findings.map((finding) => ({
        type: 'issue',
        description: finding.message,
        check_name: finding.rule,
        fingerprint: expect.any(String) as string,
        severity: severity[finding.severity],
        location: { path: finding.file, lines: finding.endLine !== undefined ? { begin: finding.line, end: finding.endLine } : { begin: finding.line } },
      })),
    );
  });

  it('gives each finding its own fingerprint, the same on every run and after lines moved', async () => {
    const files = { 'journeys/owners.yaml': OWNERS, 'journeys/ownerless.journey.yaml': ownerless(3), 'journeys/welcome.journey.yaml': FLAWED_JOURNEY };
    const root = writeRepo(files);
    const first = await gitlabOf(root);
    expect(first.issues.length).toBeGreaterThan(5);
    expect(new Set(first.issues.map((issue) => issue.fingerprint)).size).toBe(first.issues.length);
    expect((await gitlabOf(root)).stdout).toBe(first.stdout);

    const moved = await gitlabOf(
      writeRepo({ ...files, 'journeys/ownerless.journey.yaml': `# moved\n\n\n${ownerless(3)}`, 'journeys/welcome.journey.yaml': `# moved\n${FLAWED_JOURNEY}` }),
    );
    expect(moved.issues.map((issue) => issue.location.lines.begin)).not.toEqual(first.issues.map((issue) => issue.location.lines.begin));
    expect(fingerprintsBy(moved.issues)).toEqual(fingerprintsBy(first.issues));
  });

  it('keeps hostile text as it is in its JSON strings', async () => {
    const root = writeRepo(HOSTILE);
    const { issues, stdout } = await gitlabOf(root);
    const findings = await jsonFindings(root);
    expect(issues.map((issue) => issue.description)).toEqual(findings.map((finding) => finding.message));
    for (const issue of issues) expect(issue.location.path).toBe(HOSTILE_FILE);
    expect(stdout).not.toContain('\r');
  });

  it('gives paths from the top of the git repository when the journeys are in a subfolder, with fingerprints of their own', async () => {
    const journeys = { 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': FLAWED_JOURNEY };
    const repo = gitRepo({ ...Object.fromEntries(Object.entries(journeys).map(([path, text]) => [`cx/${path}`, text])), 'README.md': 'x\n' });
    const fromTop = await gitlabOf(repo.root, 'cx');
    const fromInside = await gitlabOf(join(repo.root, 'cx'));
    expect(fromInside.stdout).toBe(fromTop.stdout);
    expect(fromTop.issues.length).toBeGreaterThan(0);
    for (const issue of fromTop.issues) expect(issue.location.path).toBe('cx/journeys/welcome.journey.yaml');

    // The same journeys at the top of a repository: the same findings, under other paths and fingerprints.
    const atTop = await gitlabOf(gitRepo(journeys).root);
    expect(atTop.issues.map((issue) => issue.location.path)).toEqual(fromTop.issues.map(() => 'journeys/welcome.journey.yaml'));
    const prints = new Set(atTop.issues.map((issue) => issue.fingerprint));
    for (const issue of fromTop.issues) expect(prints.has(issue.fingerprint)).toBe(false);
  });

  it('prints an empty report for a repository without findings', async () => {
    const { issues, status } = await gitlabOf(writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney() }));
    expect(issues).toEqual([]);
    expect(status).toBe(0);
  });
});

describe('the GitLab CI template', () => {
  interface Job {
    readonly script: readonly string[];
    readonly rules: readonly { readonly if: string }[];
    readonly artifacts: { readonly when: string; readonly reports: Record<string, string> };
  }
  const job = (parseYaml(readFileSync(new URL('../templates/gitlab/.gitlab-ci.yml', import.meta.url), 'utf8')) as Record<string, Job>).journeys!;

  it('writes the codequality and junit reports it declares, with formats the command has, even when the lint fails', () => {
    const written = new Map<string, string>();
    for (const line of job.script) {
      const match = /journeys lint --format (\w+) > "\$CI_PROJECT_DIR\/([^"]+)" \|\| true$/.exec(line);
      if (match) written.set(match[1]!, match[2]!);
    }
    expect(Object.keys(formatters)).toEqual(expect.arrayContaining([...written.keys()]));
    expect(job.artifacts).toEqual({ when: 'always', reports: { codequality: written.get('gitlab'), junit: written.get('junit') } });
    // The last command decides the job: a plain lint, whose status is the findings'.
    expect(job.script.at(-1)).toBe('npx journeys lint');
  });

  it('runs on merge requests and on the default branch, whose report merge requests are compared with', () => {
    expect(job.rules.map((rule) => rule.if)).toEqual(['$CI_PIPELINE_SOURCE == "merge_request_event"', '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH']);
  });
});
