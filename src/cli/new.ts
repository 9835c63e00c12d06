import { lstatSync, mkdirSync, readFileSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { isId, toId, todayIn, escapeValue, hasUnsafeCharacter } from '../index.ts';
import { load } from 'js-yaml';
import type * as Yaml from 'yaml';
import { parse } from './args.ts';
import { CommandError, EXIT, type Io } from './io.ts';
import { schemaComment } from './own-package.ts';

export const usage = `Usage: journeys new <id> [options]

Write journeys/<id>.journey.yaml: a new journey that lints clean, to fill in.

Options:
      --title <text>   The journey's title (default: from the id)
      --owner <team>   The owning team's id (default: the first team of journeys/owners.yaml)
  -C, --dir <path>     The repository folder (default: the current folder)
  -h, --help           Show this help`;

/** yaml's writer, loaded when this command writes: every other command would pay its loading (about 40 ms) at each start. */
let yaml: typeof Yaml | undefined;

/** One YAML scalar on one line, quoted when the text needs it. */
const scalar = (value: string): string => (yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml).stringify(value, { lineWidth: 0 }).trimEnd();

/** The first team id of owners.yaml, read only when it is a regular file of a reasonable size (a FIFO would never end). */
function firstOwner(ownersFile: string): string | undefined {
  try {
    const stats = lstatSync(ownersFile);
    if (!stats.isFile() || stats.size > 1024 * 1024) return undefined;
    const data = load(readFileSync(ownersFile, 'utf8')) as { owners?: unknown } | undefined;
    const owners: unknown[] = Array.isArray(data?.owners) ? data.owners : [];
    // Written into the skeleton as it is: only an id, which cannot end its line.
    return owners.map((owner) => (owner as { id?: unknown } | null)?.id).find(isId);
  } catch {
    return undefined;
  }
}

/** What stands at a path (a link is not followed), or undefined when nothing does. */
function standing(path: string, shown: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    // ENOTDIR: a file stands where a folder of the path should be.
    throw new CommandError(`${shown} cannot be used (${code ?? (error as Error).message}): nothing was written.`);
  }
}

/** Creates a file, never replacing one and never through a link (a dangling one included). */
function create(path: string, text: string, shown: string): void {
  try {
    writeFileSync(path, text, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CommandError(`${shown} could not be written (${code === 'EEXIST' ? 'something already stands there' : (code ?? (error as Error).message)}).`);
  }
}

/** An option that is one line of plain text: no line break, control character or bidirectional override. */
function oneLine(name: string, value: string | undefined): void {
  if (value === undefined || !hasUnsafeCharacter(value)) return;
  throw new CommandError(`--${name} holds a line break or a control character ("${escapeValue(value)}"): write it on one line, in plain text.`);
}

/** The skeleton: every required field, one stage and one measured, owned touchpoint. */
export function skeleton(id: string, title: string, owner: string, today: string): string {
  return `journey: ${id}
version: 1
title: ${scalar(title)}
owner: ${owner}
reviewed: ${today}
description: ${scalar(`What the customer wants to achieve in "${title}", from the first contact to the last.`)}
stages:
  - id: discovery
    name: Discovery
touchpoints:
  - id: first-visit
    stage: discovery
    channel: web
    owner: ${owner}
    role: information
    importance: 3
    emotion: 3
    kpis:
      - metric: conversion-rate
        target: 0.05
`;
}

export function newCommand(args: readonly string[], io: Io): number {
  const { values, positionals } = parse(
    'new',
    args,
    { title: { type: 'string' }, owner: { type: 'string' }, dir: { type: 'string', short: 'C' }, help: { type: 'boolean', short: 'h' } },
    1,
  );
  if (values.help) {
    io.stdout.write(`${usage}\n`);
    return EXIT.ok;
  }
  const [id] = positionals;
  if (id === undefined) throw new CommandError('"journeys new" needs the id of the journey to write, e.g. journeys new account-opening');
  if (!isId(id)) {
    const suggestion = toId(id);
    throw new CommandError(`"${id}" is not a journey id: use lowercase letters and digits joined by dashes${suggestion ? `, like "${suggestion}"` : ''}.`);
  }
  if (values.owner !== undefined && !isId(values.owner)) throw new CommandError(`"${values.owner}" is not a team id: use lowercase letters and digits joined by dashes.`);
  oneLine('title', values.title);
  oneLine('dir', values.dir);

  const root = values.dir === undefined ? io.cwd : resolve(io.cwd, values.dir);
  if (lstatSync(root, { throwIfNoEntry: false }) && !statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    throw new CommandError(`${values.dir ?? '.'} is not a folder (a file, or a link to nothing): -C takes the repository folder.`);
  }
  const dir = join(root, 'journeys');
  const target = join(dir, `${id}.journey.yaml`);
  const shown = (path: string): string => relative(io.cwd, path) || '.';
  const dirStats = standing(dir, shown(dir));
  if (dirStats !== undefined && !dirStats.isDirectory()) {
    throw new CommandError(`${shown(dir)} is ${dirStats.isSymbolicLink() ? 'a link' : 'not a folder'}: journeys are written in the journeys/ folder of the repository. Nothing was written.`);
  }
  for (const existing of [target, join(dir, `${id}.journey.yml`), join(dir, `${id}.journey.md`)]) {
    if (dirStats !== undefined && standing(existing, shown(existing)) !== undefined) {
      throw new CommandError(`${shown(existing)} already exists: nothing was written. Choose another id or edit that file.`);
    }
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new CommandError(`${shown(dir)} could not be made (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): nothing was written.`);
  }
  const ownersFile = join(dir, 'owners.yaml');
  const ownersStats = standing(ownersFile, shown(ownersFile));
  let owner = values.owner ?? (ownersStats !== undefined ? firstOwner(ownersFile) : undefined);
  if (ownersStats === undefined) {
    owner ??= 'my-team';
    create(ownersFile, `${schemaComment('owners', dir, root)}owners:\n  - id: ${owner}\n    name: ${scalar(owner.replace(/-/g, ' '))}\n`, shown(ownersFile));
    io.stdout.write(`Wrote ${shown(ownersFile)}: declare your teams there.\n`);
  }
  owner ??= 'my-team';
  const title = values.title ?? id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  create(target, schemaComment('journey', dir, root) + skeleton(id, title, owner, todayIn(io.now())), shown(target));
  io.stdout.write(`Wrote ${shown(target)}. Add its stages and touchpoints, then run "journeys lint".\n`);
  return EXIT.ok;
}
