import { createColors } from 'picocolors';
import { check, formatDay, formatTimeOfDay, simulate, type Finding, type Timeline } from '../index.ts';
import { didYouMean } from '../model/suggest.ts';
import { plural } from '../model/text.ts';
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

/** A finding belongs to a send when it names the same scenario, touchpoint and time. */
function breachesOf(findings: readonly Finding[], timeline: Timeline) {
  const forScenario = findings.filter((finding) => finding.scenario === timeline.scenario.id);
  return timeline.sends.map((send) =>
    forScenario.filter((f) => f.journey === send.journey.id && f.touchpoint === send.touchpoint.id && f.time === send.time),
  );
}

function asJson(timelines: readonly Timeline[], findings: readonly Finding[]): string {
  const scenarios = timelines.map((timeline) => {
    const breaches = breachesOf(findings, timeline);
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
      findings: findings.filter((finding) => finding.scenario === scenario.id),
    };
  });
  return `${JSON.stringify({ scenarios }, null, 2)}\n`;
}

function asText(timelines: readonly Timeline[], findings: readonly Finding[], color: boolean): string {
  const c = createColors(color);
  const out: string[] = [];
  for (const timeline of timelines) {
    const { scenario, sends } = timeline;
    const own = findings.filter((finding) => finding.scenario === scenario.id);
    const breaches = breachesOf(findings, timeline);
    const outbound = sends.filter((send) => send.outbound).length;
    out.push(c.bold(`Scenario ${scenario.id}`) + c.dim(` (${scenario.file}${scenario.persona ? `, persona ${scenario.persona}` : ''})`));
    out.push(`  ${plural(sends.length, 'touchpoint')} reached, ${plural(outbound, 'outbound message')}; ${own.length === 0 ? c.green('no breach') : c.yellow(plural(own.length, 'breach', 'breaches'))}`);
    const events = [...scenario.events].sort((a, b) => a.at - b.at);
    type Row = { time: number; order: number; line: string };
    const rows: Row[] = events.map((event) => ({ time: event.at, order: 0, line: `${c.cyan('●')} ${c.cyan(event.event)}` }));
    const width = Math.max(8, ...sends.map((send) => send.channel.length));
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
