/**
 * journeys import: a CX team's workbook (French headers, merged cells, an empty line, a
 * total row, a formula, a title line above the header) and an English CSV become journeys
 * that lint with no error; a dry run writes nothing; bad rows stop the import unless
 * skipped; a second import updates what it wrote and reports fields edited by hand.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { runJourneys } from './helpers/cli.ts';
import { OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

const HEADER = ['Étape', 'Point de contact', 'Canal', 'Responsable', 'Déclencheur', 'Délai', 'Message', 'KPI', 'Cible', 'Importance'];

/** The workbook a bank's CX team hands over: one sheet per journey, a legend sheet, the usual spreadsheet habits. */
async function frenchWorkbook(change: (book: ExcelJS.Workbook) => void = () => {}): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const opening = book.addWorksheet('Ouverture de compte');
  opening.addRow(['Inventaire des points de contact — T3 2026']);
  opening.addRow(HEADER);
  opening.addRow(['Découverte', 'Publicité réseaux sociaux', 'Réseaux sociaux', 'CRM', '', '', 'Ouvrez votre compte en 5 minutes.', 'Taux de clic', '2%', 2]);
  opening.addRow(['Souscription', 'Signature électronique', 'Site web', 'Onboarding', 'Dossier complété', 'immédiat', 'Signez votre contrat en ligne.', 'Taux de conversion', 0.6, 5]);
  opening.addRow([null, 'SMS de confirmation', 'SMS', 'CRM', 'Compte ouvert', '48h', 'Votre compte est ouvert.', 'Taux de réception', 0.98, 3]);
  opening.mergeCells('A4:A5');
  opening.addRow(['']);
  opening.addRow(['Accueil', 'E-mail de bienvenue', 'E-mail', 'CRM', 'Compte ouvert', 'J+2', 'Bienvenue ! Activez votre espace client.', "Taux d'ouverture", null, 3]);
  opening.getCell('I7').value = { formula: '0.4+0.05', result: 0.45 };
  opening.addRow([null, 'Appel de bienvenue', 'Téléphone', 'Équipe Agences', 'Compte ouvert', '3 jours', 'Votre conseiller se présente.', 'Taux de joignabilité', '0,7', 4]);
  opening.mergeCells('A7:A8');
  opening.addRow(['Total', null, null, null, null, null, null, null, null, { formula: 'SUM(J3:J8)', result: 17 }]);

  const claim = book.addWorksheet('Réclamation');
  claim.addRow(HEADER);
  claim.addRow(['Dépôt', 'Formulaire de réclamation', 'Espace client', 'Service client', '', '', 'Déposez votre réclamation.', 'CSAT', 4.2, 4]);
  claim.addRow(['Traitement', 'Accusé de réception', 'Courrier', 'Service client', 'Réclamation reçue', '1 semaine', 'Nous avons bien reçu votre réclamation.', 'Délai de réponse', 7, 4]);
  claim.addRow(['Traitement', 'Réponse au client', 'E-mail', 'Service client', 'Réclamation reçue', '2 mois', 'Voici notre réponse.', 'CSAT', 4, 5]);

  book.addWorksheet('Légende').addRow(['Ce classeur recense les points de contact de la banque.']);
  change(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function files(root: string): Record<string, string> {
  const dir = join(root, 'journeys');
  return Object.fromEntries(readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => !name.endsWith('/')).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

const journeyAt = (root: string, id: string): Record<string, unknown> => load(readFileSync(join(root, 'journeys', `${id}.journey.yaml`), 'utf8')) as Record<string, unknown>;
const touchpoint = (journey: Record<string, unknown>, id: string): Record<string, unknown> =>
  (journey.touchpoints as Record<string, unknown>[]).find((item) => item.id === id) ?? {};

describe('journeys import of a French workbook', () => {
  it('writes one journey per sheet that lints with no error', async () => {
    const root = writeRepo({ 'journeys/owners.yaml': `# Our teams\n${OWNERS}` });
    writeFileSync(join(root, 'inventaire.xlsx'), await frenchWorkbook());
    const run = await runJourneys(['import', 'inventaire.xlsx'], root);
    expect(run.stderr).not.toMatch(/row \d+, column/);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Created journeys/ouverture-de-compte.journey.yaml (3 stages, 5 touchpoints)');
    expect(run.stdout).toContain('Created journeys/reclamation.journey.yaml (2 stages, 3 touchpoints)');
    // The total row, the legend sheet and the title line are read past, and said so.
    expect(run.stderr).toContain('Sheet "Ouverture de compte" row 9: a total row, not read.');
    expect(run.stderr).toContain('Sheet "Légende": no header row found');

    const opening = journeyAt(root, 'ouverture-de-compte');
    expect(opening).toMatchObject({ journey: 'ouverture-de-compte', version: 1, title: 'Ouverture de compte', owner: 'team-crm' });
    expect(opening.stages).toEqual([
      { id: 'decouverte', name: 'Découverte' },
      { id: 'souscription', name: 'Souscription' },
      { id: 'accueil', name: 'Accueil' },
    ]);
    // Merged stage cells give their value to every row; delays and numbers as the format writes them.
    expect(touchpoint(opening, 'sms-de-confirmation')).toEqual({
      id: 'sms-de-confirmation',
      name: 'SMS de confirmation',
      stage: 'souscription',
      channel: 'sms',
      owner: 'team-crm',
      trigger: 'compte-ouvert',
      after: '48h',
      message: { text: 'Votre compte est ouvert.' },
      importance: 3,
      kpis: [{ metric: 'taux-de-reception', target: 0.98 }],
    });
    expect(touchpoint(opening, 'e-mail-de-bienvenue')).toMatchObject({ stage: 'accueil', channel: 'email', after: '2d', kpis: [{ metric: 'taux-d-ouverture', target: 0.45 }] });
    expect(touchpoint(opening, 'appel-de-bienvenue')).toMatchObject({ stage: 'accueil', channel: 'phone', owner: 'equipe-agences', after: '3d', kpis: [{ target: 0.7 }] });
    expect(touchpoint(opening, 'signature-electronique')).toMatchObject({ channel: 'web', owner: 'team-onboarding', after: '0m' });
    expect(touchpoint(opening, 'publicite-reseaux-sociaux')).toMatchObject({ channel: 'social', kpis: [{ metric: 'taux-de-clic', target: 0.02 }] });
    const claim = journeyAt(root, 'reclamation');
    expect(touchpoint(claim, 'accuse-de-reception')).toMatchObject({ channel: 'mail', after: '1w' });
    expect(touchpoint(claim, 'reponse-au-client')).toMatchObject({ after: '2mo' });
    expect(touchpoint(claim, 'formulaire-de-reclamation')).toMatchObject({ channel: 'selfcare', owner: 'service-client' });

    // Teams the workbook names that were not declared are appended to the user's file, which keeps its lines.
    const owners = readFileSync(join(root, 'journeys', 'owners.yaml'), 'utf8');
    expect(owners.startsWith(`# Our teams\n${OWNERS}`)).toBe(true);
    expect(owners).toContain('  - id: equipe-agences\n    name: Équipe Agences\n');
    expect(owners).toContain('  - id: service-client\n    name: Service client\n');

    const lint = await runJourneys(['lint', '--today', TODAY, '--format', 'json'], root);
    const { findings } = JSON.parse(lint.stdout) as { findings: { severity: string; message: string }[] };
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(lint.status).toBe(0);

    // And the site builds, with the workbook's names on the journey's page.
    const build = await runJourneys(['build', '.', '--out', 'site', '--today', TODAY], root);
    expect(build.stderr).not.toMatch(/error/i);
    expect(build.status).toBe(0);
    const page = readFileSync(join(root, 'site', 'journeys', 'ouverture-de-compte', 'index.html'), 'utf8');
    expect(page).toContain('Ouverture de compte');
    expect(page).toContain('SMS de confirmation');
  }, 180_000);

  it('prints what it would write on a dry run, and writes nothing', async () => {
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS });
    writeFileSync(join(root, 'inventaire.xlsx'), await frenchWorkbook());
    const before = files(root);
    const run = await runJourneys(['import', 'inventaire.xlsx', '--dry-run'], root);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Would create journeys/ouverture-de-compte.journey.yaml (3 stages, 5 touchpoints)');
    expect(run.stdout).toContain('Would add equipe-agences, service-client to journeys/owners.yaml');
    expect(run.stdout).toContain('Dry run: nothing was written.');
    expect(files(root)).toEqual(before);
  });

  it('names every cell it cannot read and writes nothing, unless told to skip those rows', async () => {
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS });
    const book = await frenchWorkbook((workbook) => {
      const sheet = workbook.getWorksheet('Réclamation')!;
      sheet.getCell('F3').value = 'bientôt';
      sheet.getCell('C4').value = 'E-mail / SMS';
      sheet.getCell('D2').value = 'team-crn';
      sheet.getCell('I2').value = { formula: 'A1/0', result: { error: '#DIV/0!' } } as unknown as ExcelJS.CellValue;
    });
    writeFileSync(join(root, 'inventaire.xlsx'), book);
    const before = files(root);
    for (const args of [['--dry-run'], []]) {
      const run = await runJourneys(['import', 'inventaire.xlsx', ...args], root);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('Sheet "Réclamation", row 3, column F (Délai): "bientôt" is not a delay');
      expect(run.stderr).toContain('Sheet "Réclamation", row 4, column C (Canal): "E-mail / SMS" names several channels');
      expect(run.stderr).toContain('Sheet "Réclamation", row 2, column D (Responsable): team "team-crn" is not declared (did you mean "team-crm"?)');
      expect(run.stderr).toContain('Sheet "Réclamation", row 2, column I (Cible): the formula\'s value is the error #DIV/0!');
      expect(run.stderr).toContain('nothing was written');
      expect(files(root)).toEqual(before);
    }
    const skipped = await runJourneys(['import', 'inventaire.xlsx', '--skip-bad-rows'], root);
    expect(skipped.status).toBe(0);
    expect(skipped.stdout).toContain('Created journeys/ouverture-de-compte.journey.yaml (3 stages, 5 touchpoints)');
    expect(skipped.stdout).not.toContain('reclamation');
  });
});

describe('journeys import of an English CSV', () => {
  it('detects the separator, maps English headers, and puts every row in --journey', async () => {
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS });
    writeFileSync(
      join(root, 'inventory.csv'),
      [
        'Stage,Touchpoint,Channel,Owner,Trigger,Delay,Time,Subject,Message,KPI,Target,Importance,Emotion,Automated',
        'Onboarding,Welcome email,Email,team-crm,account.opened,2 days,10:00,Welcome!,"Activate your space, then order your card.",open-rate,45%,3,4,yes',
        'Onboarding,Activation reminder,SMS,CRM,account.opened,1 week,9h30,,Your card is waiting.,activation-rate,0.3,4,3,yes',
        ',,,,,,,,,,,,,',
        'Usage,Monthly statement,Paper mail,team-onboarding,month.closed,10 business days,,Your statement,Here is your statement.,read-rate,0.5,2,3,no',
      ].join('\n'),
    );
    const run = await runJourneys(['import', 'inventory.csv', '--journey', 'account-opening'], root);
    expect(run.stderr).not.toMatch(/row \d+/);
    expect(run.status).toBe(0);
    const journey = journeyAt(root, 'account-opening');
    expect(journey).toMatchObject({ title: 'Account opening', owner: 'team-crm' });
    expect(touchpoint(journey, 'welcome-email')).toEqual({
      id: 'welcome-email',
      name: 'Welcome email',
      stage: 'onboarding',
      channel: 'email',
      owner: 'team-crm',
      trigger: 'account.opened',
      after: '2d',
      at: '10:00',
      message: { subject: 'Welcome!', text: 'Activate your space, then order your card.' },
      automated: true,
      importance: 3,
      emotion: 4,
      kpis: [{ metric: 'open-rate', target: 0.45 }],
    });
    expect(touchpoint(journey, 'activation-reminder')).toMatchObject({ channel: 'sms', owner: 'team-crm', after: '1w', at: '09:30' });
    expect(touchpoint(journey, 'monthly-statement')).toMatchObject({ channel: 'mail', after: '10bd', automated: false });
    const lint = await runJourneys(['lint', '--today', TODAY, '--format', 'json'], root);
    expect((JSON.parse(lint.stdout) as { findings: { severity: string }[] }).findings.filter((finding) => finding.severity === 'error')).toEqual([]);
  });

  it('reads a semicolon CSV with decimal commas and a mapping file for unusual headers', async () => {
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS });
    writeFileSync(join(root, 'export.csv'), '\ufeffParcours;Phase;Action;Média;Équipe porteuse;Objectif;KPI\nAdhésion;Accueil;Courriel de bienvenue;Courriel;Relation client;0,45;open-rate\n');
    writeFileSync(join(root, 'map.yaml'), 'columns:\n  Action: touchpoint\n  Objectif: target\nowners:\n  Équipe porteuse: team-crm\n  Relation client: team-crm\n');
    const run = await runJourneys(['import', 'export.csv', '--mapping', 'map.yaml'], root);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('columns not read: E "Équipe porteuse"');
    const journey = journeyAt(root, 'adhesion');
    expect(journey.title).toBe('Adhésion');
    expect(touchpoint(journey, 'courriel-de-bienvenue')).toMatchObject({ stage: 'accueil', channel: 'email', kpis: [{ metric: 'open-rate', target: 0.45 }] });
  });
});

describe('journeys import again, on a newer workbook', () => {
  it('updates the fields it wrote, keeps fields edited by hand, and reports a conflict when both changed', async () => {
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS });
    writeFileSync(join(root, 'inventaire.xlsx'), await frenchWorkbook());
    expect((await runJourneys(['import', 'inventaire.xlsx'], root)).status).toBe(0);
    expect(existsSync(join(root, 'journeys', '.import-state.json'))).toBe(true);

    // Unchanged workbook: nothing changes.
    const again = await runJourneys(['import', 'inventaire.xlsx'], root);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('Nothing to change');

    // By hand: a comment, the SMS's delay and the welcome e-mail's message.
    const file = join(root, 'journeys', 'ouverture-de-compte.journey.yaml');
    const edited = readFileSync(file, 'utf8')
      .replace('journey: ouverture-de-compte', '# Reviewed with the CRM team\njourney: ouverture-de-compte')
      .replace('after: 48h', 'after: 24h')
      .replace('Bienvenue ! Activez votre espace client.', 'Bienvenue chez nous !');
    writeFileSync(file, edited);

    // The newer workbook: the SMS's delay (a conflict), the welcome e-mail's KPI target (no hand edit), the call's channel; the message is unchanged there.
    writeFileSync(
      join(root, 'inventaire.xlsx'),
      await frenchWorkbook((book) => {
        const sheet = book.getWorksheet('Ouverture de compte')!;
        sheet.getCell('F5').value = '72h';
        sheet.getCell('I7').value = { formula: '0.4+0.1', result: 0.5 };
        sheet.getCell('C8').value = 'SMS';
      }),
    );
    const dry = await runJourneys(['import', 'inventaire.xlsx', '--dry-run'], root);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect(dry.stdout).toContain('Would update journeys/ouverture-de-compte.journey.yaml: touchpoints.e-mail-de-bienvenue.kpis, touchpoints.appel-de-bienvenue.channel');

    const run = await runJourneys(['import', 'inventaire.xlsx'], root);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'Conflict in journeys/ouverture-de-compte.journey.yaml, touchpoints.sms-de-confirmation.after: edited by hand since the last import ("24h"), and the workbook now says "72h".',
    );
    expect(run.stderr).not.toContain('message.text');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# Reviewed with the CRM team');
    const journey = load(text) as Record<string, unknown>;
    expect(journey.version).toBe(2);
    expect(touchpoint(journey, 'sms-de-confirmation').after).toBe('24h');
    expect(touchpoint(journey, 'e-mail-de-bienvenue')).toMatchObject({ message: { text: 'Bienvenue chez nous !' }, kpis: [{ metric: 'taux-d-ouverture', target: 0.5 }] });
    expect(touchpoint(journey, 'appel-de-bienvenue').channel).toBe('sms');

    // The conflict stays a conflict on the next run until someone settles it.
    const next = await runJourneys(['import', 'inventaire.xlsx'], root);
    expect(next.stderr).toContain('touchpoints.sms-de-confirmation.after');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});
