import type { Summary } from '../engine/run.ts';
import type { Finding } from '../model/types.ts';
import { jsonText } from './sanitize.ts';

/** The machine-readable output, `{ findings, summary }`, as docs/ci.md describes it. */
export function json(findings: readonly Finding[], summary: Summary): string {
  const plain = findings.map((finding) => ({
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    ...(finding.endLine !== undefined ? { endLine: finding.endLine, endColumn: finding.endColumn } : {}),
    journey: finding.journey,
    touchpoint: finding.touchpoint,
    ...(finding.scenario !== undefined ? { scenario: finding.scenario, time: finding.time } : {}),
    related: finding.related,
    ...(finding.messageId !== undefined ? { messageId: finding.messageId, data: finding.data ?? {} } : {}),
    ...(finding.fix !== undefined ? { fix: finding.fix } : {}),
  }));
  return `${jsonText({ findings: plain, summary })}\n`;
}
