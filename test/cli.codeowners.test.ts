/**
 * `journeys codeowners` on real git repositories through the real command: the block of
 * CODEOWNERS written from the owners of each journey, replaced in place, the rest of
 * the file kept byte for byte, --check for CI, and no write outside the repository.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJourneys } from './helpers/cli.ts';
import { gitRepo } from './helpers/git.ts';
import { TODAY, cleanJourney, writeRepo } from './helpers/repo.ts';

const OWNERS = [
  'owners:',
  '  - id: team-crm',
  '    name: CRM',
  '    github: "@acme/team-crm"',
  '  - id: team-onboarding',
  '    name: Onboarding',
  '    github: "@jdoe"',
  '  - id: team-cards',
  '    name: Cards',
  '',
].join('\n');

/** A journey owned by `owner` whose one touchpoint is run by `touchpointOwner`. */
const journey = (id: string, owner: string, touchpointOwner: string): string =>
  cleanJourney(id).replace('owner: team-onboarding', `owner: ${owner}`).replace('    owner: team-crm', `    owner: ${touchpointOwner}`);

const BEFORE = '# Hand-written rules\r\n*.md   @acme/docs\r\n\r\n';
const AFTER = '\n# After the block, kept as it is\n/src/ @acme/dev  \n';

describe('journeys codeowners', () => {
  it('writes the block of .github/CODEOWNERS with paths from the git root, then replaces it in place', async () => {
    const repo = gitRepo({
      'cx/journeys/owners.yaml': OWNERS,
      'cx/journeys/welcome.journey.yaml': journey('welcome', 'team-onboarding', 'team-crm'),
      'cx/journeys/cards.journey.yaml': journey('cards', 'team-cards', 'team-cards'),
      'README.md': '# Bank\n',
    });
    const cx = join(repo.root, 'cx');
    const first = await runJourneys(['codeowners'], cx);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toBe('Wrote the journeys block of .github/CODEOWNERS: 1 journey file with owners.\n');
    // The cards team has no handle: said, and its journey left out.
    expect(first.stderr).toBe(
      'journeys codeowners: Owner "team-cards" has no github handle in owners.yaml: left out.\n' +
        'journeys codeowners: journeys/cards.journey.yaml: none of its owners has a github handle: left out.\n',
    );
    const written = repo.read('.github/CODEOWNERS');
    expect(written.split('\n')).toEqual([
      '# BEGIN journeys codeowners',
      '# Written by "journeys codeowners" from the owners of each journey: edit owners.yaml and the journeys, not these lines.',
      '/cx/journeys/welcome.journey.yaml @jdoe @acme/team-crm',
      '# END journeys codeowners',
      '',
    ]);

    // Text around the block, CRLF and trailing blanks included, is kept byte for byte.
    writeFileSync(join(repo.root, '.github/CODEOWNERS'), BEFORE + written + AFTER);
    repo.write({ 'cx/journeys/owners.yaml': OWNERS.replace('  - id: team-cards\n    name: Cards\n', '  - id: team-cards\n    name: Cards\n    github: "@acme/cards"\n') });
    const stale = await runJourneys(['codeowners', '--check'], cx);
    expect(stale.status).toBe(1);
    expect(stale.stdout).toBe('The journeys block of .github/CODEOWNERS is out of date: run "journeys codeowners" to write it.\n+ /cx/journeys/cards.journey.yaml @acme/cards\n');
    expect(readFileSync(join(repo.root, '.github/CODEOWNERS'), 'utf8')).toBe(BEFORE + written + AFTER);

    const second = await runJourneys(['codeowners'], cx);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).toBe('');
    const block = written.replace('/cx/journeys/welcome', '/cx/journeys/cards.journey.yaml @acme/cards\n/cx/journeys/welcome');
    expect(readFileSync(join(repo.root, '.github/CODEOWNERS'), 'utf8')).toBe(BEFORE + block + AFTER);

    const check = await runJourneys(['codeowners', '--check'], cx);
    expect(check).toMatchObject({ status: 0, stdout: '.github/CODEOWNERS is up to date: 2 journey files with owners.\n' });
    const again = await runJourneys(['codeowners'], cx);
    expect(again.stdout).toBe('.github/CODEOWNERS is up to date: 2 journey files with owners.\n');
    expect(readFileSync(join(repo.root, '.github/CODEOWNERS'), 'utf8')).toBe(BEFORE + block + AFTER);
  });

  it('uses the CODEOWNERS GitHub reads (the root, then docs/) and --file, adding the block after what is there', async () => {
    const files = { 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': journey('welcome', 'team-crm', 'team-crm') };
    const atRoot = gitRepo({ ...files, CODEOWNERS: '* @acme/all' });
    expect((await runJourneys(['codeowners'], atRoot.root)).stdout).toBe('Wrote the journeys block of CODEOWNERS: 1 journey file with owners.\n');
    expect(atRoot.read('CODEOWNERS')).toMatch(/^\* @acme\/all\n\n# BEGIN journeys codeowners\n[^]*\n\/journeys\/welcome\.journey\.yaml @acme\/team-crm\n# END journeys codeowners\n$/);
    expect(existsSync(join(atRoot.root, '.github'))).toBe(false);

    const inDocs = gitRepo({ ...files, 'docs/CODEOWNERS': '' });
    expect((await runJourneys(['codeowners'], inDocs.root)).stdout).toContain('docs/CODEOWNERS');
    expect(inDocs.read('docs/CODEOWNERS')).toMatch(/^# BEGIN journeys codeowners\n/);

    const given = gitRepo(files);
    const run = await runJourneys(['codeowners', '--file', 'ci/OWNERS'], given.root);
    expect(run.status, run.stderr).toBe(0);
    expect(given.read('ci/OWNERS')).toContain('/journeys/welcome.journey.yaml @acme/team-crm');
    const missing = await runJourneys(['codeowners', '--check'], given.root);
    expect(missing).toMatchObject({ status: 1 });
    expect(missing.stdout).toMatch(/^\.github\/CODEOWNERS does not exist: run "journeys codeowners" to write it\.\n\+ \/journeys\/welcome/);
    expect(existsSync(join(given.root, '.github'))).toBe(false);
  });

  it('writes nothing outside the repository, through a link, or over markers it cannot read', async () => {
    const outside = writeRepo({ 'CODEOWNERS': '* @someone\n' });
    const repo = gitRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': journey('welcome', 'team-crm', 'team-crm') });
    const escape = await runJourneys(['codeowners', '--file', join(outside, 'CODEOWNERS')], repo.root);
    expect(escape.status).toBe(2);
    expect(escape.stderr).toContain('is not a file inside the repository');

    mkdirSync(join(repo.root, '.github'));
    symlinkSync(join(outside, 'CODEOWNERS'), join(repo.root, '.github/CODEOWNERS'));
    const link = await runJourneys(['codeowners'], repo.root);
    expect(link.status).toBe(2);
    expect(link.stderr).toContain('.github/CODEOWNERS is a link: nothing is written through one');

    const viaFolder = gitRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': journey('welcome', 'team-crm', 'team-crm') });
    symlinkSync(outside, join(viaFolder.root, 'docs'));
    const folder = await runJourneys(['codeowners', '--file', 'docs/CODEOWNERS'], viaFolder.root);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toContain('docs is a link');
    expect(readFileSync(join(outside, 'CODEOWNERS'), 'utf8')).toBe('* @someone\n');

    const twice = '# BEGIN journeys codeowners\n/x @a\n# BEGIN journeys codeowners\n# END journeys codeowners\n';
    const broken = gitRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': journey('welcome', 'team-crm', 'team-crm'), CODEOWNERS: twice });
    const refused = await runJourneys(['codeowners'], broken.root);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('are not one of each, in that order');
    expect(broken.read('CODEOWNERS')).toBe(twice);
  });

  it('takes only a handle for github, which lint checks', async () => {
    const root = writeRepo({
      'journeys/owners.yaml': OWNERS.replace('"@jdoe"', 'acme-team'),
      'journeys/welcome.journey.yaml': cleanJourney(),
    });
    const run = await runJourneys(['lint', '--today', TODAY, '--format', 'json'], root);
    const findings = (JSON.parse(run.stdout) as { findings: { rule: string; file: string; line: number }[] }).findings;
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'schema', file: 'journeys/owners.yaml', line: 7 }));
  });

  it('is listed by journeys --help and explains itself', async () => {
    expect((await runJourneys(['--help'], process.cwd())).stdout).toMatch(/^ {2}codeowners +write the CODEOWNERS block/m);
    const help = await runJourneys(['codeowners', '--help'], process.cwd());
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--check');
  });
});
