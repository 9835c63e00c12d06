/**
 * The block of a CODEOWNERS file that `journeys codeowners` keeps: each journey file
 * owned by the GitHub handles of the teams that run it (the journey's owner and its
 * touchpoints' owners), so that a change to a journey asks them for a review. Pure
 * text in, text out: the command reads and writes the file.
 */
import type { Repository } from '../model/types.ts';

export const BEGIN_MARKER = '# BEGIN journeys codeowners';
export const END_MARKER = '# END journeys codeowners';

export interface CodeownersBlock {
  /** The lines between the markers (without them), in journey file order. */
  readonly lines: readonly string[];
  /** What was left out, and why, one sentence each. */
  readonly notes: readonly string[];
}

/**
 * A path as CODEOWNERS reads it: anchored at the top of the git repository, a space
 * escaped; undefined for a name that its patterns cannot say exactly (a wildcard, a
 * `#`, a backslash or a control character would be read as something else).
 */
function ownersPath(path: string): string | undefined {
  if (!/^[A-Za-z0-9._/@+=,~ -]+$/.test(path)) return undefined;
  return `/${path.replace(/ /g, '\\ ')}`;
}

/**
 * The block's lines for a repository whose files sit at `prefix` in their git work tree
 * (`cx/` when the journeys repository is a subfolder, `''` at the top).
 */
export function codeownersBlock(repo: Repository, prefix: string): CodeownersBlock {
  const handles = new Map(repo.owners.map((owner) => [owner.id, owner.github]));
  const notes: string[] = [];
  const said = new Set<string>();
  const note = (text: string): void => {
    if (said.has(text)) return;
    said.add(text);
    notes.push(text);
  };
  const lines: string[] = [];
  const journeys = [...repo.journeys].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const journey of journeys) {
    const teams = [...new Set([journey.owner, ...journey.touchpoints.map((touchpoint) => touchpoint.owner)].filter((id): id is string => id !== undefined))];
    const found: string[] = [];
    for (const team of teams) {
      const handle = handles.get(team);
      if (!handles.has(team)) note(`Owner "${team}" (of ${journey.file}) is not declared in owners.yaml: left out.`);
      else if (handle === undefined) note(`Owner "${team}" has no github handle in owners.yaml: left out.`);
      else if (!found.includes(handle)) found.push(handle);
    }
    const path = ownersPath(`${prefix}${journey.file}`);
    if (path === undefined) note(`${journey.file}: its name holds characters CODEOWNERS cannot match exactly: left out.`);
    else if (found.length === 0) note(`${journey.file}: none of its owners has a github handle: left out.`);
    else lines.push(`${path} ${found.join(' ')}`);
  }
  return { lines, notes };
}

/** The block as written in the file, markers included, each line ended by `eol`. */
export function blockText(lines: readonly string[], eol = '\n'): string {
  const intro = '# Written by "journeys codeowners" from the owners of each journey: edit owners.yaml and the journeys, not these lines.';
  return [BEGIN_MARKER, intro, ...lines, END_MARKER].map((line) => `${line}${eol}`).join('');
}

export type Spliced = { readonly ok: true; readonly text: string; readonly old: readonly string[] } | { readonly ok: false; readonly reason: string };

/**
 * The file's text with its block replaced (or, without one, added at its end), every
 * byte outside the markers kept; the lines of the block it had, for --check. Refused
 * when the markers are not one BEGIN then one END, each on a line of its own.
 */
export function spliceBlock(existing: string, lines: readonly string[]): Spliced {
  const eol = /\r\n/.test(existing) && !/(^|[^\r])\n/.test(existing) ? '\r\n' : '\n';
  const markerLines = (marker: string): number[] => {
    const at: number[] = [];
    const pattern = new RegExp(`^${marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*\\r?$`, 'gm');
    for (let match = pattern.exec(existing); match; match = pattern.exec(existing)) at.push(match.index);
    return at;
  };
  const begins = markerLines(BEGIN_MARKER);
  const ends = markerLines(END_MARKER);
  if (begins.length === 0 && ends.length === 0) {
    const separator = existing === '' ? '' : existing.endsWith('\n') ? (existing.endsWith(`${eol}${eol}`) ? '' : eol) : `${eol}${eol}`;
    return { ok: true, text: `${existing}${separator}${blockText(lines, eol)}`, old: [] };
  }
  if (begins.length !== 1 || ends.length !== 1 || ends[0]! < begins[0]!) {
    return { ok: false, reason: `its "${BEGIN_MARKER}" and "${END_MARKER}" lines are not one of each, in that order: put them right (or remove both) and run again` };
  }
  const start = begins[0]!;
  const endLine = existing.indexOf('\n', ends[0]!);
  const end = endLine === -1 ? existing.length : endLine + 1;
  const old = existing
    .slice(start, end)
    .split(/\r?\n/)
    .filter((line) => line !== '' && !line.startsWith('# '));
  return { ok: true, text: `${existing.slice(0, start)}${blockText(lines, eol)}${existing.slice(end)}`, old };
}
