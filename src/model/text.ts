/** Short, quoted rendering of a user's value for messages: long values are cut, never printed whole. */
export function quote(value: unknown, max = 60): string {
  if (typeof value === 'string') {
    const oneLine = value.replace(/\s+/g, ' ');
    return JSON.stringify(oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine);
  }
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a group of fields';
  return String(value);
}

/** What kind of value a user wrote, in plain words. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a group of fields';
  if (typeof value === 'string') return `text (${quote(value)})`;
  if (typeof value === 'boolean') return `${value}`;
  if (typeof value === 'number') return Number.isInteger(value) ? `the number ${value}` : `the number ${value}`;
  return typeof value;
}

let grouped: Intl.NumberFormat | undefined;

/**
 * A number as English writes it in a message (`1,234`, `0.5`): a whole number below 1,000
 * is its digits, without Intl, whose first use in a process costs 15-25 ms (a cached lint
 * of 1,000 journeys takes about 500 ms, and one finding's count paid for it).
 */
export function formatCount(value: number): string {
  if (Number.isInteger(value) && value > -1000 && value < 1000 && !Object.is(value, -0)) return String(value);
  return (grouped ??= new Intl.NumberFormat('en')).format(value);
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}
