/**
 * Runs command lines in-process, one after another, for the hostile-repository
 * property test: it reads a JSON list of runs on stdin and writes one JSON line
 * per event on stdout ("start" before a run, "end" after it with the exit status,
 * the time, the process's memory and everything the command printed), so that the
 * test can kill this process when a run hangs and say which run it was.
 */
import { main } from '../../src/cli/main.ts';

interface Run {
  readonly cwd: string;
  readonly argv: readonly string[];
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
const runs = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Run[];

let peak = 0;
for (const [index, run] of runs.entries()) {
  process.stdout.write(`${JSON.stringify({ event: 'start', index })}\n`);
  const stdout = capture();
  const stderr = capture();
  const started = performance.now();
  // The clock is an input: a fixed instant, whatever the machine's date.
  const status = await main(run.argv, { cwd: run.cwd, env: { JOURNEYS_PARALLEL: '0' }, stdout, stderr, now: () => new Date('2026-11-01T12:00:00Z') });
  const ms = performance.now() - started;
  const rss = process.memoryUsage().rss;
  peak = Math.max(peak, rss);
  process.stdout.write(`${JSON.stringify({ event: 'end', index, status, ms, rss, stdout: stdout.text(), stderr: stderr.text() })}\n`);
}
process.stdout.write(`${JSON.stringify({ event: 'done', peak })}\n`);
