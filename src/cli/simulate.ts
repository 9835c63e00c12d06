import { createColors } from 'picocolors';
import { breachesOfSends, check, findingsByScenario, formatDay, formatTimeOfDay, simulate, timelineDays, type Finding, type Policy, type Timeline, didYouMean, plural } from '../index.ts';
import { parse, todayOption } from './args.ts';
import { printConfigErrors } from './lint.ts';
import { CommandError, EXIT, useColor, type Io } from './io.ts';

export const usage = `Usage: journeys simulate [scenario] [options]

Print what each scenario's customer receives, day by day, across every journey,
with the contact-policy breaches marked.

Options:
  -f, --format <name>  text (default) or json
  -C, --dir <path>     The repository folder (default: the current folder)
      --today <date>   Run the rules as of this date (YYYY-MM-DD)
  -h, --help           Show this help

Exit status: 0 no breach, 1 at least one breach, 2 the command could not run.`;

const DAY = 24 * 60;

/**
 * Why a scenario without a start date checks less than the policy asks: quiet days and
 * public holidays need dates, and months and business days are then counted roughly.
 * Undefined when nothing in the policy or the delays needs a calendar, or the scenario has one.
 */
function noCalendarNote(timeline: Timeline, policy: Policy): string | undefined {
  if (timeline.scenario.start !== undefined) return undefined;
  const days = policy.quietHours.some((window) => window.days !== undefined) || policy.holidays !== undefined;
  const delays = timeline.sends.some(({ touchpoint: { delay } }) => delay.months > 0 || delay.businessDays > 0);
  if (!days && !delays) return undefined;
  return `No start date: weekdays and public holidays are not checked${delays ? ', and a month counts 30 days and a business day one day' : ''}. Give the scenario a "start:" date to check them.`;
}

function asJson(timelines: readonly Timeline[], findings: readonly Finding[], policy: Policy): string {
  const ownOf = findingsByScenario(findings);
  const scenarios = timelines.map((timeline) => {
    const own = ownOf(timeline.scenario.id);
    const breaches = breachesOfSends(own, timeline);
    const { scenario } = timeline;
    return {
      scenario: scenario.id,
      file: scenario.file,
      persona: scenario.persona,
      start: scenario.start,
      timezone: timeline.calendar?.timeZone,
      holidays: timeline.calendar?.holidays,
      implicit: scenario.implicit,
      note: noCalendarNote(timeline, policy),
      sends: timeline.sends.map((send, index) => ({
        time: send.time,
        instant: send.instant,
        day: Math.floor(send.time / DAY),
        date: timeline.calendar?.date(send.time),
        clock: formatTimeOfDay(send.time),
        journey: send.journey.id,
        touchpoint: send.touchpoint.id,
        channel: send.channel,
        outbound: send.outbound,
        category: send.category,
        intent: send.intent,
        trigger: send.cause.event,
        repeat: send.repeat,
        breaches: breaches[index]!.map((finding) => finding.rule),
      })),
      findings: own,
    };
  });
  return `${JSON.stringify({ scenarios }, null, 2)}\n`;
}

function asText(timelines: readonly Timeline[], findings: readonly Finding[], policy: Policy, color: boolean): string {
  const c = createColors(color);
  const out: string[] = [];
  const ownOf = findingsByScenario(findings);
  for (const timeline of timelines) {
    const { scenario, sends } = timeline;
    const own = ownOf(scenario.id);
    const outbound = sends.filter((send) => send.outbound).length;
    const zone = timeline.calendar?.timeZone;
    out.push(c.bold(`Scenario ${scenario.id}`) + c.dim(` (${scenario.file}${scenario.persona ? `, persona ${scenario.persona}` : ''}${zone ? `, ${zone} time` : ''})`));
    out.push(`  ${plural(sends.length, 'touchpoint')} reached, ${plural(outbound, 'outbound message')}; ${own.length === 0 ? c.green('no breach') : c.yellow(plural(own.length, 'breach', 'breaches'))}`);
    const note = noCalendarNote(timeline, policy);
    if (note) out.push(`  ${c.dim(note)}`);
    // A loop, not Math.max(...): spreading a timeline of many sends into arguments overflows the stack.
    let width = 8;
    for (const send of sends) width = Math.max(width, send.channel.length);
    for (const { day, entries } of timelineDays(timeline, own)) {
      out.push(`  ${c.underline(formatDay(day * DAY, scenario.start))}${scenario.start ? c.dim(` (day ${day})`) : ''}`);
      for (const entry of entries) {
        let line: string;
        if (entry.kind === 'event') line = `${c.cyan('●')} ${c.cyan(entry.event.event)}`;
        else {
          const { send, breaches: marks } = entry;
          const flag = marks.length > 0 ? c.yellow('⚠') : send.outbound ? '→' : '·';
          const label = `${send.channel.padEnd(width)} ${send.touchpoint.id} ${c.dim(`(${send.journey.id}${send.repeat > 0 ? `, repeat ${send.repeat}` : ''})`)}`;
          line = `${flag} ${label}${marks.length > 0 ? `  ${c.yellow(marks.map((m) => m.rule).join(', '))}` : ''}`;
        }
        out.push(`    ${formatTimeOfDay(entry.time)}  ${line}`);
      }
    }
    if (own.length > 0) {
      out.push(`  ${c.yellow('Breaches')}`);
      for (const finding of own) out.push(`    ${c.yellow('⚠')} ${finding.message} ${c.dim(`${finding.rule} ${finding.file}:${finding.line}`)}`);
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

export function simulateCommand(args: readonly string[], io: Io): number {
  const { values, positionals } = parse(
    'simulate',
    args,
    { format: { type: 'string', short: 'f' }, dir: { type: 'string', short: 'C' }, today: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    1,
  );
  if (values.help) {
    io.stdout.write(`${usage}\n`);
    return EXIT.ok;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new CommandError(`Unknown format "${format}": use text or json.`);
  const result = check(values.dir ?? io.cwd, { today: todayOption(values.today), now: io.now() });
  if (result.configErrors.length > 0) {
    printConfigErrors(result, io);
    return EXIT.usage;
  }
  let timelines = simulate(result.repo);
  const [wanted] = positionals;
  if (wanted !== undefined) {
    // Implicit scenarios may be thousands: they are suggested, not listed.
    const ids = timelines.map((timeline) => timeline.scenario.id);
    const written = result.repo.scenarios.map((scenario) => scenario.id);
    timelines = timelines.filter((timeline) => timeline.scenario.id === wanted);
    if (timelines.length === 0) throw new CommandError(`No scenario "${wanted}"${didYouMean(wanted, ids)}. Scenarios: ${written.join(', ') || 'none'}.`);
  }
  if (timelines.length === 0) {
    io.stdout.write(format === 'json' ? `${JSON.stringify({ scenarios: [] })}\n` : 'No scenarios: write customer stories in journeys/scenarios/<id>.scenario.yaml to simulate them.\n');
    return EXIT.ok;
  }
  const scenarioFindings = result.findings.filter((finding) => finding.scenario !== undefined);
  const { policy } = result.repo.config;
  io.stdout.write(format === 'json' ? asJson(timelines, scenarioFindings, policy) : asText(timelines, scenarioFindings, policy, useColor(io)));
  const shown = new Set(timelines.map((timeline) => timeline.scenario.id));
  return scenarioFindings.some((finding) => shown.has(finding.scenario!)) ? EXIT.findings : EXIT.ok;
}
