/**
 * Filters and sorts a catalogue list in place. The page is one of several static pages
 * of a bounded size; once a filter or another order is chosen, the list's other pages
 * are fetched and their entries merged in, so that the filter covers the whole list.
 * Entries say what they can be filtered by in data-f-<facet> (the places of their values
 * among the facet's options, after "all": facetAttributes in the engine) and their
 * place in each order in data-order-<order>, both computed at build time: this script
 * holds no rule of its own. Without JavaScript the form stays hidden and the pages are
 * read one after the other.
 */

import { pageAddresses } from './page-addresses.ts';

/** A facet, and the place of the value chosen among its values. */
type Choice = readonly [facet: string, place: number];

const values = new WeakMap<Element, Map<string, readonly number[]>>();

/** The places of an entry's values among the facet's (data-f-<facet>="0 4"). */
function facetPlaces(entry: Element, facet: string): readonly number[] {
  let known = values.get(entry);
  if (!known) values.set(entry, (known = new Map()));
  let list = known.get(facet);
  if (!list) {
    list = (entry.getAttribute(`data-f-${facet}`) ?? '')
      .split(' ')
      .filter((place) => place !== '')
      .map(Number);
    known.set(facet, list);
  }
  return list;
}

function order(entry: Element, key: string): number {
  const value = Number(entry.getAttribute(`data-order-${key}`));
  return Number.isFinite(value) ? value : Number.MAX_SAFE_INTEGER;
}

/** Puts a fetched page's entries into this page's list: into the group of the same id when there is one. */
function merge(list: Element, from: Document): void {
  const theirs = from.querySelector('[data-list]');
  if (!theirs) return;
  if (list.querySelector('[data-group]') === null && theirs.querySelector('[data-group]') === null) {
    for (const entry of [...theirs.querySelectorAll('[data-entry]')]) list.append(document.importNode(entry, true));
    return;
  }
  for (const group of [...theirs.querySelectorAll<HTMLElement>('[data-group]')]) {
    const id = group.getAttribute('data-group') ?? '';
    const mine = [...list.querySelectorAll<HTMLElement>('[data-group]')].find((candidate) => candidate.getAttribute('data-group') === id);
    if (mine) {
      const items = mine.querySelector('[data-group-items]') ?? mine;
      for (const entry of [...group.querySelectorAll('[data-entry]')]) items.append(document.importNode(entry, true));
    } else {
      const copy = document.importNode(group, true);
      copy.querySelector('[data-continued]')?.remove();
      list.append(copy);
    }
  }
}

function setUp(root: HTMLElement): void {
  const form = root.querySelector<HTMLFormElement>('form[data-filters]');
  const list = root.querySelector<HTMLElement>('[data-list]');
  if (!form || !list) return;
  const status = root.querySelector<HTMLElement>('[data-status]');
  const pagers = [...root.querySelectorAll<HTMLElement>('[data-pager]')];
  const noun = root.getAttribute('data-noun') ?? 'entries';
  const total = Number(root.getAttribute('data-total')) || 0;
  const pages = pageAddresses(root);
  const here = new URL(location.href).pathname;
  const own = new Set(list.querySelectorAll('[data-entry]'));
  const selects = [...form.querySelectorAll<HTMLSelectElement>('select[data-facet]')];
  const sort = form.querySelector<HTMLSelectElement>('select[data-sort]');
  const defaultSort = sort?.options[0]?.value ?? '';
  let loading: Promise<void> | undefined;
  /** The form's words for a status, in the site's language (data-msg-*), its {figures} filled in. */
  const message = (name: string, fallback: string, figures: Readonly<Record<string, string>> = {}): string =>
    (form.getAttribute(`data-msg-${name}`) ?? fallback).replace(/\{(\w+)\}/g, (whole, key: string) => figures[key] ?? whole);

  const loadAll = (): Promise<void> =>
    (loading ??= (async () => {
      if (status) status.textContent = message('loading', `Loading all ${noun}…`);
      const others = pages.filter((page) => new URL(page, location.href).pathname !== here);
      const documents = await Promise.all(
        others.map(async (page) => {
          const response = await fetch(page);
          if (!response.ok) throw new Error(`${page}: ${response.status}`);
          return new DOMParser().parseFromString(await response.text(), 'text/html');
        }),
      );
      // In the pages' order, so that the default order stays the list's.
      const number = (doc: Document): number => Number(doc.querySelector('[data-catalogue]')?.getAttribute('data-page')) || 0;
      const current = Number(root.getAttribute('data-page')) || 0;
      for (const doc of documents.filter((one) => number(one) < current).reverse()) {
        const before = list.firstElementChild;
        const scratch = document.createElement(list.tagName);
        merge(scratch, doc);
        for (const child of [...scratch.children]) list.insertBefore(child, before);
      }
      for (const doc of documents.filter((one) => number(one) > current)) merge(list, doc);
      // Groups split across pages are one again: the first of each keeps its place.
      const seen = new Map<string, Element>();
      for (const group of [...list.querySelectorAll('[data-group]')]) {
        const id = group.getAttribute('data-group') ?? '';
        const first = seen.get(id);
        if (!first) {
          seen.set(id, group);
          continue;
        }
        const items = first.querySelector('[data-group-items]') ?? first;
        for (const entry of [...group.querySelectorAll('[data-entry]')]) items.append(entry);
        group.remove();
      }
      for (const group of seen.values()) group.querySelector('[data-continued]')?.setAttribute('hidden', '');
    })());

  const apply = async (): Promise<void> => {
    // The first option is "all": the others are the facet's values in order.
    const chosen: Choice[] = selects.filter((select) => select.selectedIndex > 0).map((select) => [select.getAttribute('data-facet') ?? select.name, select.selectedIndex - 1] as const);
    const by = sort?.value ?? defaultSort;
    const whole = chosen.length > 0 || by !== defaultSort;
    let failed = false;
    if (whole) {
      try {
        await loadAll();
      } catch {
        failed = true;
      }
    }
    const entries = [...list.querySelectorAll<HTMLElement>('[data-entry]')];
    let shown = 0;
    for (const entry of entries) {
      const visible = whole ? chosen.every(([facet, place]) => facetPlaces(entry, facet).includes(place)) : own.has(entry);
      entry.hidden = !visible;
      if (visible) shown += 1;
    }
    const key = whole ? by : defaultSort;
    if (key !== '') {
      const parents = new Set(entries.map((entry) => entry.parentElement).filter((parent): parent is HTMLElement => parent !== null));
      for (const parent of parents) {
        const children = [...parent.children].filter((child) => child.hasAttribute('data-entry'));
        children.sort((a, b) => order(a, key) - order(b, key));
        for (const child of children) parent.append(child);
      }
    }
    for (const group of list.querySelectorAll<HTMLElement>('[data-group]')) group.hidden = group.querySelector('[data-entry]:not([hidden])') === null;
    for (const pager of pagers) pager.hidden = whole;
    if (status) {
      const figures = { shown: shown.toLocaleString(document.documentElement.lang || undefined), total: total.toLocaleString(document.documentElement.lang || undefined) };
      status.textContent = failed
        ? message('failed', `Could not load every page of ${noun}: ${shown} shown from the pages loaded.`, figures)
        : whole
          ? chosen.length > 0
            ? message('filtered', `${shown} of ${total} ${noun} shown, filtered.`, figures)
            : message('shown', `${shown} of ${total} ${noun} shown.`, figures)
          : '';
    }
    const url = new URL(location.href);
    for (const select of selects) {
      if (select.value === '') url.searchParams.delete(select.name);
      else url.searchParams.set(select.name, select.value);
    }
    if (sort && sort.value !== defaultSort) url.searchParams.set('sort', sort.value);
    else url.searchParams.delete('sort');
    history.replaceState(null, '', url);
  };

  // A link may choose the filter: ?channel=email.
  const params = new URL(location.href).searchParams;
  for (const select of [...selects, ...(sort ? [sort] : [])]) {
    const wanted = params.get(select.name);
    if (wanted !== null && [...select.options].some((option) => option.value === wanted)) select.value = wanted;
  }
  form.addEventListener('change', () => void apply());
  form.addEventListener('reset', () => setTimeout(() => void apply(), 0));
  form.addEventListener('submit', (event) => event.preventDefault());
  form.hidden = false;
  if ([...params.keys()].length > 0) void apply();
}

for (const root of document.querySelectorAll<HTMLElement>('[data-catalogue]')) setUp(root);
