/**
 * Edit in place: each touchpoint links to its `- id:` line in the forge's web editor,
 * GitHub's or GitLab's form found from the url's host, or the configured `edit-url`;
 * none for an unknown forge; a bad template is a configuration error at its line.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildModel, check, editUrlTemplate, fillEditUrl, simulate } from '../src/index.ts';
import { config as validateConfig } from '../src/load/schema-validators.js';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

const SECOND = ['  - id: reminder-sms', '    stage: start', '    channel: sms', '    owner: team-crm', ''].join('\n');

function modelOf(config: string, files: Record<string, string> = {}) {
  const root = writeRepo({
    'journeys/owners.yaml': OWNERS,
    'journeys/welcome.journey.yaml': cleanJourney('welcome', SECOND),
    'journeys.config.yaml': config,
    ...files,
  });
  const result = check(root, { today: TODAY });
  return { result, model: buildModel({ result, timelines: simulate(result.repo), markdown: (text) => text, tool: 'test' }) };
}

describe('edit links', () => {
  it("link each touchpoint to its line in GitHub's editor, on the configured branch", () => {
    const { model } = modelOf('repository: { url: "https://github.com/acme/journeys", branch: release/2026 }\n');
    const [welcome, reminder] = model.journeys[0]!.touchpoints;
    expect(welcome!.editUrl).toBe('https://github.com/acme/journeys/edit/release/2026/journeys/welcome.journey.yaml#L9');
    expect(reminder!.editUrl).toBe('https://github.com/acme/journeys/edit/release/2026/journeys/welcome.journey.yaml#L15');
  });

  it("use GitLab's form on a gitlab host, and main without a branch", () => {
    const { model } = modelOf('repository: { url: "https://gitlab.acme.example/cx/journeys" }\n');
    expect(model.journeys[0]!.touchpoints[0]!.editUrl).toBe('https://gitlab.acme.example/cx/journeys/-/edit/main/journeys/welcome.journey.yaml#L9');
  });

  it('follow the configured edit-url, with the path encoded, and point into a Markdown journey', () => {
    const markdown = ['---', 'journey: notes', 'owner: team-crm', 'stages: [{ id: start }]', 'touchpoints:', '  - id: hello', '    stage: start', '    channel: email', '---', 'Body.', ''].join('\n');
    const { model, result } = modelOf('repository:\n  url: https://forge.example/acme\n  edit-url: "{url}/_edit/{branch}/{path}?line={line}"\n', { 'journeys/a b/notes.journey.md': markdown });
    expect(result.configErrors).toEqual([]);
    const notes = model.journeys.find((journey) => journey.id === 'notes')!;
    expect(notes.touchpoints[0]!.editUrl).toBe('https://forge.example/acme/_edit/main/journeys/a%20b/notes.journey.md?line=6');
  });

  it('are left out for a forge that is not known and has no edit-url, and without a repository', () => {
    expect(modelOf('repository: { url: "https://git.example/acme" }\n').model.journeys[0]!.touchpoints[0]!.editUrl).toBeUndefined();
    expect(modelOf('timezone: UTC\n').model.journeys[0]!.touchpoints[0]!.editUrl).toBeUndefined();
  });

  it('take the forge from a label of the host, not from any text in the url', () => {
    expect(editUrlTemplate({ url: 'https://github.com/acme/j' })).toBe('{url}/edit/{branch}/{path}#L{line}');
    expect(editUrlTemplate({ url: 'https://code.example/github/j' })).toBeUndefined();
    expect(editUrlTemplate({ url: 'https://notgithub.example/j' })).toBeUndefined();
    expect(fillEditUrl('{url}/e/{branch}/{path}#L{line}', { url: 'https://x.example', branch: 'a#b', path: 'j/é?.yaml', line: 3 })).toBe('https://x.example/e/a%23b/j/%C3%A9%3F.yaml#L3');
  });

  it.each([
    ['no {path}', '{url}/edit/{branch}#L{line}'],
    ['an unknown placeholder', '{url}/edit/{ref}/{path}'],
    ['not a web address', 'javascript:alert(1)//{path}'],
    ['a number', 42],
  ])('refuse an edit-url with %s, at its line, in the loader and the JSON Schema', (_name, value) => {
    const config = `repository:\n  url: https://github.com/acme/journeys\n  edit-url: ${JSON.stringify(value)}\n`;
    const { result } = modelOf(config);
    expect(result.configErrors.map((error) => [error.line, error.message.slice(0, 30)])).toEqual([[3, 'repository.edit-url is a web a']]);
    expect(result.repo.config.repository).toBeUndefined();
    expect(validateConfig(parse(config))).toBe(false);
  });

  it('accept a good edit-url in the JSON Schema too', () => {
    expect(validateConfig(parse('repository: { url: "https://a.example/b", edit-url: "{url}/-/edit/{branch}/{path}#L{line}" }\n'))).toBe(true);
  });
});
