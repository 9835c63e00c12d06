/**
 * The parser's syntax errors in plain words. js-yaml names what its grammar expected
 * ("bad indentation of a mapping entry", "deficient indentation"), which is seldom what
 * the person editing the file did: a tab, a line indented one step too far, a quote or
 * bracket left open lines above. The text around the error tells which, and the error
 * is moved to where the mistake is when that is elsewhere (the opening quote). The
 * words are ours only: nothing of the file is quoted in them.
 */

export interface PlainError {
  /** One sentence, without the "YAML syntax error" before it. */
  readonly words: string;
  /** Where the mistake is, in the parsed text. */
  readonly offset: number;
}

interface Line {
  readonly start: number;
  readonly text: string;
}

function lineAt(text: string, offset: number): Line {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return { start, text: text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '') };
}

/** The last line before `start` that holds something other than blanks and a comment. */
function previousContentLine(text: string, start: number): Line | undefined {
  let end = start - 1;
  while (end > 0) {
    const line = lineAt(text, end);
    if (!/^\s*(#.*)?$/.test(line.text)) return line;
    end = line.start - 1;
  }
  return undefined;
}

const indentOf = (line: string): number => /^ */.exec(line)![0].length;

/**
 * Whether a quote or bracket at `i` opens a value: first on its line, or after `key:` or
 * `- ` (in a flow collection, after `[`, `{`, `,` or `:`). Looks back over blanks only,
 * so that a long line costs no more than its length.
 */
function opensValue(text: string, lineStart: number, i: number, inFlow: boolean): boolean {
  let k = i - 1;
  while (k >= lineStart && (text[k] === ' ' || text[k] === '\t')) k -= 1;
  if (k < lineStart) return true;
  const before = text[k]!;
  if (inFlow) return before === '[' || before === '{' || before === ',' || before === ':';
  return before === ':' || (before === '-' && (k === lineStart || text[k - 1] === ' ' || text[k - 1] === '\t'));
}

/**
 * The quote or bracket left open before `end`, if any: a small scan of the text that
 * knows comments, quotes (their escapes) and flow collections, enough to say which
 * opening the parser ran past.
 */
export function openBefore(text: string, end: number): { kind: 'quote' | 'bracket'; offset: number } | undefined {
  const brackets: number[] = [];
  let quote: { char: string; offset: number } | undefined;
  let lineStart = 0;
  for (let i = 0; i < end; i += 1) {
    const char = text[i]!;
    if (char === '\n') {
      lineStart = i + 1;
      continue;
    }
    if (quote) {
      if (quote.char === '"' && char === '\\') i += 1;
      else if (quote.char === "'" && char === "'" && text[i + 1] === "'") i += 1;
      else if (char === quote.char) quote = undefined;
      continue;
    }
    if (char === '#' && (i === lineStart || /\s/.test(text[i - 1]!))) {
      const next = text.indexOf('\n', i);
      i = (next === -1 ? end : Math.min(next, end)) - 1;
      continue;
    }
    if ((char === '"' || char === "'") && opensValue(text, lineStart, i, brackets.length > 0)) quote = { char, offset: i };
    else if ((char === '[' || char === '{') && (brackets.length > 0 || opensValue(text, lineStart, i, false))) brackets.push(i);
    else if ((char === ']' || char === '}') && brackets.length > 0) brackets.pop();
  }
  if (quote) return { kind: 'quote', offset: quote.offset };
  if (brackets.length > 0) return { kind: 'bracket', offset: brackets[brackets.length - 1]! };
  return undefined;
}

const QUOTE = 'a quote is not closed: this quote has no closing one';
const BRACKET = 'a bracket is not closed: this [ or { needs its ] or }';
const TAB = 'a tab cannot indent YAML; indent with spaces';
const MORE = 'this line is indented more than the one above it';
const COLON_SPACE = 'a colon needs a space after it (key: value)';

/** Reasons that come of a line that does not fit the lines around it. */
const INDENTATION = /^(bad indentation of a (mapping|sequence) entry|deficient indentation|end of the stream or a document separator is expected|can not read a block mapping entry)/;

/** A line whose indentation the parser could not follow: what is most likely wrong with it. */
function indentationError(reason: string, text: string, offset: number): PlainError {
  const line = lineAt(text, offset);
  const lead = /^[ \t]*/.exec(line.text)![0];
  if (lead.includes('\t')) return { words: TAB, offset: line.start + lead.indexOf('\t') };
  const open = openBefore(text, line.start);
  if (open) return { words: open.kind === 'quote' ? QUOTE : BRACKET, offset: open.offset };
  const column = offset - line.start;
  const at = text[offset];
  if ((at === ']' || at === '}') && !/^bad indentation/.test(reason)) return { words: 'a closing bracket that no [ or { opened', offset };
  if ((at === '@' || at === '`') && /:\s*$/.test(line.text.slice(0, column))) return { words: `a value cannot start with ${at}: put it in quotes`, offset };
  const key = /^\s*(- +)?[^\s#][^:#]*?:\s/.exec(line.text);
  if (key && column >= key[0].length && line.text[column] === ':') {
    return { words: 'a value holds ": " (a colon and a space): put the value in quotes', offset: line.start + key[0].length };
  }
  const previous = previousContentLine(text, line.start);
  const start = line.start + lead.length;
  if (/^can not read a block mapping entry/.test(reason)) {
    // The parser reads on past a `key:value` (no space) as the start of a longer key: look at the lines above.
    let above = line.text.trim() === '' ? previous : line;
    const subject = above;
    for (let count = 0; above && count < 3; count += 1, above = previousContentLine(text, above.start)) {
      if (/^\s*(- +)?[^\s:#"'][^\s:]*:[^\s]/.test(above.text)) return { words: COLON_SPACE, offset: above.start + above.text.indexOf(':') + 1 };
    }
    return { words: 'this line has no colon: write key: value (or - item in a list)', offset: subject ? subject.start + indentOf(subject.text) : start };
  }
  if (previous && lead.length > indentOf(previous.text) && !/(:|[|>][-+0-9]*|-)\s*(#.*)?$/.test(previous.text)) return { words: MORE, offset: start };
  if (/^bad indentation of a sequence entry/.test(reason)) return { words: 'this list item is not indented like the items above it', offset: start };
  if (previous && lead.length < indentOf(previous.text) && /^deficient/.test(reason)) return { words: 'this line is indented less than the value above it needs', offset: start };
  if (/^\s*- /.test(line.text) && previous && !/^\s*- /.test(previous.text) && !/:\s*(#.*)?$/.test(previous.text)) {
    return { words: 'a list item where a key was expected: this line does not fit the lines above it', offset: start };
  }
  return { words: 'this line is not indented like the lines around it', offset: start };
}

/** The plain words of a js-yaml reason at an offset of `text`; undefined for reasons these words do not know. */
export function plainSyntaxError(reason: string, text: string, offset: number): PlainError | undefined {
  if (/^tab characters must not be used in indentation/.test(reason)) {
    const line = lineAt(text, offset);
    const tab = line.text.indexOf('\t');
    return { words: TAB, offset: tab === -1 ? offset : line.start + tab };
  }
  if (INDENTATION.test(reason)) return indentationError(reason, text, offset);
  if (/^duplicated mapping key/.test(reason)) return { words: 'a key is written twice in the same mapping (here the second time): keep one', offset };
  if (/^unexpected end of the (stream|document) within a (single|double) quoted scalar/.test(reason)) {
    const open = openBefore(text, offset);
    return { words: QUOTE, offset: open?.kind === 'quote' ? open.offset : offset };
  }
  if (/^unexpected end of the stream within a flow collection/.test(reason)) {
    const open = openBefore(text, offset);
    return { words: BRACKET, offset: open?.kind === 'bracket' ? open.offset : offset };
  }
  if (/^missed comma between flow collection entries/.test(reason)) return { words: 'a comma is missing between two items in [ ] or { }', offset };
  if (/^a whitespace character is expected after the key-value separator/.test(reason)) return { words: COLON_SPACE, offset };
  if (/^(unknown escape sequence|expected hexadecimal character)/.test(reason)) {
    return { words: 'a backslash in double quotes starts an escape YAML does not know: write \\\\ for a backslash, or use single quotes', offset };
  }
  if (/^the stream contains non-printable characters/.test(reason)) return { words: 'the file holds a control character that YAML does not allow', offset };
  if (/^(unknown (scalar )?tag|undeclared tag handle|tag name cannot contain|tag suffix cannot contain)/.test(reason)) {
    return { words: 'a value starts with ! (a YAML tag): put it in quotes', offset };
  }
  if (/^name of an (anchor|alias) node must contain/.test(reason)) return { words: 'a value starts with & or * (a YAML anchor or alias): put it in quotes', offset };
  if (/^expected a single document in the stream/.test(reason)) {
    const separator = /^---[ \t]*$/m.exec(text.slice(1));
    return { words: 'the file holds more than one YAML document: a "---" line starts a second one', offset: separator ? separator.index + 1 : offset };
  }
  if (/^nesting exceeded maxDepth/.test(reason)) return { words: 'the YAML is nested more than 100 levels deep', offset };
  return undefined;
}
