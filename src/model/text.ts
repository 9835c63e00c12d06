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
 * A number as English writes it in a message (`1,234`, `0.5`): a whole number is grouped
 * by thousands here, without Intl, whose first use in a process costs 15-25 ms (a cached
 * lint of 1,000 journeys takes about 500 ms, and its summary's count paid for it).
 */
export function formatCount(value: number): string {
  if (!Number.isSafeInteger(value) || Object.is(value, -0)) return (grouped ??= new Intl.NumberFormat('en')).format(value);
  const digits = String(Math.abs(value));
  let text = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let at = text.length; at < digits.length; at += 3) text += `,${digits.slice(at, at + 3)}`;
  return value < 0 ? `-${text}` : text;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}

/** What a message calls a journey: its id, or its file when it has none (the schema finding says the field is missing). */
export function journeyName(journey: { readonly id: string; readonly ref: { readonly file: string } }): string {
  return journey.id || journey.ref.file;
}
