/**
 * The addresses of a paged list's pages, in order, from the attributes the site writes
 * on the list (pagesAttributes in site/lib/paths.ts); none when they are missing.
 */
export function pageAddresses(element: Element): string[] {
  const count = Number(element.getAttribute('data-page-count'));
  const first = element.getAttribute('data-page-first');
  const pattern = element.getAttribute('data-page-pattern');
  if (first === null || pattern === null || !Number.isInteger(count) || count < 1) return [];
  return Array.from({ length: count }, (_, index) => (index === 0 ? first : pattern.replace('{n}', String(index + 1))));
}
