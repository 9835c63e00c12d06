/**
 * `journeys dev`: the Astro development server on a fixture repository. A changed
 * journey file, or a new one, shows on the next request: the content layer
 * reloads it, and Astro then reloads the open pages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, copyAcme, tempDir, TODAY, userEnv } from './fixtures/site/helpers.ts';
import { launchChromium } from './helpers/browser.ts';

let dir: { path: string; remove: () => void };
let repo: string;
let child: ChildProcess;
let url: string;
let output = '';

beforeAll(async () => {
  dir = tempDir('journeys-site-dev-');
  repo = copyAcme(dir.path);
  child = spawn(process.execPath, [BIN, 'dev', 'repo', '--port', '0', '--today', TODAY], { cwd: dir.path, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`journeys dev did not start:\n${output}`)), 90_000);
    const check = (): void => {
      const match = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (status) => reject(new Error(`journeys dev exited (${status}):\n${output}`)));
  });
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  dir?.remove();
});

async function get(path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url + path);
  return { status: response.status, body: await response.text() };
}

/** Asks again until `test` holds: the server reloads the journeys a moment after a change. */
async function eventually(path: string, test: (page: { status: number; body: string }) => boolean): Promise<{ status: number; body: string }> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const page = await get(path);
    if (test(page) || Date.now() > deadline) return page;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('journeys dev', () => {
  it('serves the site of the repository it was given', async () => {
    expect(output).toContain(`Serving the journey site of ${repo} at ${url}`);
    const page = await get('journeys/flawed/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Flawed welcome');
    expect((await get('review/')).body).toContain('Flawed welcome');
  }, 60_000);

  it('shows a change to a journey file, and a new journey, without a restart', async () => {
    const file = join(repo, 'journeys', 'flawed.journey.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: Flawed welcome', 'title: Welcome, edited live'));
    const changed = await eventually('journeys/flawed/', (page) => page.body.includes('Welcome, edited live'));
    expect(changed.body).toContain('Welcome, edited live');

    writeFileSync(
      join(repo, 'journeys', 'fresh.journey.yaml'),
      'journey: fresh\nversion: 1\ntitle: A fresh journey\nowner: team-growth\nstages:\n  - id: start\ntouchpoints:\n  - { id: hello, stage: start, channel: email, owner: team-growth }\n',
    );
    const added = await eventually('journeys/fresh/', (page) => page.status === 200);
    expect(added.status).toBe(200);
    expect(added.body).toContain('A fresh journey');
    expect((await get('')).body).toContain('4 journeys');
    // The views made on first use (the review, the customers, the channel dashboard) are of the new files too.
    for (const path of ['review/', 'customers/', 'channels/']) expect({ path, status: (await get(path)).status }).toEqual({ path, status: 200 });
    expect((await get('review/')).body).toContain('Welcome, edited live');
  }, 90_000);

  it('reloads a page that was loading when the journeys changed, once it is connected', async () => {
    // A page answered by the test (page.route) counts as a public one, which Chromium would not let reach the local server.
    const browser = await launchChromium(['--disable-features=LocalNetworkAccessChecks']);
    try {
      const page = await browser.newPage();
      // A first page, so that Vite has prepared the pages' dependencies (it reloads the page once it has): that reload must not be the one seen below.
      await page.goto(`${url}journeys/flawed/`, { waitUntil: 'networkidle' });
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const file = join(repo, 'journeys', 'away.journey.yaml');
      const text = 'journey: away\nversion: 1\ntitle: Before the change\nowner: team-growth\nstages:\n  - id: start\ntouchpoints:\n  - { id: hello, stage: start, channel: email, owner: team-growth }\n';
      writeFileSync(file, text);
      await eventually('journeys/away/', (served) => served.status === 200);
      // The page's first answer is served at once and reaches the browser only after the journeys changed and
      // the server told the open pages to reload: as a page that was loading then (Vite reloads one once it has
      // prepared the dependencies it found).
      let release = (): void => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      let served = false;
      await page.route(/\/journeys\/away\/$/, async (route) => {
        const response = await route.fetch();
        served = true;
        await released;
        await route.fulfill({ response });
      });
      const loaded = page.goto(`${url}journeys/away/`);
      await expect.poll(() => served).toBe(true);
      writeFileSync(file, text.replace('title: Before the change', 'title: Changed while the page was loading'));
      await eventually('journeys/away/', (answer) => answer.body.includes('Changed while the page was loading'));
      release();
      await loaded;
      await page.waitForFunction('document.querySelector("h1").textContent === "Changed while the page was loading"', null, { timeout: 30_000 });
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('reloads an open page when its journey changes (live reload)', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${url}journeys/long-haul/`);
      await page.waitForFunction('document.documentElement.dataset.diagrams === "ready"', null, { timeout: 60_000 });
      // Drawn, once in view, with Mermaid as the dev server serves it from the package.
      await page.evaluate('document.querySelector("[data-mermaid]").scrollIntoView({ block: "center" })');
      await page.waitForFunction('document.querySelector("[data-mermaid]").dataset.rendered !== undefined', null, { timeout: 60_000 });
      expect(await page.evaluate('document.querySelector("[data-mermaid]").dataset.rendered')).toBe('true');
      let loads = 0;
      page.on('load', () => (loads += 1));
      const file = join(repo, 'journeys', 'long-haul.journey.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('title: The long haul, from first visit to renewal', 'title: The long haul, reloaded'));
      await page.waitForFunction('document.querySelector("h1").textContent === "The long haul, reloaded"', null, { timeout: 30_000 });
      // Reloaded once: journeys dev tells the page itself and leaves Astro's store (which would reload it again 500 ms later) as it is.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(loads).toBe(1);
      // A save that empties the file, then writes it a moment later (more than the wait for more changes): one reload, of the file as written.
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, '');
      await new Promise((resolve) => setTimeout(resolve, 60));
      writeFileSync(file, text.replace('title: The long haul, reloaded', 'title: The long haul, saved in two writes'));
      await page.waitForFunction('document.querySelector("h1").textContent === "The long haul, saved in two writes"', null, { timeout: 30_000 });
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(loads).toBe(2);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
