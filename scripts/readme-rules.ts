/**
 * `npm run docs`: writes the rule reference (docs/rules.md) and the rule table of
 * README.md from the rules' metadata, for whatever rules src/rules/index.ts registers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { builtInRules } from '../src/index.ts';
import { renderRulesDoc, ruleRow, RULES_DOC } from './rules-doc.ts';

/** Writes `text` to `file` when it differs; says whether it did. */
function refresh(file: URL, text: string): boolean {
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) return false;
  writeFileSync(file, text);
  return true;
}

const readmeFile = new URL('../README.md', import.meta.url);
const readme = readFileSync(readmeFile, 'utf8');
const table = ['<!-- rules:start -->', '| rule | default | catches |', '|---|---|---|', ...builtInRules.map(ruleRow), '<!-- rules:end -->'].join('\n');
// A README without the markers keeps its text: the table is then only in docs/rules.md.
const readmeChanged = refresh(readmeFile, readme.replace(/<!-- rules:start -->[\s\S]*<!-- rules:end -->/, table));
const docChanged = refresh(RULES_DOC, renderRulesDoc(builtInRules));
process.stdout.write(`${docChanged ? 'Updated' : 'Up to date:'} docs/rules.md; ${readmeChanged ? 'updated' : 'up to date:'} the rule table of README.md.\n`);
