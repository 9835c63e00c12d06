import { createColors } from 'picocolors';
import { check, formatDuration, formatMoment, GRADING, scorecards, simulate, type Repository, type Scorecard, type Scorecards, type Share, escapeCell, MAX_COMMENT_LENGTH, escapeValue, jsonText, plural } from '../index.ts';
import { parse, todayOption } from './args.ts';
import { printConfigErrors } from './lint.ts';
import { CommandError, EXIT, useColor, type Io } from './io.ts';

export const usage = `Usage: journeys score [path] [options]

The scorecards of the journeys repository at path (default: the current folder): for
the company, then for each journey, channel or team, the touchpoints, outbound messages
per scenario customer, owner and KPI coverage, moments of truth measured, peak contact
pressure, findings, mean emotion, cost per customer, KPIs measured and on target, and a
grade from A to F.

Options:
      --by <scope>     journey (default), channel or team
  -f, --format <name>  table (default), json (every scorecard) or markdown (a PR comment)
      --today <date>   Run the rules as of this date (YYYY-MM-DD)
  -h, --help           Show this help

${gradingText()}

Exit status: 0 (a score is not a lint), 2 the command could not run.`;

type By = 'journey' | 'channel' | 'team';
const BY: readonly By[] = ['journey', 'channel', 'team'];
const FORMATS = ['table', 'json', 'markdown'] as const;

function gradingText(): string {
  const letters = GRADING.letters.map(({ letter, min }) => (min > 0 ? `${letter} ≥ ${min}` : `${letter} below`)).join(', ');
  return `Grade: ${GRADING.formula}; ${letters}. ${GRADING.rounding}`;
}

const percent = (value: Share): string => (value.share === undefined ? 'n/a' : `${Math.round(value.share * 100)}%`);
const fixed = (value: number | undefined, digits: number): string => (value === undefined ? 'n/a' : value.toFixed(digits));

/** One row of figures, as text, in the order of COLUMNS. */
function cells(card: Scorecard): string[] {
  const { findings, kpiTargets, grade } = card;
  return [
    String(card.touchpoints),
    fixed(card.outboundPerCustomer.mean, 1),
    percent(card.ownerCoverage),
    percent(card.kpiCoverage),
    percent(card.momentsOfTruthMeasured),
    card.peakPressure ? String(card.peakPressure.messages) : 'n/a',
    `${findings.error}/${findings.warning}/${findings.info}`,
    fixed(card.emotion.mean, 1),
    fixed(card.costPerCustomer.mean, 2),
    `${kpiTargets.measured}/${kpiTargets.withTarget}`,
    `${kpiTargets.onTarget}/${kpiTargets.withTarget}`,
    grade ? grade.score.toFixed(1) : 'n/a',
    grade?.letter ?? '-',
  ];
}

function columns(window: number): { table: string; markdown: string }[] {
  const peak = formatDuration(window);
  return [
    { table: 'Touchpoints', markdown: 'Touchpoints' },
    { table: 'Msgs/customer', markdown: 'Messages per customer' },
    { table: 'Owners', markdown: 'Owner coverage' },
    { table: 'KPIs', markdown: 'KPI coverage' },
    { table: 'MoT measured', markdown: 'Moments of truth measured' },
    { table: `Peak/${peak}`, markdown: `Peak messages in ${peak}` },
    { table: 'E/W/I', markdown: 'Findings (errors/warnings/infos)' },
    { table: 'Emotion', markdown: 'Mean emotion' },
    { table: 'Cost/customer', markdown: 'Cost per customer' },
    { table: 'Measured', markdown: 'KPIs measured' },
    { table: 'On target', markdown: 'KPIs on target' },
    { table: 'Score', markdown: 'Score' },
    { table: 'Grade', markdown: 'Grade' },
  ];
}

function scopes(cards: Scorecards, by: By): readonly Scorecard[] {
  return by === 'journey' ? cards.journeys : by === 'channel' ? cards.channels : cards.teams;
}

function peakLine(card: Scorecard, cards: Scorecards, repo: Repository): string | undefined {
  const peak = card.peakPressure;
  if (!peak) return undefined;
  const start = repo.scenarios.find((scenario) => scenario.id === peak.scenario)?.start;
  return (
    `Peak contact pressure: ${plural(peak.messages, 'outbound message')} within ${formatDuration(cards.window)} in scenario "${escapeValue(peak.scenario)}", ` +
    `from ${formatMoment(peak.from, start)} to ${formatMoment(peak.to, start)}.`
  );
}

function asTable(cards: Scorecards, by: By, repo: Repository, color: boolean): string {
  const c = createColors(color);
  const paint = (letter: string): string =>
    letter === 'A' || letter === 'B' ? c.green(letter) : letter === 'C' || letter === 'D' ? c.yellow(letter) : letter === '-' ? letter : c.red(letter);
  const heads = columns(cards.window).map((column) => column.table);
  const rows = [cards.company, ...scopes(cards, by)].map((card) => [card === cards.company ? 'Company' : escapeValue(card.id), ...cells(card)]);
  const header = [by === 'journey' ? 'Journey' : by === 'channel' ? 'Channel' : 'Team', ...heads];
  const widths = header.map((head, i) => Math.max(head.length, ...rows.map((row) => row[i]!.length)));
  const line = (row: readonly string[], kind: 'head' | 'company' | 'scope'): string =>
    row
      .map((cell, i) => {
        const padded = i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!);
        if (kind === 'head') return c.bold(padded);
        if (i === row.length - 1) return padded.replace(cell, paint(cell));
        return kind === 'company' ? c.bold(padded) : padded;
      })
      .join('  ')
      .trimEnd();
  const out = [line(header, 'head')];
  rows.forEach((row, index) => out.push(line(row, index === 0 ? 'company' : 'scope')));
  if (rows.length === 1) out.push(c.dim(`No ${by === 'journey' ? 'journey' : by === 'channel' ? 'channel in use' : 'team'}.`));
  out.push('');
  const peak = peakLine(cards.company, cards, repo);
  if (peak) out.push(peak);
  out.push(c.dim(gradingText()));
  return `${out.join('\n')}\n`;
}

function asMarkdown(cards: Scorecards, by: By): string {
  const heads = columns(cards.window).map((column) => column.markdown);
  const title = by === 'journey' ? 'Journey' : by === 'channel' ? 'Channel' : 'Team';
  const head = [`## Scorecard by ${by}`, '', `| ${title} | ${heads.join(' | ')} |`, `|---|${heads.map(() => '---:').join('|')}|`];
  const label = (card: Scorecard): string =>
    card.kind === 'company' ? '**Company**' : `<code>${escapeCell(escapeValue(card.id))}</code>${card.name !== undefined ? ` ${escapeCell(escapeValue(card.name))}` : ''}`;
  const row = (card: Scorecard): string => {
    const figures = cells(card);
    figures[figures.length - 1] = `**${figures.at(-1)!}**`;
    return `| ${label(card)} | ${figures.join(' | ')} |`;
  };
  const footer = ['', escapeCell(gradingText()), ''];
  const out = [...head, row(cards.company)];
  const rest = scopes(cards, by);
  let length = [...out, ...footer].join('\n').length;
  let shown = 0;
  for (const card of rest) {
    const text = row(card);
    // Keep room for the line that says how many rows were left out.
    if (length + text.length + 200 > MAX_COMMENT_LENGTH) break;
    out.push(text);
    length += text.length + 1;
    shown += 1;
  }
  if (shown < rest.length) out.push('', `… and ${plural(rest.length - shown, 'more row')}: run \`journeys score --by ${by}\` to see them all.`);
  return `${[...out, ...footer].join('\n')}\n`;
}

export function scoreCommand(args: readonly string[], io: Io): number {
  const { values, positionals } = parse(
    'score',
    args,
    { by: { type: 'string' }, format: { type: 'string', short: 'f' }, today: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    1,
  );
  if (values.help) {
    io.stdout.write(`${usage}\n`);
    return EXIT.ok;
  }
  const by = (values.by ?? 'journey') as By;
  if (!BY.includes(by)) throw new CommandError(`--by takes ${BY.join(', ')}, not "${values.by}".`);
  const format = (values.format ?? 'table') as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new CommandError(`Unknown format "${values.format}": use ${FORMATS.join(', ')}.`);
  const today = todayOption(values.today);
  const result = check(positionals[0] ?? io.cwd, { today, now: io.now() });
  if (result.configErrors.length > 0) {
    printConfigErrors(result, io);
    return EXIT.usage;
  }
  const cards = scorecards(result.repo, result.findings, simulate(result.repo), result.today);
  if (format === 'json') io.stdout.write(`${jsonText({ today: result.today, ...cards })}\n`);
  else if (format === 'markdown') io.stdout.write(asMarkdown(cards, by));
  else io.stdout.write(asTable(cards, by, result.repo, useColor(io)));
  return EXIT.ok;
}
