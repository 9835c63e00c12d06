import { existsSync, lstatSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { load } from 'js-yaml';
import { stringify } from 'yaml';
import { isId, toId } from '../model/ids.ts';
import { todayIn } from '../model/dates.ts';
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

/** One YAML scalar on one line, quoted when the text needs it. */
const scalar = (value: string): string => stringify(value, { lineWidth: 0 }).trimEnd();

function firstOwner(ownersFile: string): string | undefined {
  try {
    const data = load(readFileSync(ownersFile, 'utf8')) as { owners?: { id?: unknown }[] } | undefined;
    const id = data?.owners?.find((owner) => typeof owner?.id === 'string')?.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
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

  const root = values.dir === undefined ? io.cwd : resolve(io.cwd, values.dir);
  if (lstatSync(root, { throwIfNoEntry: false }) && !statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    throw new CommandError(`${values.dir ?? '.'} is not a folder (a file, or a link to nothing): -C takes the repository folder.`);
  }
  const dir = join(root, 'journeys');
  const target = join(dir, `${id}.journey.yaml`);
  for (const existing of [target, join(dir, `${id}.journey.yml`), join(dir, `${id}.journey.md`)]) {
    if (existsSync(existing)) throw new CommandError(`${relative(io.cwd, existing)} already exists: nothing was written. Choose another id or edit that file.`);
  }
  mkdirSync(dir, { recursive: true });
  const ownersFile = join(dir, 'owners.yaml');
  let owner = values.owner ?? (existsSync(ownersFile) ? firstOwner(ownersFile) : undefined);
  if (!existsSync(ownersFile)) {
    owner ??= 'my-team';
    writeFileSync(ownersFile, `${schemaComment('owners', dir, root)}owners:\n  - id: ${owner}\n    name: ${scalar(owner.replace(/-/g, ' '))}\n`);
    io.stdout.write(`Wrote ${relative(io.cwd, ownersFile)}: declare your teams there.\n`);
  }
  owner ??= 'my-team';
  const title = values.title ?? id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  writeFileSync(target, schemaComment('journey', dir, root) + skeleton(id, title, owner, todayIn(io.now())), { flag: 'wx' });
  io.stdout.write(`Wrote ${relative(io.cwd, target)}. Add its stages and touchpoints, then run "journeys lint".\n`);
  return EXIT.ok;
}
