/**
 * Text made safe to print on a terminal or in a CI log. A value from a repository (an
 * id, a message quoting a file, a config key, a path) may hold characters that a
 * terminal acts on rather than shows: ESC starts sequences that clear the screen or
 * write the clipboard (OSC 52), C1 controls do the same in one byte, a carriage return
 * or a Unicode line separator starts a line, bidirectional overrides make text read
 * differently from what it is. GitHub's runner also reads workflow commands in a step's
 * output: `::command::` at the start of a line, and the older `##[command]` anywhere.
 * Such characters are written as visible escapes (`\u001b`, `\n`), which are also valid
 * escapes inside a JSON string, so escaping JSON output changes no value it holds.
 */

/** C0 controls, DEL, C1 controls, the Unicode line and paragraph separators, the bidirectional overrides and isolates. */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE = new RegExp(UNSAFE_CHARACTER.source, 'g');

/** The same but line feed and tab, which a whole output legitimately holds between and within its lines. */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The legacy workflow command prefix, which the runner finds anywhere in a line. */
const LEGACY_COMMAND = /##\[/g;
const LEGACY_ESCAPED = '#\\u0023[';

/** A workflow command at the start of a line; the runner trims leading white space first. */
const LINE_COMMAND = /^([^\S\n]*)::/gm;

/** The annotations the github formatter writes and its group of what GitHub would not show, the only workflow commands journeys prints. */
const ANNOTATION = /^::(?:(?:error|warning|notice) file=|group::journeys: |endgroup::(?:\n|$))/;

const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One character as a visible escape: `\n`, `\r`, `\t`, or `\u` and four hexadecimal digits. */
function visible(char: string): string {
  return SHORT[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * A value from a repository or the command line, for one place in a line of output:
 * every control character escaped, line feeds included, so that it stays on its line.
 */
export function escapeValue(text: string): string {
  return text.replace(UNSAFE, visible).replace(LEGACY_COMMAND, LEGACY_ESCAPED);
}

/** Whether a text holds a character that escapeValue escapes (one that does not print as itself). */
export function hasUnsafeCharacter(text: string): boolean {
  return UNSAFE_CHARACTER.test(text);
}

export interface TerminalTextOptions {
  /**
   * Sequences journeys itself writes and that pass as they are: the colours of a
   * terminal that shows them, the progress line's carriage return. Matched at the
   * position of an unsafe character; without `g` or `y`, anchored as written.
   */
  readonly keep?: RegExp;
  /** The text is the github formatter's: its annotation lines may start a workflow command. */
  readonly workflowCommands?: boolean;
}

/**
 * A whole output made safe: unsafe characters escaped but line feeds and tabs (and
 * `keep`), no workflow command at the start of a line (but the github formatter's
 * annotations when `workflowCommands`), no legacy workflow command anywhere. JSON stays
 * JSON with the same values. Applying it twice changes nothing more.
 */
export function terminalText(text: string, options: TerminalTextOptions = {}): string {
  const { keep, workflowCommands = false } = options;
  let safe: string;
  if (keep === undefined) {
    safe = text.replace(UNSAFE_IN_TEXT, visible);
  } else {
    const kept = new RegExp(keep.source, `${keep.flags.replace(/[gy]/g, '')}y`);
    safe = text.replace(UNSAFE_IN_TEXT, (char: string, offset: number) => {
      kept.lastIndex = offset;
      return kept.test(text) ? char : visible(char);
    });
  }
  safe = safe.replace(LEGACY_COMMAND, LEGACY_ESCAPED);
  return safe.replace(LINE_COMMAND, (match: string, space: string, offset: number) => {
    if (workflowCommands && space === '' && ANNOTATION.test(safe.slice(offset, offset + 20))) return match;
    return `${space}\\::`;
  });
}

/**
 * JSON text of a value, safe to print: JSON.stringify escapes the C0 controls but not
 * DEL, C1 controls, bidirectional overrides or line separators, written here as `\u`
 * escapes, which parse back to the same characters.
 */
export function jsonText(value: unknown, indent = 2): string {
  return terminalText(JSON.stringify(value, null, indent));
}
