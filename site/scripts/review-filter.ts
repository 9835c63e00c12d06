/**
 * The quarterly review's filters, in the reader's browser (site/components/Review.astro).
 */
import { pageAddresses } from './page-addresses.ts';

// Filters in place: rows whose team and journey match stay, sections left empty hide.
// The choice is kept in the address, so that a filtered review can be shared. A review
// of several pages fetches the others once a filter is chosen, so that it covers them
// all; with no filter, this page's journeys show again, and the pager.
const form = document.querySelector<HTMLFormElement>('[data-review-filters]');
const list = document.querySelector<HTMLElement>('[data-review-list]');
if (form && list) {
  form.hidden = false;
  const team = form.elements.namedItem('team') as HTMLSelectElement;
  const journey = form.elements.namedItem('journey') as HTMLSelectElement;
  const count = form.querySelector<HTMLElement>('[data-review-count]')!;
  const none = document.querySelector<HTMLElement>('[data-review-none]');
  const pager = document.querySelector<HTMLElement>('[data-pager]');
  const here = Number(form.dataset.page ?? '1');
  const others = pageAddresses(form)
    .map((href, index) => ({ number: index + 1, href }))
    .filter((other) => other.number !== here);
  const total = Number(form.dataset.total ?? '0');
  let loading: Promise<void> | undefined;
  const loadOthers = (): Promise<void> =>
    (loading ??= (async () => {
      const pages = await Promise.all(
        others.map(async (other) => {
          const response = await fetch(other.href);
          return { number: other.number, page: new DOMParser().parseFromString(await response.text(), 'text/html') };
        }),
      );
      const first = list.firstElementChild;
      for (const { number, page } of pages.sort((a, b) => a.number - b.number)) {
        for (const section of page.querySelectorAll<HTMLElement>('[data-review-list] .review-journey')) {
          const copy = document.importNode(section, true);
          copy.dataset.otherPage = String(number);
          copy.classList.remove('review-journey-first');
          if (number < here && first) list.insertBefore(copy, first);
          else list.append(copy);
        }
      }
    })());
  // The journeys to choose from are one file per review, not a list in each of its pages.
  const journeysListed = (async () => {
    try {
      const response = await fetch(journey.dataset.journeys ?? '');
      const journeys = (await response.json()) as { slug: string; title: string }[];
      journey.append(...journeys.map(({ slug, title }) => new Option(title, slug)));
    } catch {
      // Offline or the file missing: the journey filter offers all journeys only.
    }
  })();
  const params = new URLSearchParams(location.search);
  const choose = (select: HTMLSelectElement): void => {
    const wanted = params.get(select.name);
    if (wanted && [...select.options].some((option) => option.value === wanted)) select.value = wanted;
  };
  const apply = async (): Promise<void> => {
    const filtering = Boolean(team.value || journey.value);
    if (filtering && others.length > 0) {
      count.textContent = form.getAttribute('data-msg-loading') ?? '…';
      try {
        await loadOthers();
      } catch {
        // Offline or a page missing: the filter covers the pages at hand.
      }
    }
    let shown = 0;
    for (const section of list.querySelectorAll<HTMLElement>('.review-journey')) {
      let inSection = 0;
      const away = !filtering && section.dataset.otherPage !== undefined;
      for (const row of section.querySelectorAll<HTMLElement>('tbody tr')) {
        const visible = !away && (!team.value || row.dataset.team === team.value) && (!journey.value || row.dataset.journey === journey.value);
        row.hidden = !visible;
        if (visible) inSection += 1;
      }
      section.hidden = inSection === 0;
      shown += inSection;
    }
    if (pager) pager.hidden = filtering;
    const figures: Record<string, string> = { shown: shown.toLocaleString(document.documentElement.lang || undefined), total: total.toLocaleString(document.documentElement.lang || undefined) };
    const said = (name: string, fallback: string): string => (form.getAttribute(`data-msg-${name}`) ?? fallback).replace(/\{(\w+)\}/g, (whole, key: string) => figures[key] ?? whole);
    count.textContent = !filtering ? (total === 1 ? said('all-one', '1 KPI') : said('all', `${total} KPIs`)) : said('some', `${shown} of ${total} KPIs`);
    if (none) none.hidden = shown > 0 || !filtering;
    const next = new URLSearchParams();
    if (team.value) next.set('team', team.value);
    if (journey.value) next.set('journey', journey.value);
    const query = next.toString();
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  };
  form.addEventListener('change', () => void apply());
  form.addEventListener('submit', (event) => event.preventDefault());
  choose(team);
  void journeysListed.then(() => {
    choose(journey);
    return apply();
  });
}
