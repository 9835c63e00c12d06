/**
 * `journeys lint --format junit`: well-formed JUnit XML that Jenkins and GitLab read, one
 * suite per rule and one test per finding, errors and warnings as failures, hostile text
 * escaped, test names that do not move with lines, and paths from the top of the git
 * repository when the journeys are in a subfolder.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInRules, type Finding } from '../src/index.ts';
import { junit } from '../src/format/junit.ts';
import { runJourneys } from './helpers/cli.ts';
import { gitRepo } from './helpers/git.ts';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';
import { FLAWED, FLAWED_JOURNEY, HOSTILE, HOSTILE_FILE, HOSTILE_TOUCHPOINT, ownerless } from './fixtures/format/repos.ts';

/** The part of sax (a strict, streaming XML parser) the tests use. */
interface SaxParser {
  onerror: (error: Error) => void;
  onopentag: (node: { name: string; attributes: Record<string, string> }) => void;
  onclosetag: () => void;
  ontext: (text: string) => void;
  write(text: string): SaxParser;
  close(): void;
}
const sax = createRequire(import.meta.url)('sax') as { parser(strict: boolean, options: object): SaxParser };

interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

/** Every character XML 1.0 allows (its `Char` production); anything else makes the file unreadable. */
const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

/** Parses XML strictly (a parse error fails the test) into a tree of elements, entities decoded. */
function parseXml(text: string): XmlElement {
  expect(text, 'only characters XML 1.0 allows').toMatch(XML_CHAR);
  const top: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [top];
  const parser = sax.parser(true, {});
  parser.onerror = (error) => {
    throw error;
  };
  parser.onopentag = (node) => {
    const element: XmlElement = { name: node.name, attributes: node.attributes, children: [], text: '' };
    stack.at(-1)!.children.push(element);
    stack.push(element);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  parser.ontext = (chunk) => {
    stack.at(-1)!.text += chunk;
  };
  parser.write(text).close();
  expect(top.children).toHaveLength(1);
  return top.children[0]!;
}

const childrenNamed = (element: XmlElement, name: string): XmlElement[] => element.children.filter((child) => child.name === name);

interface Report {
  readonly root: XmlElement;
  readonly suites: XmlElement[];
  readonly cases: XmlElement[];
}

/** Runs the real command with --format junit and parses what it prints. */
async function junitOf(cwd: string, ...args: string[]): Promise<Report & { status: number | null; stdout: string }> {
  const result = await runJourneys(['lint', '--today', TODAY, '--format', 'junit', ...args], cwd);
  expect(result.stderr).toBe('');
  const root = parseXml(result.stdout);
  expect(root.name).toBe('testsuites');
  const suites = childrenNamed(root, 'testsuite');
  return { root, suites, cases: suites.flatMap((suite) => childrenNamed(suite, 'testcase')), status: result.status, stdout: result.stdout };
}

async function jsonFindings(cwd: string, ...args: string[]): Promise<Finding[]> {
  const result = await runJourneys(['lint', '--today', TODAY, '--format', 'json', ...args], cwd);
  return (JSON.parse(result.stdout) as { findings: Finding[] }).findings;
}

describe('junit', () => {
  it('has one suite per rule and one test per finding: errors and warnings fail, infos pass with their message, totals add up', async () => {
    const root = writeRepo(FLAWED);
    const report = await junitOf(root, '--today', '2027-12-01');
    const findings = await jsonFindings(root, '--today', '2027-12-01');
    expect(report.status).toBe(1);
    expect(findings.map((finding) => finding.severity).sort()).toEqual(['error', 'error', 'error', 'info', 'warning']);

    // Every rule is a suite named journeys.<rule>, each test of it in the class of the same name.
    expect(report.suites.map((suite) => suite.attributes.name)).toEqual(builtInRules.map((rule) => `journeys.${rule.meta.id}`));
    for (const suite of report.suites) {
      const cases = childrenNamed(suite, 'testcase');
      for (const test of cases) expect(test.attributes.classname).toBe(suite.attributes.name);
      expect(Number(suite.attributes.tests)).toBe(cases.length);
      expect(Number(suite.attributes.failures)).toBe(cases.filter((test) => childrenNamed(test, 'failure').length > 0).length);
      expect(suite.attributes.errors).toBe('0');
    }
    expect(Number(report.root.attributes.tests)).toBe(report.cases.length);
    expect(Number(report.root.attributes.failures)).toBe(4);

    for (const finding of findings) {
      const suite = report.suites.find((candidate) => candidate.attributes.name === `journeys.${finding.rule}`)!;
      const test = childrenNamed(suite, 'testcase').find((candidate) => candidate.attributes.line === String(finding.line))!;
      expect(test.attributes.file).toBe(finding.file);
      const [failure] = childrenNamed(test, 'failure');
      if (finding.severity === 'info') {
        expect(failure).toBeUndefined();
        expect(childrenNamed(test, 'system-out')[0]!.text).toBe(`info: ${finding.message}\nat ${finding.file}:${finding.line}:${finding.column}`);
      } else {
        expect(failure!.attributes).toEqual({ type: finding.severity, message: finding.message });
        expect(failure!.text).toBe(
          `${finding.severity}: ${finding.message}\nat ${finding.file}:${finding.line}:${finding.column}\nrule: ${finding.rule} (more: journeys explain ${finding.rule})`,
        );
      }
    }
    // A rule without a finding is one passing test.
    const clean = report.suites.find((suite) => suite.attributes.name === 'journeys.empty-stage')!;
    expect(clean.children).toEqual([{ name: 'testcase', attributes: { classname: 'journeys.empty-stage', name: 'no finding', time: '0' }, children: [], text: '' }]);
  });

  it('names a test by what the finding is about, never its line, and numbers names that repeat', async () => {
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/ownerless.journey.yaml': ownerless(2), 'journeys/welcome.journey.yaml': FLAWED_JOURNEY });
    const names = (report: Report): string[] => report.cases.filter((test) => test.attributes.file !== undefined).map((test) => `${test.attributes.classname} ${test.attributes.name}`);
    const before = await junitOf(root);
    expect(names(before)).toEqual(
      expect.arrayContaining([
        'journeys.missing-owner ownerless / step-1',
        'journeys.missing-owner ownerless / step-2',
        'journeys.missing-owner welcome / reminder',
        'journeys.unique-id welcome / welcome-email',
        'journeys.unknown-reference welcome / welcome-email',
      ]),
    );
    expect(new Set(names(before)).size).toBe(names(before).length);

    // Lines moved: the same tests, at other lines.
    const moved = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/ownerless.journey.yaml': `# moved\n\n${ownerless(2)}`,
      'journeys/welcome.journey.yaml': `# moved\n${FLAWED_JOURNEY}`,
    });
    const after = await junitOf(moved);
    expect(names(after)).toEqual(names(before));
    expect(after.cases.map((test) => test.attributes.line)).not.toEqual(before.cases.map((test) => test.attributes.line));

    const twice = junit(
      [1, 2].map((line) => ({ rule: 'missing-owner', severity: 'error' as const, message: 'm', file: 'journeys/a.journey.yaml', line, column: 1, journey: 'a', touchpoint: 't', related: [] })),
      { files: 1, journeys: 1, touchpoints: 1, errors: 2, warnings: 0, infos: 0, ignored: 0, skipped: 0 },
      { rules: [] },
    );
    expect(childrenNamed(childrenNamed(parseXml(twice), 'testsuite')[0]!, 'testcase').map((test) => test.attributes.name)).toEqual(['a / t', 'a / t (2)']);
  });

  it('prints the same report on every run, and passing tests for a clean repository', async () => {
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney() });
    const first = await junitOf(root);
    expect(first.status).toBe(0);
    expect((await junitOf(root)).stdout).toBe(first.stdout);
    expect(first.root.attributes).toMatchObject({ tests: String(builtInRules.length), failures: '0' });
  });

  it('escapes hostile text from the repository: a file name, a touchpoint id with CR LF and <script>, an owner', async () => {
    const report = await junitOf(writeRepo(HOSTILE));
    expect(report.stdout).not.toContain('<script>');
    expect(report.stdout).not.toContain('\r');
    const hostile = report.cases.filter((test) => test.attributes.file !== undefined);
    expect(hostile.length).toBeGreaterThan(0);
    for (const test of hostile) expect(test.attributes.file).toBe(HOSTILE_FILE);
    // The touchpoint id reads back as written, its line break as a visible escape.
    const visible = HOSTILE_TOUCHPOINT.replace('\r\n', '\\r\\n');
    expect(hostile.map((test) => test.attributes.name)).toContain(`hostile / ${visible}`);
    const failures = hostile.flatMap((test) => childrenNamed(test, 'failure'));
    expect(failures.some((failure) => failure.attributes.message!.includes('"50%,off: @everyone"'))).toBe(true);
  });

  it('writes the characters XML cannot hold (controls, lone surrogates, U+FFFE) as visible escapes, and quotes, <, & and ]]> as entities', () => {
    const message = 'a&b <c> "d" \'e\' ]]> \u0000\u0008\u001b[31m \ud800 x\udc00 \ufffe\uffff \u{1F600} done';
    const text = junit(
      [{ rule: 'missing-owner', severity: 'warning', message, file: 'journeys/"<&>\'.journey.yaml', line: 3, column: 1, journey: 'j]]>', related: [] }],
      { files: 1, journeys: 1, touchpoints: 0, errors: 0, warnings: 1, infos: 0, ignored: 0, skipped: 0 },
      { rules: [], pathPrefix: 'c&x' },
    );
    const test = childrenNamed(childrenNamed(parseXml(text), 'testsuite')[0]!, 'testcase')[0]!;
    const shown = 'a&b <c> "d" \'e\' ]]> \\u0000\\u0008\\u001b[31m \\ud800 x\\udc00 \\ufffe\\uffff \u{1F600} done';
    expect(childrenNamed(test, 'failure')[0]!.attributes.message).toBe(shown);
    expect(test.attributes).toMatchObject({ name: 'j]]>', file: 'c&x/journeys/"<&>\'.journey.yaml' });
    expect(text).not.toContain(']]>');
  });

  it('gives paths from the top of the git repository when the journeys are in a subfolder, run from the top or from inside', async () => {
    const repo = gitRepo({ 'cx/journeys/owners.yaml': OWNERS, 'cx/journeys/welcome.journey.yaml': FLAWED_JOURNEY, 'README.md': 'x\n' });
    for (const [cwd, args] of [
      [repo.root, ['cx']],
      [join(repo.root, 'cx'), []],
      [join(repo.root, 'cx', 'journeys'), []],
    ] as const) {
      const report = await junitOf(cwd, ...args);
      const files = report.cases.flatMap((test) => (test.attributes.file !== undefined ? [test.attributes.file] : []));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) expect(file).toBe('cx/journeys/welcome.journey.yaml');
      expect(report.stdout).toContain('at cx/journeys/welcome.journey.yaml:18:5');
    }
  });
});
