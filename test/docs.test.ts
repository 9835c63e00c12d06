/**
 * The documentation that ships with the package (README.md and docs/) is held to the
 * code: the rule reference is what `npm run docs` writes, every relative link leads to
 * a file of the repository, the format page names every field of the schemas and reads
 * durations as the parser does, its worked example prints the timeline it shows, and the
 * CI page holds the workflow as it is. Nothing in the repository refers to a folder
 * outside it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Heading, Nodes, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { builtInRules } from '../src/index.ts';
import { BUILT_IN_CHANNELS } from '../src/model/channels.ts';
import { parseDuration, parseTimeOfDay } from '../src/model/duration.ts';
import { RULES_DOC, renderRulesDoc, withRuleParts } from '../scripts/rules-doc.ts';
import { runJourneys } from './helpers/cli.ts';
import { writeRepo } from './helpers/repo.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
const format = read('docs/format.md');

function parseMarkdown(text: string): Root {
  return unified().use(remarkParse).parse(text);
}

function* nodes(node: Nodes): Generator<Nodes> {
  yield node;
  if ('children' in node) for (const child of node.children) yield* nodes(child as Nodes);
}

function textOf(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  return 'children' in node ? node.children.map((child) => textOf(child as Nodes)).join('') : '';
}

const anchorsOf = new Map<string, Set<string>>();

/** The anchors GitHub gives a page's headings: lowercase, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchors(file: string): Set<string> {
  const known = anchorsOf.get(file);
  if (known) return known;
  const text = readFileSync(file, 'utf8');
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const node of nodes(parseMarkdown(text))) {
    if (node.type !== 'heading') continue;
    const slug = textOf(node as Heading).trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  anchorsOf.set(file, result);
  return result;
}

/** The link and image targets of a Markdown page, code excluded. */
function targets(text: string): string[] {
  const found: string[] = [];
  for (const node of nodes(parseMarkdown(text))) {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') found.push(node.url);
  }
  return found;
}

/** The text of the fenced code blocks of a part of a page, in order. */
function codeBlocks(text: string): { lang: string; value: string }[] {
  const blocks: { lang: string; value: string }[] = [];
  for (const node of nodes(parseMarkdown(text))) if (node.type === 'code') blocks.push({ lang: node.lang ?? '', value: node.value });
  return blocks;
}

/** The part of a page from a heading to the next heading of the same level or above (a `#` line in a code block is none). */
function section(text: string, heading: string): string {
  const level = /^#+/.exec(heading)![0].length;
  const lines = text.split('\n');
  const start = lines.indexOf(heading);
  expect(start, `the page has a section "${heading}"`).toBeGreaterThan(-1);
  let fence: string | undefined;
  let end = lines.length;
  for (let index = start + 1; index < lines.length; index += 1) {
    const line = lines[index]!;
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined && marker) fence = marker;
    else if (fence !== undefined && marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
    else if (fence === undefined && new RegExp(`^#{1,${level}} `).test(line)) {
      end = index;
      break;
    }
  }
  return lines.slice(start + 1, end).join('\n');
}

/** The rows of the first table after `header` in `text`, as lists of cells. */
function tableAfter(text: string, header: string): string[][] {
  const start = text.indexOf(header);
  expect(start, `a table headed ${header}`).toBeGreaterThan(-1);
  const rows: string[][] = [];
  for (const line of text.slice(start).split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|').slice(1, -1).map((cell) => cell.trim()));
  }
  expect(rows.length).toBeGreaterThan(0);
  return rows;
}

const unquote = (cell: string): string => cell.replace(/^`(.*)`$/, '$1').replace(/^"(.*)"$/, '$1');

describe('the rule reference', () => {
  it('docs/rules.md is what npm run docs writes from the registered rules', () => {
    const current = existsSync(RULES_DOC) ? readFileSync(RULES_DOC, 'utf8') : '';
    expect(current === renderRulesDoc(builtInRules), 'docs/rules.md is not current: run "npm run docs" and commit the result').toBe(true);
  });

  it('README.md lists the rules as npm run docs writes them: the table, and the rules whose findings the cache keeps', () => {
    const readme = read('README.md');
    expect(readme).toContain('<!-- file-rules:start -->`schema`');
    expect(readme === withRuleParts(readme, builtInRules), 'README.md is not current: run "npm run docs" and commit the result').toBe(true);
  });

  it('documents each rule with its options and their defaults', () => {
    const rules = read('docs/rules.md');
    for (const rule of builtInRules) {
      const part = section(rules, `## ${rule.meta.id}`);
      expect(part).toContain(rule.meta.rationale);
      expect(part).toContain(rule.meta.fix);
      for (const [name, value] of Object.entries(rule.meta.defaults ?? {})) {
        expect(part).toContain(`| \`${name}\` |`);
        expect(part).toContain(`\`${JSON.stringify(value).replace(/^"|"$/g, '')}\``);
      }
      for (const example of rule.meta.examples.fail) {
        const first = Object.keys(example.files)[0];
        for (const finding of example.findings ?? []) expect(part).toContain(`\`${finding.file ?? first}:${finding.line}:${finding.column}\``);
      }
    }
  });
});

describe('links', () => {
  it.each(DOCS)('every relative link of %s leads to a file of the repository, and to a heading that exists', (page) => {
    const text = read(page);
    const problems: string[] = [];
    for (const target of targets(text)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;
      const [pathPart = '', fragment] = target.split('#') as [string, string | undefined];
      const path = decodeURIComponent(pathPart.split('?')[0]!);
      const full = path === '' ? join(ROOT, page) : resolve(dirname(join(ROOT, page)), path);
      const inside = relative(ROOT, full);
      if (inside.startsWith('..') || inside.split(sep).includes('node_modules')) {
        problems.push(`${target}: outside the repository`);
        continue;
      }
      if (!existsSync(full)) {
        problems.push(`${target}: no such file`);
        continue;
      }
      if (fragment !== undefined && full.endsWith('.md') && !anchors(full).has(fragment)) problems.push(`${target}: no such heading`);
    }
    expect(problems).toEqual([]);
  });

  it('no file of the repository refers to a folder outside it', () => {
    const needle = Buffer.from(['..', 'shared'].join('/'));
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === 'node_modules' || entry.name === '.git') continue;
        const full = join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.isFile() && statSync(full).size < 50_000_000 && readFileSync(full).includes(needle)) found.push(relative(ROOT, full));
      }
    };
    walk(ROOT);
    expect(found).toEqual([]);
  });
});

describe('the format reference', () => {
  /** Every property name the schemas define, with where it is, but the rule ids of the configuration. */
  function schemaFields(schema: unknown, at: string, out: Map<string, string>): Map<string, string> {
    if (Array.isArray(schema)) schema.forEach((item, index) => schemaFields(item, `${at}/${index}`, out));
    else if (schema !== null && typeof schema === 'object') {
      for (const [key, value] of Object.entries(schema)) {
        if (key === 'properties' && !at.endsWith('config/properties/rules')) {
          for (const name of Object.keys(value as object)) if (!out.has(name)) out.set(name, `${at}/properties/${name}`);
        }
        schemaFields(value, `${at}/${key}`, out);
      }
    }
    return out;
  }

  it('names every field of every schema', () => {
    const fields = new Map<string, string>();
    for (const file of readdirSync(join(ROOT, 'schema')).filter((name) => name.endsWith('.schema.json'))) {
      schemaFields(JSON.parse(read(`schema/${file}`)), file.replace('.schema.json', ''), fields);
    }
    expect(fields.size).toBeGreaterThan(40);
    const missing = [...fields].filter(([name]) => !format.includes(`\`${name}\``)).map(([name, where]) => `${name} (${where})`);
    expect(missing).toEqual([]);
  });

  it('gives every touchpoint field a section with an example, and every role and personalization its meaning', () => {
    const touchpoint = (JSON.parse(read('schema/journey.schema.json')) as { $defs: { touchpoint: { properties: Record<string, { enum?: string[] }> } } }).$defs.touchpoint;
    const fields = section(format, '### Touchpoint fields');
    for (const name of Object.keys(touchpoint.properties)) {
      const part = section(fields, `#### \`${name}\``);
      expect(codeBlocks(part).length, `${name} has an example`).toBeGreaterThan(0);
    }
    const roles = tableAfter(section(fields, '#### `role`'), '| role | meaning |');
    expect(roles.map(([role]) => unquote(role!))).toEqual(touchpoint.properties.role!.enum);
    for (const value of touchpoint.properties.personalization!.enum!) expect(section(fields, '#### `personalization`')).toContain(`\`${value}\``);
  });

  it('lists the built-in channels as the code declares them', () => {
    const rows = tableAfter(section(format, '## channels.yaml'), '| id | name | outbound |');
    expect(rows.map(([id, name, outbound]) => ({ id: unquote(id!), name, outbound: outbound === 'yes' }))).toEqual(
      BUILT_IN_CHANNELS.map(({ id, name, outbound }) => ({ id, name, outbound })),
    );
  });

  it('reads durations and times of day as the parser does', () => {
    const part = section(format, '## Durations and times of day');
    const valid = tableAfter(part, '| written | minutes |');
    for (const [written, minutes] of valid) expect(parseDuration(unquote(written!)), written).toBe(Number(minutes));
    const invalid = tableAfter(part, '| written | why |');
    for (const [written] of invalid) expect(parseDuration(unquote(written!)), written).toBeUndefined();
    const times = tableAfter(part, '| written | |');
    for (const [written, meaning] of times) {
      const value = parseTimeOfDay(unquote(unquote(written!)));
      if (meaning!.startsWith('not a time of day')) expect(value, written).toBeUndefined();
      else expect(value, written).toBeDefined();
    }
  });

  it('prints the timeline of its worked example, as journeys simulate does', async () => {
    const blocks = codeBlocks(section(format, '### A worked example'));
    const files: Record<string, string> = {};
    for (const block of blocks.filter((b) => b.lang === 'yaml')) {
      const [first, ...rest] = block.value.split('\n');
      const path = /^# (\S+)$/.exec(first!)?.[1];
      expect(path, 'each file of the example starts with "# <path>"').toBeDefined();
      files[path!] = `${rest.join('\n')}\n`;
    }
    const output = blocks.find((block) => block.lang === 'console')!.value.split('\n');
    const command = /^\$ journeys (simulate \S+)$/.exec(output[0]!)?.[1];
    expect(command).toBeDefined();
    const root = writeRepo(files);
    const result = await runJourneys([...command!.split(' '), '--today', '2026-03-02'], root);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${output.slice(1).join('\n')}\n\n`);
    expect(result.status).toBe(1);
  }, 30_000);
});

describe('the CI page', () => {
  it('holds the pull-request workflow as it is', () => {
    const workflow = read('.github/workflows/journeys.yml');
    const block = codeBlocks(section(read('docs/ci.md'), '## The pull-request workflow')).find((b) => b.lang === 'yaml');
    expect(`${block?.value}\n`, 'docs/ci.md shows .github/workflows/journeys.yml: copy the file into it again').toBe(workflow);
  });
});
