/**
 * The columns of a touchpoint inventory: which field each header means, in English or
 * French (accents, case and punctuation folded), or as a mapping file names it.
 */

export const INVENTORY_FIELDS = [
  'journeyId',
  'journey',
  'journeyOwner',
  'reviewed',
  'stageId',
  'stage',
  'touchpointId',
  'touchpoint',
  'channel',
  'owner',
  'role',
  'category',
  'trigger',
  'delay',
  'at',
  'intent',
  'subject',
  'message',
  'cta',
  'kpi',
  'target',
  'importance',
  'emotion',
  'cost',
  'automated',
  'momentOfTruth',
  'personalization',
  'tools',
] as const;

export type InventoryField = (typeof INVENTORY_FIELDS)[number];

/** Columns the export adds beside each touchpoint, which an import reads past. */
export const REPORT_COLUMNS = ['errors', 'warnings', 'infos', 'findings', 'grade', 'score'] as const;
export type ReportColumn = (typeof REPORT_COLUMNS)[number];

/** The header the export writes (first) and the others an import understands. */
export const HEADERS: Readonly<Record<InventoryField | ReportColumn, { readonly en: string; readonly fr: string; readonly aliases: readonly string[] }>> = {
  journeyId: { en: 'Journey id', fr: 'Id parcours', aliases: ['Journey ID', 'Id du parcours'] },
  journey: { en: 'Journey', fr: 'Parcours', aliases: ['Journey name', 'Nom du parcours', 'Parcours client', 'Customer journey'] },
  journeyOwner: { en: 'Journey owner', fr: 'Responsable du parcours', aliases: ['Propriétaire du parcours', 'Pilote du parcours'] },
  reviewed: { en: 'Reviewed', fr: 'Revu le', aliases: ['Last review', 'Dernière revue', 'Date de revue'] },
  stageId: { en: 'Stage id', fr: 'Id étape', aliases: ["Id de l'étape"] },
  stage: { en: 'Stage', fr: 'Étape', aliases: ['Phase', 'Step', 'Étape du parcours'] },
  touchpointId: { en: 'Touchpoint id', fr: 'Id point de contact', aliases: ['Id du point de contact'] },
  touchpoint: { en: 'Touchpoint', fr: 'Point de contact', aliases: ['Touchpoint name', 'Nom', 'Name', 'Action', 'Interaction', 'Points de contact'] },
  channel: { en: 'Channel', fr: 'Canal', aliases: ['Canaux', 'Channels', 'Média', 'Media'] },
  owner: { en: 'Owner', fr: 'Responsable', aliases: ['Team', 'Équipe', 'Porteur', 'Propriétaire', 'Owning team', 'Équipe responsable'] },
  role: { en: 'Role', fr: 'Rôle', aliases: ['Purpose', 'Finalité'] },
  category: { en: 'Category', fr: 'Catégorie', aliases: ['Type de message', 'Message type'] },
  trigger: { en: 'Trigger', fr: 'Déclencheur', aliases: ['Event', 'Événement', 'Evenement déclencheur', 'Triggering event'] },
  delay: { en: 'Delay', fr: 'Délai', aliases: ['After', 'Timing', 'Quand', 'When', 'Délai après déclencheur'] },
  at: { en: 'Time', fr: 'Heure', aliases: ['At', 'Send time', "Heure d'envoi"] },
  intent: { en: 'Intent', fr: 'Intention', aliases: [] },
  subject: { en: 'Subject', fr: 'Objet', aliases: ['Titre', 'Title', 'Objet du message'] },
  message: { en: 'Message', fr: 'Message', aliases: ['Text', 'Texte', 'Contenu', 'Content', 'Wording'] },
  cta: { en: 'Call to action', fr: 'Appel à l’action', aliases: ['CTA', 'Link', 'Lien', 'URL', "Appel à l'action"] },
  kpi: { en: 'KPI', fr: 'KPI', aliases: ['Metric', 'Métrique', 'Indicateur', 'Indicator', 'Mesure'] },
  target: { en: 'Target', fr: 'Cible', aliases: ['Objectif', 'Goal', 'Valeur cible'] },
  importance: { en: 'Importance', fr: 'Importance', aliases: ['Priority', 'Priorité'] },
  emotion: { en: 'Emotion', fr: 'Émotion', aliases: ['Ressenti', 'Feeling'] },
  cost: { en: 'Cost', fr: 'Coût', aliases: ['Coût unitaire', 'Unit cost', 'Cost per contact', 'Coût par contact'] },
  automated: { en: 'Automated', fr: 'Automatisé', aliases: ['Automatique', 'Automatic'] },
  momentOfTruth: { en: 'Moment of truth', fr: 'Moment de vérité', aliases: [] },
  personalization: { en: 'Personalization', fr: 'Personnalisation', aliases: ['Personalisation'] },
  tools: { en: 'Tools', fr: 'Outils', aliases: ['Outil', 'Tool', 'Système', 'Systems', 'Applications'] },
  errors: { en: 'Errors', fr: 'Erreurs', aliases: [] },
  warnings: { en: 'Warnings', fr: 'Avertissements', aliases: [] },
  infos: { en: 'Infos', fr: 'Infos', aliases: [] },
  findings: { en: 'Findings', fr: 'Constats', aliases: [] },
  grade: { en: 'Journey grade', fr: 'Note du parcours', aliases: [] },
  score: { en: 'Journey score', fr: 'Score du parcours', aliases: [] },
};

/** A header folded for matching: no accents, case, punctuation or trailing unit in brackets (`Cible (%)`). */
export function foldHeader(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const BY_HEADER: ReadonlyMap<string, InventoryField | ReportColumn> = new Map(
  (Object.entries(HEADERS) as [InventoryField | ReportColumn, (typeof HEADERS)[InventoryField]][]).flatMap(([field, { en, fr, aliases }]) =>
    [en, fr, ...aliases].map((header) => [foldHeader(header), field] as const),
  ),
);

/** What a mapping file says: headers to fields, and cell values to channel or owner ids. */
export interface InventoryMapping {
  readonly columns: ReadonlyMap<string, InventoryField | 'ignore'>;
  readonly channels: ReadonlyMap<string, string>;
  readonly owners: ReadonlyMap<string, string>;
}

export const NO_MAPPING: InventoryMapping = { columns: new Map(), channels: new Map(), owners: new Map() };

/**
 * A mapping file's data, checked: `columns` maps a header (as written) to a field name or
 * `ignore`; `channels` and `owners` map a cell's text to an id. Returns the problems, in words.
 */
export function readMapping(data: unknown): { mapping: InventoryMapping; problems: string[] } {
  const problems: string[] = [];
  const object = (data ?? {}) as Record<string, unknown>;
  if (typeof object !== 'object' || Array.isArray(object)) return { mapping: NO_MAPPING, problems: ['the mapping file holds no mapping: write "columns:", "channels:" or "owners:" keys'] };
  for (const key of Object.keys(object)) if (!['columns', 'channels', 'owners'].includes(key)) problems.push(`unknown key "${key}": a mapping file has columns, channels and owners`);
  const entries = (key: string): [string, string][] => {
    const value = object[key];
    if (value === undefined) return [];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push(`"${key}" is not a map of "text: value" lines`);
      return [];
    }
    return Object.entries(value).filter(([name, target]) => {
      if (typeof target === 'string') return true;
      problems.push(`${key}."${name}" is not a text`);
      return false;
    }) as [string, string][];
  };
  const columns = new Map<string, InventoryField | 'ignore'>();
  for (const [header, field] of entries('columns')) {
    if (field === 'ignore' || (INVENTORY_FIELDS as readonly string[]).includes(field)) columns.set(foldHeader(header), field as InventoryField | 'ignore');
    else problems.push(`columns."${header}" is "${field}", which is not a field: use one of ${INVENTORY_FIELDS.join(', ')}, or ignore`);
  }
  const fold = (pairs: [string, string][]): Map<string, string> => new Map(pairs.map(([text, id]) => [foldHeader(text), id]));
  return { mapping: { columns, channels: fold(entries('channels')), owners: fold(entries('owners')) }, problems };
}

/** The field a header means, a report column, or undefined for a header nobody knows. */
export function fieldOfHeader(header: string, mapping: InventoryMapping): InventoryField | ReportColumn | 'ignore' | undefined {
  const folded = foldHeader(header);
  return mapping.columns.get(folded) ?? BY_HEADER.get(folded);
}
