/** What a command may touch of the outside world; tests give their own. */
export interface Io {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly now: () => Date;
}

/** Exit statuses: never a count, which the shell would take modulo 256. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** A mistake on the command line: printed with the command's usage, exit 2. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}

export function useColor(io: Io): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true;
}
