/** Rewrites the rule table of README.md from the rules' metadata: `npm run docs`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { builtInRules } from '../src/index.ts';

const file = new URL('../README.md', import.meta.url);
const readme = readFileSync(file, 'utf8');
const rows = builtInRules.map((rule) => `| \`${rule.meta.id}\` | ${rule.meta.severity} | ${rule.meta.description} |`);
const table = ['<!-- rules:start -->', '| rule | default | catches |', '|---|---|---|', ...rows, '<!-- rules:end -->'].join('\n');
const updated = readme.replace(/<!-- rules:start -->[\s\S]*<!-- rules:end -->/, table);
if (updated !== readme) writeFileSync(file, updated);
process.stdout.write(updated === readme ? 'README.md is up to date.\n' : 'Updated the rule table of README.md.\n');
