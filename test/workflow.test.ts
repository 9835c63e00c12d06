import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatters } from '../src/index.ts';

interface Step {
  readonly run?: string;
  readonly uses?: string;
  readonly if?: string;
  readonly id?: string;
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly jobs: Record<string, { readonly if?: string; readonly permissions?: Record<string, string>; readonly steps: readonly Step[] }>;
}

const workflow = parse(readFileSync(new URL('../.github/workflows/journeys.yml', import.meta.url), 'utf8')) as Workflow;
const commands = (job: string): string[] => workflow.jobs[job]!.steps.flatMap((step) => (step.run ? [step.run] : []));

describe('the GitHub workflow', () => {
  it('runs on pull requests and on pushes to main', () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['pull_request', 'push']));
  });

  it('reviews pull requests with annotations, SARIF and a diff comment, using formats the CLI has', () => {
    const run = commands('review').join('\n');
    for (const format of [...run.matchAll(/--format (\w+)/g)].map((m) => m[1]!)) expect(Object.keys(formatters)).toContain(format);
    expect(run).toContain('journeys lint --format github --base');
    expect(run).toContain('journeys diff --base');
    const uses = workflow.jobs.review!.steps.map((step) => step.uses ?? '');
    expect(uses.some((u) => u.startsWith('github/codeql-action/upload-sarif'))).toBe(true);
    expect(workflow.jobs.review!.permissions).toMatchObject({ 'pull-requests': 'write', 'security-events': 'write' });
  });

  it('keeps one comment up to date, found by the marker the diff writes', async () => {
    const { COMMENT_MARKER } = await import('../src/index.ts');
    const script = workflow.jobs.review!.steps.map((step) => JSON.stringify(step)).join('\n');
    expect(script).toContain(COMMENT_MARKER);
    expect(script).toContain('updateComment');
  });

  it('fails the review when the lint found errors, after every report is out', () => {
    const steps = workflow.jobs.review!.steps;
    const last = steps.at(-1)!;
    expect(last.if).toContain("steps.lint.outcome == 'failure'");
    expect(steps.find((step) => step.id === 'lint')).toMatchObject({ id: 'lint' });
  });

  it('publishes the site from main to GitHub Pages', () => {
    expect(commands('site').join('\n')).toContain('journeys build --out dist');
    expect(workflow.jobs.site!.steps.map((step) => step.uses ?? '').some((u) => u.startsWith('actions/deploy-pages'))).toBe(true);
  });
});
