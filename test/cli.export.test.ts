/**
 * journeys export: the inventory of a linted repository as the quarterly review reads it,
 * read back with exceljs (sheets, frozen header, filters, numbers and dates as such,
 * findings and grades beside each touchpoint), French CSV, and the round trip: importing
 * the export changes nothing.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runJourneys } from './helpers/cli.ts';
import { OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

const outside = mkdtempSync(join(tmpdir(), 'journeys-export-'));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

/** A hand-written journey: a touchpoint with two KPIs, one without an owner (an error), a reviewed date. */
const ONBOARDING = `journey: card-onboarding
version: 3
title: Card onboarding
owner: team-onboarding
reviewed: 2026-09-30
stages:
  - { id: delivery, name: Card delivery }
  - { id: first-use }
touchpoints:
  - id: card-sent
    name: Card sent SMS
    stage: delivery
    channel: sms
    owner: team-crm
    role: information
    trigger: card.shipped
    after: 2h
    at: "10:00"
    message:
      intent: card-shipped
      text: Your card is on its way.
    automated: true
    importance: 4
    emotion: 4
    cost: 0.05
    tools: [marketing-cloud, crm]
    kpis:
      - { metric: delivery-rate, target: 0.98 }
      - { metric: open-rate, target: 0.9 }
  - id: activation-call
    stage: first-use
    channel: phone
    trigger: card.delivered
    after: 3d
    importance: 2
    kpis:
      - { metric: reach-rate, target: 0.6 }
`;

function repository(): string {
  return writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/card-onboarding.journey.yaml': ONBOARDING });
}

function journeyFiles(root: string): Record<string, string> {
  const dir = join(root, 'journeys');
  return Object.fromEntries(
    readdirSync(dir)
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
  );
}

describe('journeys export --format xlsx', () => {
  it('writes a sheet of everything and one per journey, with findings and grades beside each touchpoint', async () => {
    const root = repository();
    const file = join(outside, 'review.xlsx');
    const run = await runJourneys(['export', '--format', 'xlsx', '-o', file, '--today', TODAY], root);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('1 journey, 2 touchpoints');

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['All journeys', 'Card onboarding']);
    for (const sheet of book.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
      // One row per KPI: the SMS has two.
      expect(sheet.rowCount).toBe(4);
    }
    const sheet = book.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const cell = (row: number, header: string): unknown => sheet.getRow(row).getCell(headers.indexOf(header) + 1).value;
    expect(headers.slice(0, 8)).toEqual(['Journey id', 'Journey', 'Journey owner', 'Reviewed', 'Stage id', 'Stage', 'Touchpoint id', 'Touchpoint']);
    expect(cell(2, 'Touchpoint')).toBe('Card sent SMS');
    expect(cell(2, 'Stage')).toBe('Card delivery');
    expect(cell(2, 'Target')).toBe(0.98);
    expect(cell(3, 'KPI')).toBe('open-rate');
    expect(cell(3, 'Target')).toBe(0.9);
    expect(cell(2, 'Cost')).toBe(0.05);
    expect(cell(2, 'Importance')).toBe(4);
    expect(cell(2, 'Reviewed')).toEqual(new Date('2026-09-30T00:00:00Z'));
    expect(cell(2, 'Delay')).toBe('2h');
    expect(cell(2, 'Time')).toBe('10:00');
    expect(cell(2, 'Tools')).toBe('marketing-cloud, crm');
    // The call has no owner: its error is on its row, counted as a number.
    expect(cell(4, 'Touchpoint id')).toBe('activation-call');
    expect(cell(4, 'Errors')).toBe(1);
    expect(String(cell(4, 'Findings'))).toMatch(/^error: .*owner.*\(missing-owner\)/m);
    expect(cell(2, 'Errors')).toBe(0);
    expect(cell(2, 'Journey grade')).toMatch(/^[A-F]$/);
    expect(typeof cell(2, 'Journey score')).toBe('number');
  });

  it('round-trips: importing the export into the repository changes nothing', async () => {
    const root = repository();
    const file = join(outside, 'round-trip.xlsx');
    expect((await runJourneys(['export', '-o', file, '--today', TODAY], root)).status).toBe(0);
    const before = journeyFiles(root);
    const run = await runJourneys(['import', file], root);
    expect(run.stderr).not.toMatch(/row \d+|Conflict/);
    expect(run.stdout).toContain('Nothing to change');
    expect(run.status).toBe(0);
    expect(journeyFiles(root)).toEqual(before);

    // Into a fresh repository, the same journey comes out, field for field.
    const fresh = writeRepo({ 'journeys/owners.yaml': OWNERS });
    expect((await runJourneys(['import', file], fresh)).status).toBe(0);
    const original = load(ONBOARDING) as Record<string, unknown>;
    const imported = load(readFileSync(join(fresh, 'journeys', 'card-onboarding.journey.yaml'), 'utf8')) as Record<string, unknown>;
    expect(imported).toEqual({ ...original, version: 1, reviewed: original.reviewed });
  });
});

describe('journeys export --format csv --locale fr', () => {
  it('writes French headers, semicolons and decimal commas, and round-trips', async () => {
    const root = repository();
    const file = join(outside, 'revue.csv');
    expect((await runJourneys(['export', '--format', 'csv', '--locale', 'fr', '-o', file, '--today', TODAY], root)).status).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\ufeffId parcours;Parcours;Responsable du parcours;Revu le;Id étape;Étape;Id point de contact;Point de contact;Canal;')).toBe(true);
    expect(text).toContain(';delivery-rate;0,98;4;4;0,05;oui;');
    expect(text).toContain('card-onboarding;Card onboarding;team-onboarding;2026-09-30;');
    const before = journeyFiles(root);
    const run = await runJourneys(['import', file], root);
    expect(run.stdout).toContain('Nothing to change');
    expect(journeyFiles(root)).toEqual(before);
  });

  it('keeps text that would start a formula from being run by a spreadsheet, and reads it back', async () => {
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/card-onboarding.journey.yaml': ONBOARDING.replace('Your card is on its way.', '"=HYPERLINK(\\"https://evil.example\\")"') });
    const file = join(outside, 'formula.csv');
    expect((await runJourneys(['export', '--format', 'csv', '-o', file, '--today', TODAY], root)).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(`"'=HYPERLINK(""https://evil.example"")"`);
    const copy = join(outside, 'copy');
    cpSync(root, copy, { recursive: true });
    const run = await runJourneys(['import', file], copy);
    expect(run.stdout).toContain('Nothing to change');
  });
});

describe('journeys import of an export of an imported workbook', () => {
  it('changes nothing either', async () => {
    const root = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'inventory.csv': 'Parcours;Étape;Point de contact;Canal;Responsable;Délai;KPI;Cible\nAdhésion;Accueil;Courriel de bienvenue;E-mail;CRM;J+2;open-rate;0,45\nAdhésion;Accueil;Appel de bienvenue;Téléphone;Équipe Agences;3 jours;reach-rate;0,6\n',
    });
    expect((await runJourneys(['import', 'inventory.csv'], root)).status).toBe(0);
    const before = journeyFiles(root);
    const file = join(outside, 'again.xlsx');
    expect((await runJourneys(['export', '-o', file, '--locale', 'fr', '--today', TODAY], root)).status).toBe(0);
    const run = await runJourneys(['import', file], root);
    expect(run.stdout).toContain('Nothing to change');
    expect(run.status).toBe(0);
    expect(journeyFiles(root)).toEqual(before);
  });
});
