/**
 * Everything journeys prints goes to a terminal or a CI log, where some characters are
 * commands: ESC sequences clear the screen or write the clipboard, a carriage return or
 * a line separator starts a line, bidirectional overrides reorder text, and GitHub's
 * runner reads `::command::` at the start of a line and `##[command]` anywhere. Values
 * from a hostile repository and command line go through every command and format; none
 * of these characters comes out raw, and the only workflow commands are the github
 * formatter's annotations.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeValue, jsonText, terminalText } from '../src/format/sanitize.ts';
import { runJourneys, type CliResult } from './helpers/cli.ts';
import { gitRepo } from './helpers/git.ts';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

/** Text that attacks a terminal and a CI log at once. */
const HOSTILE =
  'x\u001b[2J\u001b]52;c;aGFja2Vk\u0007\u009b31m\u0085\u007f\u202e\u2066\u2028\r\n::error file=README.md,line=1::Injected ##[warning]legacy';

/** C0 controls but line feed and tab, DEL, C1 controls, line and paragraph separators, bidirectional overrides and isolates. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** The colours journeys writes on a terminal. */
// eslint-disable-next-line no-control-regex
const COLOURS = /\u001b\[(?:[124]|2[24]|3[0-9]|9[0-7])m/g;

/** The github formatter's annotations: the one kind of line that may start a workflow command. */
const ANNOTATION =
  /^::(?:error|warning|notice) file=journeys\/[^,]*,line=\d+,col=\d+(?:,endLine=\d+,endColumn=\d+)?,title=journeys\([a-z-]+\)::|^::group::journeys: [\d,]+ more findings? not shown as annotations \([^)]*\)$|^::endgroup::$/;

/** A YAML double-quoted scalar holding any text: every character outside printable ASCII as an escape. */
const yamlString = (text: string): string =>
  `"${text.replace(/[\\"]/g, '\\$&').replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;

/** Problems of one output: a forbidden character, a workflow command that is not an annotation, a legacy command. */
function problems(text: string, annotations: boolean): string[] {
  const found: string[] = [];
  const forbidden = FORBIDDEN.exec(text);
  if (forbidden) found.push(`U+${forbidden[0].codePointAt(0)!.toString(16).padStart(4, '0')} near ${JSON.stringify(text.slice(Math.max(0, forbidden.index - 40), forbidden.index + 10))}`);
  for (const line of text.split('\n')) {
    if (line.trimStart().startsWith('::') && !(annotations && ANNOTATION.test(line))) found.push(`workflow command: ${line.slice(0, 120)}`);
  }
  if (text.includes('##[')) found.push('legacy workflow command ##[');
  return found;
}

function expectClean(result: CliResult, annotations = false): void {
  expect(problems(result.stdout, annotations)).toEqual([]);
  expect(problems(result.stderr, false)).toEqual([]);
  expect(result.stderr).not.toMatch(/internal error|This is a bug/);
}

const HOSTILE_FILE = `journeys/\u001b[2J\n::error file=README.md,line=1::file.journey.yaml`;

/** A repository whose ids, owner, events and a file name hold the hostile text. */
function hostileFiles(): Record<string, string> {
  const value = yamlString(HOSTILE);
  return {
    'journeys/owners.yaml': OWNERS,
    'journeys/welcome.journey.yaml': [
      `journey: ${value}`,
      'version: 1',
      `title: ${value}`,
      `owner: ${value}`,
      'reviewed: 2026-10-01',
      'stages:',
      '  - id: start',
      'touchpoints:',
      `  - id: ${value}`,
      '    stage: start',
      '    channel: sms',
      '    owner: team-crm',
      '    trigger: account.opened',
      '    after: 22h',
      '',
    ].join('\n'),
    [HOSTILE_FILE]: 'journey: [\n',
    'journeys/scenarios/story.scenario.yaml': [`scenario: ${value}`, 'events:', `  - { at: 0d, event: account.opened }`, `  - { at: 1d, event: ${value} }`, ''].join('\n'),
    'journeys.config.yaml': 'policy:\n  quiet-hours: { from: "21:00", to: "08:00" }\n',
  };
}

describe('the sanitizer', () => {
  it('writes every unsafe character of a value as a visible escape, line feeds included', () => {
    expect(escapeValue('a\u001b[2Jb\nc\td\r\u202e\u0085\u007f')).toBe('a\\u001b[2Jb\\nc\\td\\r\\u202e\\u0085\\u007f');
    expect(escapeValue('##[error]x')).toBe('#\\u0023[error]x');
    expect(escapeValue('plain text, é, 12 €')).toBe('plain text, é, 12 €');
  });

  it('keeps the lines of an output and neutralises a workflow command at the start of any of them', () => {
    expect(terminalText('one\n  ::error::x\n::warning file=a::y\nthree\u001b[2J\n')).toBe('one\n  \\::error::x\n\\::warning file=a::y\nthree\\u001b[2J\n');
    expect(terminalText('::error file=journeys/a.yaml,line=1::m\n::group::x\n', { workflowCommands: true })).toBe('::error file=journeys/a.yaml,line=1::m\n\\::group::x\n');
    // The github formatter's own group of what GitHub does not show, and nothing else like it.
    expect(terminalText('::group::journeys: 2 more findings\n  a\n::endgroup::\n::endgroup::x\n', { workflowCommands: true })).toBe(
      '::group::journeys: 2 more findings\n  a\n::endgroup::\n\\::endgroup::x\n',
    );
    const once = terminalText(`${HOSTILE}\n::x`);
    expect(terminalText(once)).toBe(once);
  });

  it('escapes JSON text without changing a value it holds', () => {
    const value = { text: HOSTILE, list: ['##[', '\u2028'] };
    const text = jsonText(value);
    expect(problems(text, false)).toEqual([]);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('every command and format, on a hostile repository', () => {
  const root = writeRepo(hostileFiles());

  it.each(['stylish', 'json', 'sarif', 'github', 'markdown'])('lint --format %s prints no control character and no workflow command but its annotations', async (format) => {
    const result = await runJourneys(['lint', '--today', TODAY, '--format', format], root);
    expect(result.status).toBe(1);
    expectClean(result, format === 'github');
    if (format === 'json' || format === 'sarif') {
      // JSON escapes losslessly: the values read back are the ones in the files.
      expect(result.stdout).toContain('\\u001b[2J');
      expect(JSON.stringify(JSON.parse(result.stdout))).toContain(JSON.stringify(HOSTILE).slice(1, -1));
    } else {
      // Markdown escapes the backslash and the bracket as well.
      expect(result.stdout).toContain(format === 'markdown' ? '\\\\u001b\\[2J' : '\\u001b[2J');
    }
    if (format === 'github') {
      const lines = result.stdout.split('\n').filter((line) => line.startsWith('::'));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line).toMatch(ANNOTATION);
    }
  });

  it('lint in colour writes its own colours and escapes the ones a value holds', async () => {
    const result = await runJourneys(['lint', '--today', TODAY], root, { FORCE_COLOR: '1' });
    expect(result.stdout).toContain('\u001b[31m');
    expect(result.stdout).toContain('\\u001b[2J');
    // What is left once journeys' own colours are taken out holds no control character.
    expectClean({ ...result, stdout: result.stdout.replace(COLOURS, '') });
  });

  it.each([
    [['simulate', '--today', TODAY]],
    [['simulate', '--today', TODAY, '--format', 'json']],
    [['score', '.', '--today', TODAY]],
    [['score', '.', '--today', TODAY, '--format', 'json']],
    [['score', '.', '--today', TODAY, '--format', 'markdown']],
    [['score', '.', '--today', TODAY, '--by', 'team']],
  ])('%j prints no control character and no workflow command', async (argv) => {
    const result = await runJourneys(argv, root);
    expect([0, 1]).toContain(result.status);
    expectClean(result);
  });

  it('diff, as markdown and json, prints no control character and no workflow command', async () => {
    const repo = gitRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': 'journey: welcome\nversion: 1\ntitle: W\nowner: team-crm\nstages: [{ id: start }]\ntouchpoints: []\n' });
    repo.write(hostileFiles());
    repo.commit('Hostile values');
    for (const format of ['markdown', 'json']) {
      const result = await runJourneys(['diff', '--base', 'HEAD~1', '--today', TODAY, '--format', format], repo.root);
      expect(result.status).toBe(0);
      expectClean(result);
    }
  });
});

describe('messages that echo the command line or the configuration', () => {
  it.each([
    [['lint', '--format', HOSTILE]],
    [['lint', HOSTILE]],
    [['lint', '--today', HOSTILE]],
    [[HOSTILE]],
    [['explain', HOSTILE]],
    [['simulate', HOSTILE]],
    [['diff', '--base', HOSTILE]],
    [['new', 'welcome', '--title', HOSTILE]],
    [['new', 'welcome', '--owner', HOSTILE]],
  ])('%j: a usage error on stderr, escaped', async (argv) => {
    const root = gitRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney() }).root;
    const result = await runJourneys(argv, root);
    expect(result.status).toBe(2);
    expectClean(result);
    expect(result.stderr).toContain('\\u001b[2J');
  });

  it('a configuration error quoting a rule key, with --format github (the CI workflow\'s own command)', async () => {
    const root = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/welcome.journey.yaml': 'journey: welcome\nversion: 1\ntitle: W\nowner: team-crm\nstages: [{ id: start }]\ntouchpoints: []\n',
      'journeys.config.yaml': `rules:\n  ${yamlString(HOSTILE)}: off\n  ${yamlString('\n::error file=README.md,line=1::Injected')}: off\n`,
    });
    mkdirSync(join(root, 'journeys/scenarios'), { recursive: true });
    const result = await runJourneys(['lint', '--today', TODAY, '--format', 'github'], root);
    expect(result.status).toBe(2);
    expectClean(result);
    expect(result.stderr).toMatch(/^journeys\.config\.yaml:3:\d+: Unknown rule "\\n::error file=README\.md,line=1::Injected"/m);
  });
});
