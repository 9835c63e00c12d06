import { createColors } from 'picocolors';
import { check, formatDay, formatTimeOfDay, simulate, type Finding, type Timeline, pushTo, didYouMean, plural } from '../index.ts';
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

const NONE: readonly Finding[] = [];

/**
 * A finding belongs to a send when it names the same scenario, touchpoint and time:
 * findings indexed once, so that a timeline of many sends and many breaches stays linear.
 */
function breachesOf(own: readonly Finding[], timeline: Timeline): (readonly Finding[])[] {
  const key = (journey: string | undefined, touchpoint: string | undefined, time: number | undefined): string => `${journey}\u0000${touchpoint}\u0000${time}`;
  const byKey = new Map<string, Finding[]>();
  for (const finding of own) {
    if (finding.time === undefined) continue;
    pushTo(byKey, key(finding.journey, finding.touchpoint, finding.time), finding);
  }
  return timeline.sends.map((send) => byKey.get(key(send.journey.id, send.touchpoint.id, send.time)) ?? NONE);
}

/** The findings of each scenario, grouped once. */
function byScenario(findings: readonly Finding[]): (timeline: Timeline) => readonly Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) if (finding.scenario !== undefined) pushTo(groups, finding.scenario, finding);
  return (timeline) => groups.get(timeline.scenario.id) ?? NONE;
}

function asJson(timelines: readonly Timeline[], findings: readonly Finding[]): string {
  const ownOf = byScenario(findings);
  const scenarios = timelines.map((timeline) => {
    const own = ownOf(timeline);
    const breaches = breachesOf(own, timeline);
    const { scenario } = timeline;
    return {
      scenario: scenario.id,
      file: scenario.file,
      persona: scenario.persona,
      start: scenario.start,
      sends: timeline.sends.map((send, index) => ({
        time: send.time,
        day: Math.floor(send.time / DAY),
        clock: formatTimeOfDay(send.time),
        journey: send.journey.id,
        touchpoint: send.touchpoint.id,
        channel: send.channel,
        outbound: send.outbound,
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

function asText(timelines: readonly Timeline[], findings: readonly Finding[], color: boolean): string {
  const c = createColors(color);
  const out: string[] = [];
  const ownOf = byScenario(findings);
  for (const timeline of timelines) {
    const { scenario, sends } = timeline;
    const own = ownOf(timeline);
    const breaches = breachesOf(own, timeline);
    const outbound = sends.filter((send) => send.outbound).length;
    out.push(c.bold(`Scenario ${scenario.id}`) + c.dim(` (${scenario.file}${scenario.persona ? `, persona ${scenario.persona}` : ''})`));
    out.push(`  ${plural(sends.length, 'touchpoint')} reached, ${plural(outbound, 'outbound message')}; ${own.length === 0 ? c.green('no breach') : c.yellow(plural(own.length, 'breach', 'breaches'))}`);
    const events = [...scenario.events].sort((a, b) => a.at - b.at);
    type Row = { time: number; order: number; line: string };
    const rows: Row[] = events.map((event) => ({ time: event.at, order: 0, line: `${c.cyan('●')} ${c.cyan(event.event)}` }));
    // A loop, not Math.max(...): spreading a timeline of many sends into arguments overflows the stack.
    let width = 8;
    for (const send of sends) width = Math.max(width, send.channel.length);
    sends.forEach((send, index) => {
      const marks = breaches[index]!;
      const flag = marks.length > 0 ? c.yellow('⚠') : send.outbound ? '→' : '·';
      const label = `${send.channel.padEnd(width)} ${send.touchpoint.id} ${c.dim(`(${send.journey.id}${send.repeat > 0 ? `, repeat ${send.repeat}` : ''})`)}`;
      rows.push({ time: send.time, order: 1, line: `${flag} ${label}${marks.length > 0 ? `  ${c.yellow(marks.map((m) => m.rule).join(', '))}` : ''}` });
    });
    rows.sort((a, b) => a.time - b.time || a.order - b.order);
    let day: number | undefined;
    for (const row of rows) {
      const rowDay = Math.floor(row.time / DAY);
      if (rowDay !== day) {
        day = rowDay;
        out.push(`  ${c.underline(formatDay(row.time, scenario.start))}${scenario.start ? c.dim(` (day ${rowDay})`) : ''}`);
      }
      out.push(`    ${formatTimeOfDay(row.time)}  ${row.line}`);
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
    timelines = timelines.filter((timeline) => timeline.scenario.id === wanted);
    const ids = result.repo.scenarios.map((scenario) => scenario.id);
    if (timelines.length === 0) throw new CommandError(`No scenario "${wanted}"${didYouMean(wanted, ids)}. Scenarios: ${ids.join(', ') || 'none'}.`);
  }
  if (timelines.length === 0) {
    io.stdout.write(format === 'json' ? `${JSON.stringify({ scenarios: [] })}\n` : 'No scenarios: write customer stories in journeys/scenarios/<id>.scenario.yaml to simulate them.\n');
    return EXIT.ok;
  }
  const scenarioFindings = result.findings.filter((finding) => finding.scenario !== undefined);
  io.stdout.write(format === 'json' ? asJson(timelines, scenarioFindings) : asText(timelines, scenarioFindings, useColor(io)));
  const shown = new Set(timelines.map((timeline) => timeline.scenario.id));
  return scenarioFindings.some((finding) => shown.has(finding.scenario!)) ? EXIT.findings : EXIT.ok;
}
