import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { discover } from '../src/load/discover.ts';
import { loadAtRevision } from '../src/load/git.ts';
import { journeyOfFile } from '../src/load/journey-of.ts';
import { parseAll } from '../src/load/parse-all.ts';
import { loadRepository } from '../src/load/repository.ts';
import { gitRepo } from './helpers/git.ts';
import { cleanJourney, OWNERS, writeRepo } from './helpers/repo.ts';

/** Good, broken and hostile files, and enough of them that the worker gets a share. */
function mixedRepo(count: number): string {
  const files: Record<string, string | Uint8Array> = { 'journeys/owners.yaml': OWNERS };
  for (let i = 0; i < count; i += 1) files[`journeys/j-${String(i).padStart(4, '0')}.journey.yaml`] = cleanJourney(`j-${i}`);
  files['journeys/broken.journey.yaml'] = 'journey: broken\ntitle: [unclosed\n';
  files['journeys/proto.journey.yaml'] = cleanJourney('proto', '__proto__: { polluted: true }\n');
  files['journeys/latin1.journey.yaml'] = new Uint8Array([0x6a, 0x3a, 0x20, 0xe9, 0x0a]);
  files['journeys/story.journey.md'] = `---\n${cleanJourney('story')}\n---\n# Story\n\n### welcome-email\n\nSent at once.\n`;
  return writeRepo(files);
}

describe('parsing on a worker thread beside the main thread', () => {
  const root = mixedRepo(3000);

  it('shares the files with the worker, kept from one call to the next', () => {
    const layout = discover(root);
    // The first call starts the worker: on a busy machine the main thread may be done before it is.
    const first = parseAll(layout.root, layout.files, { parallel: true });
    expect(first.parsed.length).toBe(layout.files.length);
    const second = parseAll(layout.root, layout.files, { parallel: true });
    expect(second.byWorker).toBeGreaterThan(0);
    expect(second.byWorker).toBeLessThan(layout.files.length);
    expect(second.parsed).toEqual(first.parsed);
  });

  it('gives its worker a young generation of its own size, and the heaps made after it theirs', async () => {
    const layout = discover(root);
    parseAll(layout.root, layout.files, { parallel: true });
    // A heap made now starts at V8's size (a few MB of new space), not at the parse worker's 16 MB semi-spaces.
    const probe = new Worker(
      "const { parentPort } = require('node:worker_threads'); parentPort.postMessage(require('node:v8').getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size);",
      { eval: true },
    );
    const [size] = (await once(probe, 'message')) as [number];
    await probe.terminate();
    expect(size).toBeGreaterThan(0);
    expect(size).toBeLessThan(16 * 1024 * 1024);
  });

  it('sends the models of the journeys it parses, their data parsed again when read, for a caller that reads models only', () => {
    const alone = loadRepository(root, { parallel: false });
    const layout = discover(root);
    parseAll(layout.root, layout.files, { parallel: true });
    const { parsed, byWorker } = parseAll(layout.root, layout.files, { parallel: true, dataOnDemand: true });
    expect(byWorker).toBeGreaterThan(0);
    // The files the worker made models of hold no data until it is read; the main thread's own files give theirs up once modelled.
    const onDemand = parsed.filter((parse) => Object.getOwnPropertyDescriptor(parse.file, 'data')?.get !== undefined);
    expect(onDemand.length).toBeGreaterThan(0);
    expect(onDemand.length).toBeLessThanOrEqual(byWorker);
    const models = parsed.map((parse) => (parse.file.kind === 'journey' ? journeyOfFile(parse) : undefined));
    expect(models).toEqual(alone.parsed.map((parse) => (parse.file.kind === 'journey' ? journeyOfFile(parse) : undefined)));
    expect(parsed).toEqual(alone.parsed);

    const shared = loadRepository(root, { parallel: true, dataOnDemand: true });
    expect(shared.repo.journeys.length).toBe(3002);
    expect(shared.repo.journeys.every((journey) => Object.getOwnPropertyDescriptor(journey, 'raw')?.get !== undefined)).toBe(true);
    expect(shared).toEqual(alone);
  });

  it('gives each call its own files when calls on different repositories follow each other', () => {
    const other = mixedRepo(400);
    const layouts = [discover(root), discover(other)];
    const alone = layouts.map((layout) => parseAll(layout.root, layout.files, { parallel: false }).parsed);
    for (let round = 0; round < 6; round += 1) {
      const which = round % 2;
      const { parsed } = parseAll(layouts[which]!.root, layouts[which]!.files, { parallel: true });
      expect(parsed).toEqual(alone[which]);
    }
  });

  it('gives the same repository as the main thread alone', () => {
    const alone = loadRepository(root, { parallel: false });
    const shared = loadRepository(root, { parallel: true });
    expect(shared).toEqual(alone);
    expect(alone.repo.journeys.length).toBe(3002);
    expect(alone.repo.problems.map((problem) => `${problem.kind} ${problem.at.file}`)).toEqual(
      expect.arrayContaining(['parse journeys/broken.journey.yaml', 'parse journeys/latin1.journey.yaml', 'schema journeys/proto.journey.yaml']),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('parses a revision read from git as it parses the work tree at that revision, sharing the files with the worker', () => {
    const files: Record<string, string> = { 'journeys/owners.yaml': OWNERS, 'journeys/broken.journey.yaml': 'journey: broken\ntitle: [unclosed\n' };
    for (let i = 0; i < 400; i += 1) files[`journeys/j-${String(i).padStart(4, '0')}.journey.yaml`] = cleanJourney(`j-${i}`);
    files['journeys/story.journey.md'] = `---\n${cleanJourney('story')}\n---\n# Story\n\n### welcome-email\n\nSent at once.\n`;
    const repo = gitRepo(files);
    // The work tree changed since: what was committed is read from git, never from the files on disk.
    repo.write(Object.fromEntries(Object.keys(files).map((path) => [path, 'journey: changed\n'])));
    const atHead = loadAtRevision(repo.root, 'HEAD').repo;
    const workTree = loadRepository(writeRepo(files), { parallel: false }).repo;
    expect(atHead.journeys).toEqual(workTree.journeys);
    expect(atHead.problems).toEqual(workTree.problems);
    expect(atHead.files.map(({ path, data }) => [path, data])).toEqual(workTree.files.map(({ path, data }) => [path, data]));
    expect(atHead.journeys.length).toBe(401);
  });
});
