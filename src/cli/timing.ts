/**
 * JOURNEYS_TIMING, as ESLint's TIMING: how long each rule took, on stderr after a lint.
 * `1` (or any number) lists the slowest ten (or that many), `all` every rule.
 */
import type { Io } from './io.ts';

export interface RuleTiming {
  /** Adds a rule's time; a rule run more than once (lint --fix) adds up. */
  readonly add: (rule: string, ms: number) => void;
  /** Writes the table, slowest first. */
  readonly print: (out: Io['stderr']) => void;
}

const DEFAULT_ROWS = 10;

/** The timing asked for by JOURNEYS_TIMING, or undefined when it is unset, empty or 0. */
export function ruleTiming(value: string | undefined): RuleTiming | undefined {
  if (value === undefined || value === '' || value === '0') return undefined;
  const count = Number(value);
  const rows = value === 'all' ? Infinity : Number.isInteger(count) && count > 1 ? count : DEFAULT_ROWS;
  const times = new Map<string, number>();
  return {
    add(rule, ms) {
      times.set(rule, (times.get(rule) ?? 0) + ms);
    },
    print(out) {
      const total = [...times.values()].reduce((sum, ms) => sum + ms, 0);
      const sorted = [...times].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).slice(0, rows);
      const lines = [['Rule', 'Time (ms)', 'Relative'], ...sorted.map(([rule, ms]) => [rule, ms.toFixed(3), `${total > 0 ? ((ms / total) * 100).toFixed(1) : '0.0'}%`])];
      const widths = [0, 1, 2].map((column) => Math.max(...lines.map((line) => line[column]!.length)));
      const row = (line: readonly string[]): string => `${line[0]!.padEnd(widths[0]!)} | ${line[1]!.padStart(widths[1]!)} | ${line[2]!.padStart(widths[2]!)}`;
      const ruler = `:${'-'.repeat(widths[0]!)}|${'-'.repeat(widths[1]! + 1)}:|${'-'.repeat(widths[2]!)}:`;
      out.write(`${[row(lines[0]!), ruler, ...lines.slice(1).map(row)].join('\n')}\n`);
    },
  };
}
