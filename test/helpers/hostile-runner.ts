/**
 * Runs command lines in-process, one after another, for the hostile-repository
 * property test: it reads a JSON list of runs on stdin and writes one JSON line
 * per event on stdout ("start" before a run, "end" after it with the exit status,
 * the time, the process's memory and what is wrong with what it printed), so that the
 * test can kill this process when a run hangs and say which run it was.
 */
import { main } from '../../src/cli/main.ts';
import { outputProblems } from './hostile-output.ts';

interface Run {
  readonly cwd: string;
  readonly argv: readonly string[];
}

interface Input {
  readonly runs: readonly Run[];
  readonly secret: string;
  readonly memoryLimit: number;
}

function capture(): { write(text: string): boolean; readonly isTTY: false; text: () => string } {
  const parts: string[] = [];
  return {
    isTTY: false,
    write(text: string) {
      parts.push(text);
      return true;
    },
    text: () => parts.join(''),
  };
}

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const { runs, secret, memoryLimit } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Input;

/** Runs one command line and checks what it printed; the output is dropped on return. */
async function runOne(run: Run): Promise<{ status: number; ms: number; problems: string[] }> {
  const stdout = capture();
  const stderr = capture();
  const started = performance.now();
  // The clock is an input: a fixed instant, whatever the machine's date.
  const status = await main(run.argv, { cwd: run.cwd, env: { JOURNEYS_PARALLEL: '0' }, stdout, stderr, now: () => new Date('2026-11-01T12:00:00Z') });
  const ms = performance.now() - started;
  // Output is checked here: a large timeline's text would cost the test more memory than the run.
  const annotations = run.argv.includes('github');
  const problems = [...outputProblems('stdout', stdout.text(), { annotations, secret }), ...outputProblems('stderr', stderr.text(), { annotations: false, secret })];
  return { status, ms, problems };
}

// The heap is capped by the test (--max-old-space-size): a run that needs more ends the process.
let peak = 0;
for (const [index, run] of runs.entries()) {
  process.stdout.write(`${JSON.stringify({ event: 'start', index })}\n`);
  const { status, ms, problems } = await runOne(run);
  // What the process holds after a run includes garbage of earlier ones: collect it before judging.
  let rss = process.memoryUsage().rss;
  if (rss > memoryLimit) {
    globalThis.gc?.();
    rss = process.memoryUsage().rss;
  }
  peak = Math.max(peak, rss);
  process.stdout.write(`${JSON.stringify({ event: 'end', index, status, ms, rss, problems })}\n`);
}
process.stdout.write(`${JSON.stringify({ event: 'done', peak })}\n`);
