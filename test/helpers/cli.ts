import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The real command, as npm installs it. */
export const BIN = fileURLToPath(new URL('../../bin/journeys.js', import.meta.url));

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment of the test run without anything that forces or forbids colours. */
function plainEnv(extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'NODE_OPTIONS']) delete env[name];
  return { ...env, ...extra };
}

/**
 * Runs `node bin/journeys.js ...args` in `cwd` with the Node running the tests,
 * stdout and stderr piped (so not terminals), `env` added to the environment.
 * Asynchronous, so that the test's timeout applies if the command hangs.
 */
export function runJourneys(args: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: plainEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
