/**
 * `JOURNEYS_TIMING=1 journeys dev` logs how long each reload of the journeys and each
 * page took (Astro's own log, which journeys dev otherwise keeps to warnings).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, copyAcme, tempDir, TODAY, userEnv } from './fixtures/site/helpers.ts';

let dir: { path: string; remove: () => void } | undefined;
let child: ChildProcess | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  dir?.remove();
});

/** Resolves once `output()` matches `pattern`, or rejects with what it holds after `ms`. */
async function until(output: () => string, pattern: RegExp, ms: number): Promise<RegExpExecArray> {
  const deadline = Date.now() + ms;
  for (;;) {
    // Astro colours its log where it sees CI (CI=true), not in a terminal-less run elsewhere.
    const match = pattern.exec(stripVTControlCharacters(output()));
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('JOURNEYS_TIMING=1 journeys dev', () => {
  it('logs each reload of the journeys and each page, with their times', async () => {
    dir = tempDir('journeys-site-dev-timing-');
    const repo = copyAcme(dir.path);
    let output = '';
    child = spawn(process.execPath, [BIN, 'dev', 'repo', '--port', '0', '--today', TODAY], { cwd: dir.path, env: { ...userEnv(), JOURNEYS_TIMING: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const url = (await until(() => output, /at (http:\/\/127\.0\.0\.1:\d+\/)/, 90_000))[1]!;

    expect((await fetch(`${url}journeys/flawed/`)).status).toBe(200);
    await until(() => output, /\[200\] \/journeys\/flawed\/ \d+ms/, 10_000);

    const file = join(repo, 'journeys', 'flawed.journey.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: Flawed welcome', 'title: Welcome, timed'));
    const reloaded = await until(() => output, /Reloaded the journeys after a change to (.+) \((\d+) ms\)/, 30_000);
    expect(reloaded[1]).toBe(file);
  }, 150_000);
});
