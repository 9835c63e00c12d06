/**
 * What no output of the command line may hold, whatever the repository: a control
 * character or bidirectional override outside escapes, a line that starts a GitHub
 * workflow command (but the github formatter's annotations), an internal error or stack
 * trace, or the content of a file outside the repository.
 */

/** C0 controls but line feed and tab, DEL, C1 controls, and the bidirectional overrides and isolates. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** The commands the github formatter writes: an annotation on a file of the repository, or a log group. */
const FORMATTER_COMMAND = /^::(?:(?:error|warning|notice) file=journeys[^,:]*,line=\d+[^:]*::.*|group::.*|endgroup::)$/;

export interface OutputRules {
  /** Whether this output is the github formatter's, which alone may write annotations. */
  readonly annotations: boolean;
  /** Text from outside the repository, which must never be shown. */
  readonly secret: string;
}

export function outputProblems(name: string, text: string, rules: OutputRules): string[] {
  const problems: string[] = [];
  if (/internal error|This is a bug/i.test(text)) problems.push(`${name} reports an internal error: ${JSON.stringify(text.slice(0, 400))}`);
  if (/\n\s+at .+:\d+:\d+\)?\n/.test(text)) problems.push(`${name} holds a stack trace`);
  if (text.includes(rules.secret)) problems.push(`${name} shows the content of a file outside the repository`);
  const match = FORBIDDEN.exec(text);
  if (match) {
    const at = match.index;
    problems.push(`${name} holds U+${match[0].codePointAt(0)!.toString(16).padStart(4, '0')} in ${JSON.stringify(text.slice(Math.max(0, at - 60), at + 20))}`);
  }
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end);
    if (line.trimStart().startsWith('::') && !(rules.annotations && FORMATTER_COMMAND.test(line))) {
      problems.push(`${name} starts a workflow command: ${JSON.stringify(line.slice(0, 200))}`);
      break;
    }
    if (end === -1) break;
    start = end + 1;
  }
  return problems;
}
