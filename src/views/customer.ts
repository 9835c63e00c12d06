/**
 * What one customer lives: for each persona, the first 90 days across every journey, day
 * by day and channel by channel, from the scenario written for that persona, else from
 * the implicit scenarios (every trigger happening to them on day 0), else a word on what
 * to write. Pure: the simulated timelines and the site's views are given.
 */
import { formatTimeOfDay } from '../model/duration.ts';
import type { Repository } from '../model/types.ts';
import type { Send, Timeline } from '../simulate/timeline.ts';
import { channelStyle } from './channel-style.ts';
import { slugFor } from './model.ts';
import { dayLabel, translator } from './i18n.ts';
import type { ChannelStyleView, ChannelView, JourneyView, RefView, ScenarioView } from './types.ts';

/** The days the view covers: day 0 to day 89. */
export const CUSTOMER_DAYS = 90;
const DAY = 24 * 60;

export interface CustomerSend {
  readonly clock: string;
  readonly channel: string;
  readonly outbound: boolean;
  readonly journeySlug?: string;
  readonly journeyTitle: string;
  readonly touchpoint: string;
  readonly touchpointName: string;
  readonly anchor?: string;
}

export interface CustomerDay {
  readonly day: number;
  /** `day 3`, or the date with a start date. */
  readonly label: string;
  readonly sends: readonly CustomerSend[];
}

/** One channel of the heat grid: a count per day, day 0 first. */
export interface CustomerChannelRow {
  readonly channel: RefView & { readonly outbound: boolean };
  readonly style: ChannelStyleView;
  readonly counts: readonly number[];
  readonly total: number;
}

export interface CustomerView {
  readonly slug: string;
  /** Undefined for the customer of a repository that declares no persona. */
  readonly persona?: RefView;
  readonly title: string;
  /** Where the days come from: a written scenario, the implicit ones, or nothing yet. */
  readonly source: 'scenario' | 'implicit' | 'none';
  readonly scenario?: { readonly id: string; readonly title: string; readonly slug?: string };
  /** Other written scenarios of this persona, not shown. */
  readonly otherScenarios: number;
  /** The implicit scenarios merged (one per trigger). */
  readonly implicitScenarios: number;
  readonly start?: string;
  readonly channels: readonly CustomerChannelRow[];
  /** The largest count of one day and channel, for the grid's shades. */
  readonly max: number;
  readonly sends: number;
  readonly outbound: number;
  /** Days with at least one send. */
  readonly activeDays: number;
  readonly busiest?: { readonly day: number; readonly label: string; readonly sends: number };
  /** Days with sends, in order. */
  readonly days: readonly CustomerDay[];
  /** Sends after the 90 days, not shown. */
  readonly later: number;
  /** What to write to see this customer, when there is nothing to simulate. */
  readonly advice?: string;
}

export interface CustomerInput {
  readonly repo: Repository;
  readonly timelines: readonly Timeline[];
  readonly journeys: readonly JourneyView[];
  readonly channels: readonly ChannelView[];
  readonly scenarios: readonly ScenarioView[];
}

const scenarioRef = (timeline: Timeline, view: ScenarioView | undefined): NonNullable<CustomerView['scenario']> => ({
  id: timeline.scenario.id,
  title: view?.title ?? timeline.scenario.title ?? timeline.scenario.id,
  ...(view ? { slug: view.slug } : {}),
});

const styleView = (id: string): ChannelStyleView => {
  const { light, dark, glyph, icon } = channelStyle(id);
  return { light, dark, glyph, icon };
};

/** The first 90 days of each persona's customer (or of the one customer when no persona is declared). */
export function customerViews(input: CustomerInput): CustomerView[] {
  const { repo, timelines } = input;
  const journeyById = new Map<string, JourneyView>();
  for (const journey of input.journeys) if (!journeyById.has(journey.id)) journeyById.set(journey.id, journey);
  const channelById = new Map(input.channels.map((channel) => [channel.id, channel]));
  const scenarioView = new Map(input.scenarios.map((scenario) => [scenario.id, scenario]));
  const personas: readonly (RefView | undefined)[] = repo.personas.length > 0 ? repo.personas.map((persona) => ({ id: persona.id, name: persona.name ?? persona.id })) : [undefined];
  const taken = new Set<string>();
  const implicitOn = repo.config.policy.implicitScenarios === true;
  const words = translator(repo.config.locale);

  return personas.map((persona) => {
    const slug = slugFor(persona?.id ?? 'any-customer', taken);
    const title = persona ? persona.name : words.t('customer.any');
    const written = timelines.filter((timeline) => !timeline.scenario.implicit && timeline.scenario.persona === persona?.id);
    const implicit = implicitOn && written.length === 0 ? timelines.filter((timeline) => timeline.scenario.implicit && timeline.scenario.persona === persona?.id) : [];
    const chosen = written[0];
    const source = chosen ? 'scenario' : implicit.length > 0 ? 'implicit' : 'none';
    const sends: Send[] = chosen ? [...chosen.sends] : implicit.flatMap((timeline) => timeline.sends).sort((a, b) => a.time - b.time);
    const start = chosen?.scenario.start;

    const inside = sends.filter((send) => send.time >= 0 && send.time < CUSTOMER_DAYS * DAY);
    const rows = new Map<string, number[]>();
    const byDay = new Map<number, CustomerSend[]>();
    for (const send of inside) {
      const day = Math.floor(send.time / DAY);
      let counts = rows.get(send.channel);
      if (!counts) rows.set(send.channel, (counts = Array.from({ length: CUSTOMER_DAYS }, () => 0)));
      counts[day]! += 1;
      const journey = journeyById.get(send.journey.id);
      const touchpoint = journey?.touchpoints.find((candidate) => candidate.id === send.touchpoint.id);
      let list = byDay.get(day);
      if (!list) byDay.set(day, (list = []));
      list.push({
        clock: formatTimeOfDay(send.time),
        channel: send.channel,
        outbound: send.outbound,
        ...(journey ? { journeySlug: journey.slug } : {}),
        journeyTitle: journey?.title ?? send.journey.id,
        touchpoint: send.touchpoint.id,
        touchpointName: touchpoint?.name ?? send.touchpoint.id,
        ...(touchpoint ? { anchor: touchpoint.anchor } : {}),
      });
    }
    // Channels in the repository's order (built-in first), so that grids of two personas line up.
    const order = new Map(repo.channels.map((channel, index) => [channel.id, index]));
    const channels: CustomerChannelRow[] = [...rows]
      .sort(([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, counts]) => {
        const known = channelById.get(id);
        return {
          channel: { id, name: known?.name ?? id, ...(known ? { slug: known.slug } : {}), outbound: known?.outbound ?? inside.some((send) => send.channel === id && send.outbound) },
          style: styleView(id),
          counts,
          total: counts.reduce((sum, count) => sum + count, 0),
        };
      });
    let max = 0;
    for (const row of channels) for (const count of row.counts) if (count > max) max = count;
    const days: CustomerDay[] = [...byDay]
      .sort(([a], [b]) => a - b)
      .map(([day, list]) => ({ day, label: dayLabel(words, day, start), sends: list }));
    let busiest: CustomerView['busiest'];
    for (const day of days) if (!busiest || day.sends.length > busiest.sends) busiest = { day: day.day, label: day.label, sends: day.sends.length };
    const who = persona ? `persona: ${persona.id}` : 'no persona';
    const advice =
      source === 'none'
        ? words.t('customer.advice', `journeys/scenarios/${slug}-first-90-days.scenario.yaml`, who)
        : undefined;
    return {
      slug,
      ...(persona ? { persona } : {}),
      title,
      source,
      ...(chosen ? { scenario: scenarioRef(chosen, scenarioView.get(chosen.scenario.id)) } : {}),
      otherScenarios: Math.max(0, written.length - 1),
      implicitScenarios: implicit.length,
      ...(start ? { start } : {}),
      channels,
      max,
      sends: inside.length,
      outbound: inside.filter((send) => send.outbound).length,
      activeDays: days.length,
      ...(busiest ? { busiest } : {}),
      days,
      later: sends.length - inside.length,
      ...(advice ? { advice } : {}),
    };
  });
}
