import type { Channel, Journey, LoadProblem, Owner, Persona, Repository, Scenario, SourceFile, SourceKind } from '../model/types.ts';
import { BUILT_IN_CHANNELS } from '../model/channels.ts';
import { configFrom, EMPTY_CONFIG } from './config.ts';
import { discover } from './discover.ts';
import { findFrontMatter, splitSections, type Sections } from './markdown.ts';
import { channelsFrom, journeyFrom, ownersFrom, personasFrom, scenarioFrom } from './normalize.ts';
import { parseYaml } from './parse-yaml.ts';
import { readText } from './read.ts';
import { validate } from './validate.ts';

export interface LoadOptions {
  /** Called after each file is read, for progress on large repositories. */
  readonly onFile?: (done: number, total: number) => void;
}

export interface LoadedRepository {
  readonly root: string;
  readonly repo: Repository;
}

interface ParsedFile {
  readonly file: SourceFile;
  readonly sections?: Sections;
}

function parseFile(root: string, path: string, kind: SourceKind, problems: LoadProblem[]): ParsedFile {
  const at = { file: path, path: [] };
  const read = readText(root, path);
  if (!read.ok) {
    problems.push({ kind: 'parse', message: read.message, at, offset: read.offset });
    return { file: { path, kind, text: read.text, yamlStart: 0, yamlEnd: read.text.length, data: undefined } };
  }
  const text = read.text;
  let yamlStart = 0;
  let yamlEnd = text.length;
  let bodyStart: number | undefined;
  if (path.endsWith('.md')) {
    const front = findFrontMatter(text);
    if (!front) {
      problems.push({
        kind: 'parse',
        message: 'A Markdown journey starts with its YAML front matter between two "---" lines; this file has none.',
        at,
        offset: 0,
      });
      return { file: { path, kind, text, yamlStart: 0, yamlEnd: 0, data: undefined } };
    }
    ({ yamlStart, yamlEnd, bodyStart } = front);
  }
  const parsed = parseYaml(text.slice(yamlStart, yamlEnd));
  if (!parsed.ok) {
    problems.push({ kind: 'parse', message: parsed.message, at, offset: yamlStart + parsed.offset });
    return { file: { path, kind, text, yamlStart, yamlEnd, data: undefined } };
  }
  const file: SourceFile = { path, kind, text, yamlStart, yamlEnd, data: parsed.data };
  for (const problem of validate(kind, parsed.data)) {
    problems.push({ kind: 'schema', message: problem.message, at: { file: path, path: problem.path }, key: problem.key });
  }
  return { file, sections: bodyStart === undefined ? undefined : splitSections(text, bodyStart) };
}

/** Reads, parses and validates a journeys repository. Bad files become problems, never exceptions. */
export function loadRepository(path: string, options: LoadOptions = {}): LoadedRepository {
  const layout = discover(path);
  const problems: LoadProblem[] = [];
  const files: SourceFile[] = [];
  const journeys: Journey[] = [];
  const owners: Owner[] = [];
  const channels: Channel[] = [...BUILT_IN_CHANNELS];
  const personas: Persona[] = [];
  const scenarios: Scenario[] = [];
  const declared: { owners?: string; channels?: string; personas?: string } = {};
  let config = EMPTY_CONFIG;

  layout.files.forEach(({ path: filePath, kind }, index) => {
    const { file, sections } = parseFile(layout.root, filePath, kind, problems);
    files.push(file);
    options.onFile?.(index + 1, layout.files.length);
    if (kind === 'owners' || kind === 'channels' || kind === 'personas') declared[kind] ??= filePath;
    if (file.data === undefined) return;
    switch (kind) {
      case 'journey': {
        const journey = journeyFrom(filePath, filePath.endsWith('.md') ? 'markdown' : 'yaml', file.data, sections);
        if (journey) journeys.push(journey);
        break;
      }
      case 'owners':
        owners.push(...ownersFrom(filePath, file.data));
        break;
      case 'channels':
        channels.push(...channelsFrom(filePath, file.data));
        break;
      case 'personas':
        personas.push(...personasFrom(filePath, file.data));
        break;
      case 'scenario': {
        const scenario = scenarioFrom(filePath, file.data);
        if (scenario) scenarios.push(scenario);
        break;
      }
      case 'config':
        config = configFrom(filePath, file.data);
        break;
    }
  });

  // A declared channel may redefine a built-in one (its name, or whether it is outbound).
  const declaredIds = new Set(channels.filter((channel) => !channel.builtIn).map((channel) => channel.id));
  const allChannels = channels.filter((channel) => !channel.builtIn || !declaredIds.has(channel.id));
  return { root: layout.root, repo: { files, journeys, owners, channels: allChannels, personas, scenarios, config, declared, problems } };
}
