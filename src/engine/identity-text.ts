/**
 * What identifies a rule's findings, in words: the table of docs/rules.md and
 * `journeys explain <rule>` say it from here, so that they cannot differ.
 */
import type { Rule } from '../model/rule.ts';
import { DEFAULT_IDENTITY } from './identity.ts';

/** How code reads in the output: backticks in Markdown, as it is in a terminal. */
export type CodeText = (text: string) => string;

const plain: CodeText = (text) => text;

/** How a subject of an identity reads; any other name is a placeholder of the message, shown as code. */
export function subjectText(name: string, code: CodeText = plain): string {
  if (name === 'journey') return 'the journey (the file, outside any journey)';
  if (name === 'touchpoint') return 'the touchpoint';
  if (name === 'scenario') return 'the scenario';
  if (name === 'touchpoints') return 'the touchpoints involved, in any order';
  return code(name);
}

/** What an identity is for, in two lines. */
export function identityIntro(code: CodeText = plain): [string, string] {
  return [
    `Baselines, SARIF fingerprints and ${code('journeys diff')} know a finding by its rule, its message id and the subjects below,`,
    `never by its wording, counts or line: the ${code('{{placeholders}}')} not listed can change without making it a new finding.`,
  ];
}

export interface MessageIdentity {
  readonly id: string;
  /** The message's template, with its `{{placeholders}}`. */
  readonly template: string;
  /** The subjects that identify its findings, as they read, joined with commas. */
  readonly identifiedBy: string;
}

/** Each message of the rule, in its order, and what identifies its findings across edits (engine/identity.ts). */
export function messageIdentities(rule: Rule, code: CodeText = plain): MessageIdentity[] {
  const identifiedBy = (rule.meta.identity ?? DEFAULT_IDENTITY).map((name) => subjectText(name, code)).join(', ');
  return Object.entries(rule.meta.messages).map(([id, template]) => ({ id, template, identifiedBy }));
}
