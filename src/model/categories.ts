import type { Category } from './types.ts';

/**
 * The category a touchpoint's role gives it when it names none: what most banks' and
 * insurers' contact policies, and the runtime tools that apply them, would call it.
 * A touchpoint without a role is `service`: nothing says it sells.
 */
export const ROLE_CATEGORIES: Readonly<Record<string, Category>> = {
  acquisition: 'marketing',
  retention: 'marketing',
  conversion: 'transactional',
  billing: 'transactional',
  information: 'service',
  onboarding: 'service',
  usage: 'service',
  support: 'service',
  feedback: 'service',
};

export const CATEGORIES: readonly Category[] = ['marketing', 'service', 'transactional', 'regulatory'];

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

/** The category of a touchpoint: the one written, else its role's, else `service`. */
export function categoryFor(written: unknown, role: string | undefined): Category {
  // The list's own string, not the file's: touchpoints then share one string per category.
  if (isCategory(written)) return CATEGORIES[CATEGORIES.indexOf(written)]!;
  return (role !== undefined && Object.hasOwn(ROLE_CATEGORIES, role) ? ROLE_CATEGORIES[role] : undefined) ?? 'service';
}
