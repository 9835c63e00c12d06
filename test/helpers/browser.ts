/**
 * Headless Chromium for the site's browser tests, wherever the tests run: the one
 * CHROMIUM_PATH names, else the system's, else the one that the npm package
 * @sparticuz/chromium ships compressed inside it (so that `npm test` needs no browser
 * installed by hand). CHROMIUM_PATH=bundled skips the system's.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where distributions install Chromium or Chrome. */
const SYSTEM_BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];

/** No connection to anything but the pages under test: this machine's network is closed. */
const QUIET_ARGS = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/**
 * Flags of the bundled build (made for one page per serverless call) that the tests
 * cannot keep: one process for everything dies with the second browser context, and
 * the others weaken what the tests check (same-origin rules, mixed content).
 */
const DROPPED_ARGS = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content', '--disable-site-isolation-trials']);

export interface ChromiumChoice {
  readonly executablePath: string;
  readonly args: readonly string[];
  readonly source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';
}

/** Which Chromium the tests use, and with which flags. */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumChoice> {
  const given = env.CHROMIUM_PATH;
  if (given && given !== 'bundled') return { executablePath: given, args: ['--no-sandbox', '--disable-gpu', ...QUIET_ARGS], source: 'CHROMIUM_PATH' };
  const system = given === 'bundled' ? undefined : SYSTEM_BROWSERS.find((path) => existsSync(path));
  if (system) return { executablePath: system, args: ['--no-sandbox', '--disable-gpu', ...QUIET_ARGS], source: 'system' };
  const bundled = (await import('@sparticuz/chromium')).default;
  const executablePath = await bundled.executablePath();
  return { executablePath, args: [...bundled.args.filter((arg) => !DROPPED_ARGS.has(arg)), ...QUIET_ARGS], source: '@sparticuz/chromium' };
}

export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  const choice = await findChromium();
  return chromium.launch({ executablePath: choice.executablePath, args: [...choice.args, ...extraArgs] });
}

/** What goes wrong in a page as the tests use it: each console error and uncaught exception, as a line, in the list returned. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  return problems;
}
