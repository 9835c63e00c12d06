/** Ids of journeys, stages, touchpoints, owners, channels, personas and scenarios. */
export const ID_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';
const ID = new RegExp(ID_PATTERN);

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value);
}

/** A kebab-case id suggested for arbitrary text: `Welcome Email!` -> `welcome-email`. */
export function toId(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
