import { defineRule } from '../model/rule.ts';
import { formatTimeOfDay } from '../model/duration.ts';
import { child } from '../model/refs.ts';
import { plural } from '../model/text.ts';
import type { Category, Journey, NodeRef, QuietWindow, Repository, Touchpoint, Weekday } from '../model/types.ts';
import { formatMoment } from '../simulate/clock.ts';
import type { CustomerCalendar } from '../simulate/calendar.ts';
import { simulate, type Send } from '../simulate/timeline.ts';

const CONFIG = 'policy:\n  quiet-hours: { from: "21:00", to: "08:00", channels: [sms, push, phone] }\n';
const SCENARIO = 'scenario: late-order\nevents:\n  - { at: 0d 20h 30m, event: order.placed }\n';
const journey = (...timing: string[]): string =>
  [
    'journey: order',
    'version: 1',
    'title: Order',
    'stages:',
    '  - id: purchase',
    'touchpoints:',
    '  - id: order-sms',
    '    stage: purchase',
    '    channel: sms',
    '    trigger: order.placed',
    ...timing.map((line) => `    ${line}`),
    '',
  ].join('\n');
/** French telemarketing hours, as docs/format.md writes them. */
const TELEMARKETING = [
  'policy:',
  '  holidays: FR',
  '  quiet-hours:',
  '    - { from: "20:00", to: "10:00", channels: [phone], categories: [marketing] }',
  '    - { from: "13:00", to: "14:00", channels: [phone], categories: [marketing] }',
  '    - { days: [saturday, sunday, holiday], channels: [phone], categories: [marketing] }',
  '',
].join('\n');
const call = (role: string, at = '13:30'): string =>
  [
    'journey: renewal',
    'version: 1',
    'title: Renewal',
    'stages:',
    '  - id: renew',
    'touchpoints:',
    '  - id: renewal-call',
    '    stage: renew',
    '    channel: phone',
    `    role: ${role}`,
    '    trigger: contract.ending',
    `    at: "${at}"`,
    '',
  ].join('\n');
const CONTRACT_ENDING = 'scenario: contract-ending\nevents:\n  - { at: 0d 9h, event: contract.ending }\n';
/** The same customer, on a calendar: 1 March 2026 is a Sunday. */
const SUNDAY = 'scenario: contract-ending\nstart: 2026-03-01\nevents:\n  - { at: 0d 9h, event: contract.ending }\n';

const DAY = 24 * 60;
const DAY_NAMES: Readonly<Record<Weekday, string>> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

/** Whether a time of day falls in [from, to), a span that may run past midnight. */
export function inQuietHours(minuteOfDay: number, from: number, to: number): boolean {
  return from <= to ? minuteOfDay >= from && minuteOfDay < to : minuteOfDay >= from || minuteOfDay < to;
}

const minuteOfDay = (time: number): number => ((time % DAY) + DAY) % DAY;

/** Whether a window applies to a message of this channel and category. */
function covers(window: QuietWindow, channel: string, category: Category): boolean {
  return (!window.channels || window.channels.includes(channel)) && (!window.categories || window.categories.includes(category));
}

/** The day that makes a send's time quiet for a window with days: a weekday, `holiday`, or undefined. */
function quietDay(window: QuietWindow, time: number, calendar: CustomerCalendar): Weekday | 'holiday' | undefined {
  const days = window.days ?? [];
  const weekday = calendar.weekday(time);
  if (days.includes(weekday)) return weekday;
  return days.includes('holiday') && calendar.isHoliday(time) ? 'holiday' : undefined;
}

/**
 * How a window reads in a message: its hours and days, and its channels and categories
 * when the policy has several windows to tell apart or the window is for some categories.
 */
function describeWindow(window: QuietWindow, several: boolean, day?: Weekday | 'holiday'): string {
  const parts: string[] = [];
  if (window.from !== undefined && window.to !== undefined) {
    const hours = `${formatTimeOfDay(window.from)} to ${formatTimeOfDay(window.to)}`;
    parts.push(day === undefined ? hours : `${hours} on ${day === 'holiday' ? 'a public holiday' : `${DAY_NAMES[day]}s`}`);
  } else if (day !== undefined && day !== 'holiday') {
    parts.push(DAY_NAMES[day]);
  }
  if (several || window.categories) {
    if (window.channels) parts.push(window.channels.join(', '));
    if (window.categories) parts.push(window.categories.join(', '));
  }
  return parts.join(', ');
}

/** Where a finding about a touchpoint's timing points: its `at`, else its `after`, else the touchpoint. */
function timingRef(touchpoint: Touchpoint): NodeRef {
  const field = touchpoint.at !== undefined ? 'at' : touchpoint.after > 0 ? 'after' : undefined;
  return field ? child(touchpoint.ref, field) : touchpoint.ref;
}

/** A window that applies every day and holds a touchpoint's `at`: the touchpoint is sent in it whatever the scenario. */
function everyDayWindow(windows: readonly QuietWindow[], touchpoint: Touchpoint, channel: string): QuietWindow | undefined {
  const at = touchpoint.at;
  if (at === undefined) return undefined;
  return windows.find(
    (window) => window.days === undefined && window.from !== undefined && window.to !== undefined && covers(window, channel, touchpoint.category) && inQuietHours(at, window.from, window.to),
  );
}

/** The first send of a touchpoint in a window in one scenario, and how many there are. */
interface Caught {
  readonly send: Send;
  readonly window: QuietWindow;
  readonly day?: Weekday | 'holiday';
  count: number;
}

/**
 * The window a send falls in, with the day that makes it quiet: windows with days only
 * when the scenario has a calendar, and none that the check without scenarios already
 * reported for this touchpoint at its `at`.
 */
function windowOf(send: Send, windows: readonly QuietWindow[], calendar: CustomerCalendar | undefined, reported: boolean): Omit<Caught, 'count' | 'send'> | undefined {
    const minute = minuteOfDay(send.time);
  // A send at the `at` already reported is inside the same windows of every day: said once is enough.
  const known = reported && minute === send.touchpoint.at;
  for (const window of windows) {
    if (!covers(window, send.channel, send.category)) continue;
    if (known && window.days === undefined) continue;
    const hours = window.from === undefined || window.to === undefined || inQuietHours(minute, window.from, window.to);
    if (!hours) continue;
    if (window.days === undefined) return { window };
    if (!calendar) continue;
    const day = quietDay(window, send.time, calendar);
    if (day !== undefined) return { window, day };
  }
  return undefined;
}

/** Outbound touchpoints whose `at` is inside a window of every day, with that window. */
function sentInQuietHours(repo: Repository, windows: readonly QuietWindow[]): Map<Touchpoint, { journey: Journey; window: QuietWindow }> {
  const outbound = new Set(repo.channels.filter((channel) => channel.outbound).map((channel) => channel.id));
  const found = new Map<Touchpoint, { journey: Journey; window: QuietWindow }>();
  for (const journey of repo.journeys) {
    for (const touchpoint of journey.touchpoints) {
      const channel = touchpoint.channel ?? '';
      if (!outbound.has(channel)) continue;
      const window = everyDayWindow(windows, touchpoint, channel);
      if (window) found.set(touchpoint, { journey, window });
    }
  }
  return found;
}

export default defineRule({
  meta: {
    id: 'quiet-hours',
    severity: 'warning',
    description:
      'A message sent inside a window of policy.quiet-hours: in a scenario (hours, quiet days and public holidays, for the window\'s channels and categories), or by a touchpoint whose "at" is inside a window of every day, with or without a scenario.',
    rationale:
      'An SMS at 23:00 about an order is not service, it is an intrusion; in several countries it is also against the rules of telemarketing (in France, no sales calls before 10:00, after 20:00, between 13:00 and 14:00, on weekends or on public holidays). Timing is part of the message.',
    fix: 'Give the touchpoint a send time with "at:" outside the quiet windows (it is then sent at the first such time after its delay), or move it to a channel that does not interrupt. If the message does not sell and the window is for marketing, give it its category.',
    messages: {
      'quiet-hours': 'In scenario "{{scenario}}", "{{touchpoint}}" ({{channel}}) is sent at {{at}}, inside quiet hours ({{window}}){{more}}, after "{{event}}" at {{eventAt}}.',
      'quiet-day': 'In scenario "{{scenario}}", "{{touchpoint}}" ({{channel}}) is sent at {{at}}, on {{day}}{{more}}, after "{{event}}" at {{eventAt}}.',
      'at-quiet-time':
        '"{{touchpoint}}" ({{channel}}, {{category}}) is sent at {{at}}, inside quiet hours ({{window}}), whatever the scenario: every time {{trigger}}.',
    },
    examples: {
      fail: [
        {
          title: 'An SMS 1 hour after a late order lands at 21:30',
          files: {
            'journeys/order.journey.yaml': journey('after: 1h'),
            'journeys/scenarios/late-order.scenario.yaml': SCENARIO,
            'journeys.config.yaml': CONFIG,
          },
          findings: [{ line: 11, column: 12, message: 'at day 0 21:30, inside quiet hours (21:00 to 08:00)' }],
        },
        {
          title: 'An SMS sent at 23:30, with no scenario at all',
          files: { 'journeys/order.journey.yaml': journey('at: "23:30"'), 'journeys.config.yaml': CONFIG },
          findings: [{ line: 11, column: 9, message: 'is sent at 23:30, inside quiet hours (21:00 to 08:00), whatever the scenario: every time "order.placed" happens' }],
        },
        {
          title: 'A sales call at 13:30, in the lunch break of French telemarketing hours',
          files: {
            'journeys/renewal.journey.yaml': call('retention'),
            'journeys/scenarios/contract-ending.scenario.yaml': CONTRACT_ENDING,
            'journeys.config.yaml': TELEMARKETING,
          },
          findings: [{ line: 12, column: 9, message: 'is sent at 13:30, inside quiet hours (13:00 to 14:00, phone, marketing)' }],
        },
        {
          title: 'A sales call at 11:00 on a Sunday, in a scenario with a start date',
          files: {
            'journeys/renewal.journey.yaml': call('retention', '11:00'),
            'journeys/scenarios/contract-ending.scenario.yaml': SUNDAY,
            'journeys.config.yaml': TELEMARKETING,
          },
          findings: [{ line: 12, column: 9, message: 'is sent at Sun 1 Mar 2026 11:00, on a quiet day (Sunday, phone, marketing)' }],
        },
      ],
      pass: [
        {
          title: 'The same SMS, held until 09:00',
          files: {
            'journeys/order.journey.yaml': journey('at: "09:00"'),
            'journeys/scenarios/late-order.scenario.yaml': SCENARIO,
            'journeys.config.yaml': CONFIG,
          },
        },
        {
          title: 'A service call at 13:30 on a Sunday: the telemarketing hours are for marketing calls only',
          files: {
            'journeys/renewal.journey.yaml': call('support'),
            'journeys/scenarios/contract-ending.scenario.yaml': SUNDAY,
            'journeys.config.yaml': TELEMARKETING,
          },
        },
      ],
    },
  },
  check({ repo, report }) {
    const windows = repo.config.policy.quietHours;
    if (windows.length === 0) return;
    const several = windows.length > 1;

    // Without scenarios: an `at` inside a window of every day is sent there whenever its trigger happens.
    const reported = sentInQuietHours(repo, windows);
    for (const [touchpoint, { journey, window }] of reported) {
      report({
        at: child(touchpoint.ref, 'at'),
        journey: journey.id,
        touchpoint: touchpoint.id,
        messageId: 'at-quiet-time',
        data: {
          touchpoint: touchpoint.id,
          channel: touchpoint.channel ?? '',
          category: touchpoint.category,
          at: formatTimeOfDay(touchpoint.at!),
          window: describeWindow(window, several),
          trigger: touchpoint.trigger !== undefined ? `"${touchpoint.trigger}" happens` : 'it is sent',
        },
        related: [{ at: window.ref }],
      });
    }

    for (const timeline of simulate(repo)) {
      const { scenario } = timeline;
      const { calendar } = timeline;
      // One finding per touchpoint and kind of window (hours, or whole days) in a scenario: its first send, and how many.
      const caught = new Map<string, Map<Touchpoint, Caught>>([
        ['quiet-hours', new Map()],
        ['quiet-day', new Map()],
      ]);
      for (const send of timeline.sends) {
        if (!send.outbound) continue;
        const found = windowOf(send, windows, calendar, reported.has(send.touchpoint));
        if (!found) continue;
        const kind = found.window.from !== undefined ? 'quiet-hours' : 'quiet-day';
        const byTouchpoint = caught.get(kind)!;
        const earlier = byTouchpoint.get(send.touchpoint);
        if (earlier) earlier.count += 1;
        else byTouchpoint.set(send.touchpoint, { send, ...found, count: 1 });
      }
      for (const [messageId, byTouchpoint] of caught) {
        for (const [touchpoint, { send, window, day, count }] of byTouchpoint) {
          const where: Record<string, string> =
            messageId === 'quiet-hours'
              ? { window: describeWindow(window, several, day) }
              : { day: day === 'holiday' ? `a public holiday${scopeOf(window, several)}` : `a quiet day (${describeWindow(window, several, day)})` };
          report({
            at: timingRef(touchpoint),
            journey: send.journey.id,
            touchpoint: touchpoint.id,
            scenario: scenario.id,
            time: send.time,
            messageId,
            data: {
              scenario: scenario.id,
              touchpoint: touchpoint.id,
              channel: send.channel,
              at: formatMoment(send.time, scenario.start),
              ...where,
              more: count > 1 ? ` (${plural(count, 'send')} in all)` : '',
              event: send.cause.event,
              eventAt: formatMoment(send.cause.at, scenario.start),
            },
            // The window is worth pointing at when there are several.
            related: [{ at: send.cause.ref }, ...(several ? [{ at: window.ref }] : [])],
          });
        }
      }
    }
  },
});

/** A holiday window's channels and categories, in parentheses, when they are worth saying. */
function scopeOf(window: QuietWindow, several: boolean): string {
  const scope = describeWindow(window, several);
  return scope === '' ? '' : ` (${scope})`;
}
