import { terminalText } from '../index.ts';
import { useColor, type Io } from './io.ts';

/** The colours picocolors writes (bold, dim, underline, foreground colours and their ends): no hidden or blinking text. */
// eslint-disable-next-line no-control-regex
const COLOURS = /\u001b\[(?:[124]|2[24]|3[0-9]|9[0-7])m/;

/** The progress line on a terminal's stderr: a carriage return that starts a write, and erase-line. */
// eslint-disable-next-line no-control-regex
const PROGRESS = /^\r|\u001b\[K/;

const WORKFLOW = Symbol('workflow commands');

type Writer = Io['stdout'];

interface GuardedWriter extends Writer {
  readonly [WORKFLOW]: (text: string) => unknown;
}

function guard(writer: Writer, keep: RegExp | undefined): GuardedWriter {
  return {
    isTTY: writer.isTTY,
    write: (text: string) => writer.write(terminalText(text, keep ? { keep } : {})),
    [WORKFLOW]: (text: string) => writer.write(terminalText(text, { workflowCommands: true })),
  };
}

/**
 * The command's outside world with stdout and stderr that print no control character,
 * bidirectional override or workflow command, whatever a command passes them: the one
 * place every output goes through (see format/sanitize.ts). Values are escaped where
 * they are put in a line, too, so that a line feed in one cannot start a line.
 */
export function safeIo(io: Io): Io {
  return {
    ...io,
    stdout: guard(io.stdout, useColor(io) ? COLOURS : undefined),
    stderr: guard(io.stderr, io.stderr.isTTY === true ? PROGRESS : undefined),
  };
}

/** Writes the github formatter's output, whose annotations are the only workflow commands journeys prints. */
export function writeWorkflowCommands(writer: Writer, text: string): void {
  const guarded = (writer as Partial<GuardedWriter>)[WORKFLOW];
  if (guarded) guarded(text);
  else writer.write(terminalText(text, { workflowCommands: true }));
}
