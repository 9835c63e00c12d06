import type { LoadProblem, SourceFile, SourceKind } from '../model/types.ts';
import { findFrontMatter, splitSections, type Sections } from './markdown.ts';
import { parseYaml } from './parse-yaml.ts';
import { lineStarts } from './lines.ts';
import { parseMetrics } from './metrics.ts';
import { readText, type ReadResult } from './read.ts';
import { validate } from './validate.ts';

/** One file read, parsed and validated: plain data, so that it can cross a worker boundary. */
export interface ParsedFile {
  readonly file: SourceFile;
  readonly sections?: Sections;
  readonly problems: readonly LoadProblem[];
  /** The YAML parser's events, packed (yaml-events.ts): the file's positions, from the same parse. */
  readonly events?: Int32Array;
}

function parseMetricsFile(path: string, text: string): ParsedFile {
  const { values, problems } = parseMetrics(path, text);
  const starts = lineStarts(text);
  return {
    file: { path, kind: 'metrics', text, yamlStart: 0, yamlEnd: 0, data: values },
    problems: problems.map((problem) => ({
      kind: 'schema',
      message: problem.message,
      at: { file: path, path: [] },
      offset: (starts[problem.line - 1] ?? 0) + problem.column - 1,
    })),
  };
}

/** Reads, parses and validates one file from disk. Never throws: what is wrong with it becomes problems. */
export function parseFile(root: string, path: string, kind: SourceKind, real?: string): ParsedFile {
  return parseText(path, kind, readText(root, path, real));
}

/** Parses and validates one file's text, wherever it was read from (disk or git). */
export function parseText(path: string, kind: SourceKind, read: ReadResult): ParsedFile {
  const at = { file: path, path: [] };
  if (read.ok && kind === 'metrics') return parseMetricsFile(path, read.text);
  if (!read.ok) {
    return {
      file: { path, kind, text: read.text, yamlStart: 0, yamlEnd: read.text.length, data: undefined },
      problems: [{ kind: 'parse', message: read.message, at, offset: read.offset }],
    };
  }
  const text = read.text;
  let yamlStart = 0;
  let yamlEnd = text.length;
  let bodyStart: number | undefined;
  if (path.endsWith('.md')) {
    const front = findFrontMatter(text);
    if (!front) {
      return {
        file: { path, kind, text, yamlStart: 0, yamlEnd: 0, data: undefined },
        problems: [
          {
            kind: 'parse',
            message: 'A Markdown journey starts with its YAML front matter between two "---" lines; this file has none.',
            at,
            offset: 0,
          },
        ],
      };
    }
    ({ yamlStart, yamlEnd, bodyStart } = front);
  }
  const parsed = parseYaml(text.slice(yamlStart, yamlEnd), { keepEvents: true });
  if (!parsed.ok) {
    return {
      file: { path, kind, text, yamlStart, yamlEnd, data: undefined },
      problems: [{ kind: 'parse', message: parsed.message, at, offset: yamlStart + parsed.offset, ...(parsed.syntax ? { syntax: true } : {}) }],
    };
  }
  const problems: LoadProblem[] = validate(kind, parsed.data).map((problem) => ({
    kind: 'schema',
    message: problem.message,
    at: { file: path, path: problem.path },
    key: problem.key,
    ...(problem.fix !== undefined ? { fix: problem.fix } : {}),
  }));
  return {
    file: { path, kind, text, yamlStart, yamlEnd, data: parsed.data },
    sections: bodyStart === undefined ? undefined : splitSections(text, bodyStart),
    problems,
    events: parsed.events,
  };
}
