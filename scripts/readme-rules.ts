/**
 * `npm run docs`: writes the rule reference (docs/rules.md) and the rule table of
 * README.md (and its list of the rules `lint --cache` keeps findings of) from the rules' metadata, for whatever rules src/rules/index.ts registers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { builtInRules } from '../src/index.ts';
import { renderRulesDoc, RULES_DOC, withRuleParts } from './rules-doc.ts';

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
const readmeChanged = refresh(readmeFile, withRuleParts(readme, builtInRules));
const docChanged = refresh(RULES_DOC, renderRulesDoc(builtInRules));
process.stdout.write(`${docChanged ? 'Updated' : 'Up to date:'} docs/rules.md; ${readmeChanged ? 'updated' : 'up to date:'} the rule parts of README.md.\n`);
