import { withoutMentions } from '../format/markdown.ts';

/** User text made safe for a Markdown table cell and for GitHub's HTML, mentioning nobody. */
export function cell(value: unknown, max = 300): string {
  if (value === undefined || value === null || value === '') return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const short = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return withoutMentions(
    short
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\|/g, '&#124;')
      .replace(/`/g, '&#96;')
      .replace(/\[/g, '&#91;')
      .replace(/\r\n|\r|\n/g, '<br>'),
  );
}

/**
 * User text for a cell where we add emphasis of our own (`~~removed~~ **added**`): a `*`,
 * `_`, `~` or backslash the user wrote is escaped, so that only our markers mark.
 */
export function plainCell(value: string, max = 300): string {
  return cell(value, max).replace(/[\\*_~]/g, '\\$&');
}

/** Words removed, struck through. */
export const struck = (text: string): string => (text.trim() === '' ? text : `~~${text}~~`);
/** Words added, in bold. */
export const bold = (text: string): string => (text.trim() === '' ? text : `**${text}**`);
