/**
 * The catalogue's view data on a generated repository of 150 journeys: pages of a
 * bounded size that cover every entry once, facets that count what they filter, sort
 * orders, the findings grouped by rule with the page each group starts on, what the
 * home page leads with, and the channel x stage matrix by stage position.
 */
import { describe, expect, it } from 'vitest';
import {
  attention,
  facetAttributes,
  facetsFor,
  filterEntries,
  findingCatalogue,
  journeyEntries,
  pageLinks,
  pagePath,
  paginate,
  positionMatrix,
  siteSnapshot,
  sortBy,
  touchpointEntries,
  JOURNEY_SORTS,
  JOURNEYS_PER_PAGE,
  type JourneyEntry,
} from '../src/index.ts';
import { catalogueFiles } from './helpers/catalogue-repo.ts';
import { TODAY, writeRepo } from './helpers/repo.ts';

const model = siteSnapshot(writeRepo(catalogueFiles(150)), { markdown: (text) => text, today: TODAY, noGit: true });
const journeys = journeyEntries(model.journeys);

describe('paging', () => {
  it('cuts a list into pages of at most the size, covering every entry once, in order', () => {
    const items = Array.from({ length: 151 }, (_, index) => index);
    const pages = paginate(items, 50);
    expect(pages.map((page) => [page.number, page.count, page.from, page.to, page.items.length])).toEqual([
      [1, 4, 1, 50, 50],
      [2, 4, 51, 100, 50],
      [3, 4, 101, 150, 50],
      [4, 4, 151, 151, 1],
    ]);
    expect(pages.flatMap((page) => page.items)).toEqual(items);
  });

  it('makes one empty page of an empty list, and refuses a page of no entry', () => {
    expect(paginate([], 50)).toEqual([{ number: 1, count: 1, from: 0, to: 0, total: 0, items: [] }]);
    expect(() => paginate([1], 0)).toThrow(RangeError);
  });

  it('names the first page by the list and the others under page/', () => {
    expect(pagePath('journeys/', 1)).toBe('journeys/');
    expect(pagePath('journeys/', 3)).toBe('journeys/page/3/');
  });

  it('links to the first, the last and the pages around the current one, with gaps', () => {
    expect(pageLinks(1, 3)).toEqual([1, 2, 3]);
    expect(pageLinks(10, 20)).toEqual([1, undefined, 8, 9, 10, 11, 12, undefined, 20]);
    expect(pageLinks(1, 20)).toEqual([1, 2, 3, undefined, 20]);
    expect(pageLinks(1, 1)).toEqual([1]);
  });
});

describe('journeys', () => {
  it('lists every journey once, those with errors first, then warnings, then the lowest grade', () => {
    expect(journeys).toHaveLength(150);
    expect(new Set(journeys.map((entry) => entry.slug)).size).toBe(150);
    const firstHealthy = journeys.findIndex((entry) => entry.health !== 'errors');
    expect(firstHealthy).toBe(21);
    expect(journeys.slice(firstHealthy).every((entry) => entry.health !== 'errors')).toBe(true);
    const rank = { errors: 0, warnings: 1, notes: 2, healthy: 2 } as const;
    for (let index = 1; index < journeys.length; index += 1) {
      const [a, b] = [journeys[index - 1]!, journeys[index]!];
      expect(rank[a.health] <= rank[b.health] || (a.counts.errors === b.counts.errors && a.counts.warnings === b.counts.warnings), `${a.slug} before ${b.slug}`).toBe(true);
    }
    expect(journeys.map((entry) => entry.order.attention)).toEqual(journeys.map((_, index) => index));
  });

  it('gives each journey its place in every order, each a permutation', () => {
    for (const { key } of JOURNEY_SORTS) {
      const places = journeys.map((entry) => entry.order[key]).sort((a, b) => a - b);
      expect(places, key).toEqual(journeys.map((_, index) => index));
    }
    const byTitle = sortBy(journeys, 'title').map((entry) => entry.title);
    expect(byTitle).toEqual([...byTitle].sort((a, b) => a.localeCompare(b, 'en')));
    const scores = sortBy(journeys, 'grade').map((entry) => entry.grade?.score ?? 101);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    const reviewed = sortBy(journeys, 'reviewed').map((entry) => entry.reviewed);
    expect(reviewed[0]).toBe('2024-01-15');
    expect(reviewed.at(-1)).toBe('2026-10-01');
    const sizes = sortBy(journeys, 'touchpoints').map((entry) => entry.touchpoints);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  it('pages 150 journeys into three pages of at most 50', () => {
    const pages = paginate(journeys, JOURNEYS_PER_PAGE);
    expect(pages.map((page) => page.items.length)).toEqual([50, 50, 50]);
  });

  it('filters by team, channel, persona, stage, health and grade, each value counted', () => {
    const sample = journeys.find((entry) => entry.slug === 'journey-004')!;
    expect(sample.facets).toMatchObject({ persona: ['busy-parent'], health: ['errors'], stage: ['Request', 'Onboard', 'First use', 'Engage', 'Support'] });
    expect(sample.facets.team).toContain('team-billing');
    const byTeam = filterEntries(journeys, { team: ['team-crm'] });
    expect(byTeam.length).toBeGreaterThan(0);
    expect(byTeam.length).toBeLessThan(150);
    for (const entry of byTeam) expect(entry.facets.team).toContain('team-crm');
    const both = filterEntries(journeys, { persona: ['student'], health: ['errors'] });
    expect(both.every((entry) => entry.facets.persona![0] === 'student' && entry.health === 'errors')).toBe(true);
    expect(both.length).toBe(journeys.filter((entry) => entry.facets.persona![0] === 'student' && entry.health === 'errors').length);
    // Several values of one facet: either will do.
    expect(filterEntries(journeys, { health: ['errors', 'warnings'] })).toHaveLength(21 + 36);
    expect(filterEntries(journeys, { health: [] })).toHaveLength(150);
  });

  it("writes an entry's facet values as their places among the facet's values, which the filter script reads against the choices", () => {
    const facets = facetsFor(journeys, model.journeys, ['persona', 'stage', 'health']);
    const attributesOf = facetAttributes(facets);
    for (const entry of journeys) {
      const attributes = attributesOf(entry.facets);
      for (const facet of facets.filter((one) => one.values.length > 1)) {
        const places = attributes[`data-f-${facet.key}`]!.split(' ').filter((place) => place !== '').map(Number);
        expect(places.map((place) => facet.values[place]!.value)).toEqual(entry.facets[facet.key] ?? []);
      }
    }
    const sample = attributesOf(journeys.find((entry) => entry.slug === 'journey-004')!.facets);
    expect(sample['data-f-stage']!.split(' ')).toHaveLength(5);
    // A facet with one value offers no choice: its entries need no attribute.
    const one = facetAttributes([{ key: 'team', label: 'Team', values: [{ value: 'team-crm', label: 'CRM', count: 3 }] }]);
    expect(one({ team: ['team-crm'] })).toEqual({});
  });
});

describe('touchpoints', () => {
  const touchpoints = touchpointEntries(model.journeys);

  it('lists every touchpoint of every journey, with its journey, row and facets', () => {
    expect(touchpoints).toHaveLength(model.site.figures.touchpoints);
    const first = touchpoints.find((entry) => entry.journeySlug === 'journey-001' && entry.id === 'step-1')!;
    expect(first).toMatchObject({ anchor: 'tp-step-1', name: 'Step 1', summary: 'Step 1 of journey-001', stage: 'Discover', channel: { id: 'email' } });
    expect(first.facets).toMatchObject({ team: ['team-crm'], channel: ['email'], persona: ['busy-parent'], stage: ['Discover'] });
    // The touchpoints in a stage the journey lacks come first: they carry the errors.
    expect(touchpoints.slice(0, 21).every((entry) => entry.health === 'errors')).toBe(true);
    expect(sortBy(touchpoints, 'journey')[0]).toMatchObject({ journeySlug: 'journey-001', id: 'step-1' });
  });
});

describe('findings', () => {
  const catalogue = findingCatalogue(model.site.findings, model.journeys, model.rules, 100);

  it('groups the findings by rule, the worst rule first, with counts and the page each starts on', () => {
    expect(catalogue.rules.map((group) => [group.rule, group.severity, group.total, group.page])).toEqual([
      ['unknown-reference', 'error', 21, 1],
      ['stale-journey', 'warning', 30, 1],
      ['empty-stage', 'warning', 21, 1],
      ['priority-gap', 'info', 50, 1],
    ]);
    expect(catalogue.rules[0]).toMatchObject({ rule: 'unknown-reference', severity: 'error', total: 21, page: 1, anchor: 'rule-unknown-reference' });
    expect(catalogue.rules.at(-1)).toMatchObject({ rule: 'priority-gap', severity: 'info', total: 50 });
    expect(catalogue.rules.reduce((sum, group) => sum + group.total, 0)).toBe(model.site.findings.length);
    const warnings = catalogue.rules.filter((group) => group.severity === 'warning').map((group) => group.total);
    expect(warnings).toEqual([...warnings].sort((a, b) => b - a));
  });

  it('pages the findings by 100, each group once per page, continued across pages, starting where the summary says', () => {
    expect(catalogue.pages.map((page) => page.items.length)).toEqual([100, model.site.findings.length - 100]);
    for (const page of catalogue.pages) {
      expect(page.groups.flatMap((group) => group.items)).toEqual(page.items);
      expect(new Set(page.groups.map((group) => group.rule)).size).toBe(page.groups.length);
    }
    for (const group of catalogue.rules) {
      const starts = catalogue.pages.flatMap((page) => page.groups.filter((one) => one.rule === group.rule && !one.continued).map(() => page.number));
      expect(starts, group.rule).toEqual([group.page]);
    }
    const split = catalogue.pages[1]!.groups[0]!;
    expect(split.continued).toBe(catalogue.pages[0]!.groups.at(-1)!.rule === split.rule);
  });

  it("places each finding on its touchpoint's channel, stage and team", () => {
    const broken = catalogue.pages[0]!.items[0]!;
    expect(broken.finding.rule).toBe('unknown-reference');
    expect(broken.facets.severity).toEqual(['error']);
    expect(broken.facets.channel).toHaveLength(1);
    expect(broken.facets.team).toHaveLength(1);
    const severity = catalogue.facets.find((facet) => facet.key === 'severity')!;
    expect(severity.values.map((value) => [value.value, value.count])).toEqual([
      ['error', 21],
      ['warning', 51],
      ['info', 50],
    ]);
  });
});

describe('the home page', () => {
  it('leads with the journeys with errors, the touchpoints to act on first and the worst grades', () => {
    const lead = attention(journeys, model.site.scorecard.quadrant, 8);
    expect(lead.errorCount).toBe(21);
    expect(lead.errors).toHaveLength(8);
    expect(lead.errors.every((entry: JourneyEntry) => entry.health === 'errors')).toBe(true);
    expect(lead.actFirstCount).toBe(50);
    expect(lead.actFirst).toHaveLength(8);
    expect(lead.actFirst.every((point) => point.quadrant === 'act-first' && point.importance === 5)).toBe(true);
    const performance = lead.actFirst.map((point) => point.performance);
    expect(performance).toEqual([...performance].sort((a, b) => a - b));
    const worst = lead.worst.map((entry) => entry.grade!.score);
    expect(worst).toEqual([...worst].sort((a, b) => a - b));
    expect(worst[0]).toBe(Math.min(...journeys.flatMap((entry) => (entry.grade ? [entry.grade.score] : []))));
  });
});

describe('the channel x stage matrix', () => {
  it('puts each touchpoint in the column of its stage position, named by the commonest names', () => {
    const matrix = positionMatrix(model.journeys);
    expect(matrix.columns.map((column) => column.label)).toEqual(['Stage 1', 'Stage 2', 'Stage 3', 'Stage 4', 'Stage 5', 'Stage 6', 'No known stage']);
    expect(matrix.columns[0]!.journeys).toBe(150);
    expect(matrix.columns[5]!.journeys).toBe(30);
    expect(matrix.columns[0]!.names.map((name) => name.name)).toEqual(['Awareness', 'Discover', 'Request']);
    expect(matrix.rows.reduce((sum, row) => sum + row.total, 0)).toBe(model.site.figures.touchpoints);
    for (const row of matrix.rows) expect(row.cells.reduce((a, b) => a + b, 0)).toBe(row.total);
    expect(matrix.rows.reduce((sum, row) => sum + row.cells.at(-1)!, 0)).toBe(21);
    expect(Math.max(...matrix.rows.flatMap((row) => row.cells))).toBe(matrix.max);
  });
});
