import { defineRule, type Report } from '../model/rule.ts';
import { child } from '../model/refs.ts';
import type { NodeRef, PathSegment, Repository } from '../model/types.ts';
import { didYouMean, onlyClosest } from '../model/suggest.ts';
import { journeyName, quote } from '../model/text.ts';
import { isHolidayCalendar } from '../simulate/holidays.ts';
import { isTimeZone } from '../simulate/zone.ts';

const OWNERS = 'owners:\n  - id: team-crm\n    name: CRM & lifecycle marketing\n';

function journey(owner: string, channel: string): string {
  return [
    'journey: welcome',
    'version: 1',
    'title: Welcome',
    'owner: team-crm',
    'stages:',
    '  - id: start',
    'touchpoints:',
    '  - id: welcome-email',
    '    stage: start',
    `    channel: ${channel}`,
    `    owner: ${owner}`,
    '',
  ].join('\n');
}

const OWNER: readonly PathSegment[] = ['owner'];
const CHANNEL: readonly PathSegment[] = ['channel'];

/** The checks of a name against what is declared, for both parts of the rule. */
function referenceChecks(repo: Repository, report: (report: Report) => void) {
  const owners = new Set(repo.owners.map((owner) => owner.id));
  const channels = new Set(repo.channels.map((channel) => channel.id));
  const personas = new Set(repo.personas.map((persona) => persona.id));
  const ownersFile = repo.declared.owners ?? 'journeys/owners.yaml';
  const personasFile = repo.declared.personas ?? 'journeys/personas.yaml';
  // The one candidate a misspelt name is certain to mean becomes a fix; never for an owner, who approves changes.
  const fixWith = (at: NodeRef, only: string | undefined): { fix?: { at: NodeRef; text: string } } => (only === undefined ? {} : { fix: { at, text: only } });
  const fixTo = (at: NodeRef, value: string, candidates: Iterable<string>): { fix?: { at: NodeRef; text: string } } => fixWith(at, onlyClosest(value, candidates));
  const declaredIn = (file: string | undefined, fallback: string): string =>
    file ? `declared in ${file}` : `declared: there is no ${fallback} to declare it in`;

  // References to the nodes are made only to report: most values are fine, and there are tens of thousands.
  type Place = readonly [ref: NodeRef, ...path: PathSegment[]];
  // Owners and channels are checked on every touchpoint: the paths below them are shared, not built per call.
  // A name misspelt once is often misspelt alike in many files (a clean-up finds it in each): its suggestion and correction are worked out once.
  const ownerSuggestions = new Map<string, string>();
  const channelAdvice = new Map<string, { readonly only: string | undefined; readonly suggestion: string }>();
  const checkOwner = (value: string | undefined, ref: NodeRef, journey: string, touchpoint?: string): void => {
    if (value === undefined || owners.has(value)) return;
    let suggestion = ownerSuggestions.get(value);
    if (suggestion === undefined) ownerSuggestions.set(value, (suggestion = didYouMean(value, owners)));
    report({
      at: child(ref, ...OWNER),
      journey,
      touchpoint,
      messageId: 'unknown-owner',
      data: { value: quote(value), declared: declaredIn(repo.declared.owners, ownersFile), suggestion },
    });
  };
  const checkChannel = (value: string | undefined, ref: NodeRef, path: readonly PathSegment[], journey?: string, touchpoint?: string): void => {
    if (value === undefined || channels.has(value)) return;
    const at = child(ref, ...path);
    let advice = channelAdvice.get(value);
    if (advice === undefined) channelAdvice.set(value, (advice = { only: onlyClosest(value, channels), suggestion: didYouMean(value, channels) }));
    report({
      at,
      ...fixWith(at, advice.only),
      journey,
      touchpoint,
      messageId: 'unknown-channel',
      data: { value: quote(value), declared: declaredIn(repo.declared.channels, 'journeys/channels.yaml'), suggestion: advice.suggestion },
    });
  };
  const checkPersona = (value: string | undefined, [ref, ...path]: Place, journey?: string): void => {
    if (value === undefined || personas.has(value)) return;
    const at = child(ref, ...path);
    report({
      at,
      ...fixTo(at, value, personas),
      journey,
      messageId: 'unknown-persona',
      data: { value: quote(value), declared: declaredIn(repo.declared.personas, personasFile), suggestion: didYouMean(value, personas) },
    });
  };

  return { checkOwner, checkChannel, checkPersona, fixTo };
}

export default defineRule({
  meta: {
    id: 'unknown-reference',
    severity: 'error',
    description:
      'An owner, channel, persona or stage that is not declared; a scenario persona or policy channel that does not exist; a persona\'s or scenario\'s time zone or holiday calendar that is not one; a Markdown section for a touchpoint the journey does not have; a metrics row for an unknown journey, touchpoint or KPI.',
    rationale:
      'A reference to nothing is usually a typo. The touchpoint then belongs to no team, counts on no channel, and drops out of the contact policy and the scorecards without anyone noticing.',
    fix: 'Correct the spelling, or declare the missing team in journeys/owners.yaml, channel in journeys/channels.yaml, persona in journeys/personas.yaml, or stage in the journey.',
    messages: {
      'unknown-owner': 'Owner {{value}} is not {{declared}}{{suggestion}}.',
      'unknown-channel': 'Channel {{value}} is neither built in nor {{declared}}{{suggestion}}.',
      'unknown-persona': 'Persona {{value}} is not {{declared}}{{suggestion}}.',
      'unknown-stage': 'Stage {{value}} is not one of the stages of journey "{{journey}}" ({{stages}}){{suggestion}}.',
      'orphan-section': 'The section "### {{value}}" names no touchpoint of this journey{{suggestion}}: its text is attached to nothing.',
      'unknown-journey': 'Journey "{{value}}" of this metrics row does not exist{{suggestion}}.',
      'unknown-touchpoint': 'Touchpoint "{{value}}" of this metrics row is not in journey "{{journey}}"{{suggestion}}.',
      'unknown-time-zone': 'Time zone {{value}} is not an IANA time zone name such as Europe/Paris or America/New_York: this customer\'s times are read in {{fallback}}.',
      'unknown-holidays': 'Holiday calendar {{value}} is not known: use a country code such as FR or GB, or a country and region such as DE-BY or US-CA. This customer has {{fallback}}.',
      'unknown-metric': 'Metric "{{value}}" is not a KPI of {{owner}}{{suggestion}}: declare it under "kpis:" to track it.',
    },
    identity: ['journey', 'touchpoint', 'value'],
    examples: {
      fail: [
        {
          title: 'A misspelt team and an undeclared channel',
          files: { 'journeys/welcome.journey.yaml': journey('team-crn', 'e-mail'), 'journeys/owners.yaml': OWNERS },
          findings: [
            { line: 10, column: 14, message: 'Channel "e-mail"' },
            { line: 11, column: 12, message: 'did you mean "team-crm"?' },
          ],
        },
      ],
      pass: [{ files: { 'journeys/welcome.journey.yaml': journey('team-crm', 'email'), 'journeys/owners.yaml': OWNERS } }],
    },
  },
  checkFiles({ repo, report }) {
    const { checkOwner, checkChannel, checkPersona, fixTo } = referenceChecks(repo, report);
    for (const journey of repo.journeys) {
      checkOwner(journey.owner, journey.ref, journey.id);
      journey.personas.forEach((persona, index) => checkPersona(persona, [journey.ref, 'personas', index], journey.id));
      const stages = new Set(journey.stages.map((stage) => stage.id));
      for (const touchpoint of journey.touchpoints) {
        checkOwner(touchpoint.owner, touchpoint.ref, journey.id, touchpoint.id);
        checkChannel(touchpoint.channel, touchpoint.ref, CHANNEL, journey.id, touchpoint.id);
        if (touchpoint.stage !== undefined && !stages.has(touchpoint.stage)) {
          const at = child(touchpoint.ref, 'stage');
          report({
            at,
            ...fixTo(at, touchpoint.stage, stages),
            journey: journey.id,
            touchpoint: touchpoint.id,
            messageId: 'unknown-stage',
            data: { value: quote(touchpoint.stage), journey: journeyName(journey), stages: [...stages].join(', ') || 'none declared', suggestion: didYouMean(touchpoint.stage, stages) },
          });
        }
      }
      for (const section of journey.orphanSections) {
        report({
          at: journey.ref,
          position: { line: section.line, column: 1 },
          journey: journey.id,
          messageId: 'orphan-section',
          data: { value: section.id, suggestion: didYouMean(section.id, journey.touchpoints.map((t) => t.id)) },
        });
      }
    }
  },
  check({ repo, report }) {
    const { checkChannel, checkPersona } = referenceChecks(repo, report);
    for (const scenario of repo.scenarios) checkPersona(scenario.persona, [scenario.ref, 'persona']);

    // The customer's calendar: a name that is none is passed over for the next one (calendar.ts).
    const { policy: customers } = repo.config;
    const zoneFallback = customers.timeZone !== undefined && isTimeZone(customers.timeZone) ? `policy.timezone (${customers.timeZone})` : 'no time zone, with no daylight-saving change';
    const holidaysFallback = customers.holidays !== undefined && isHolidayCalendar(customers.holidays) ? `the holidays of policy.holidays (${customers.holidays})` : 'no public holidays';
    const checkCalendar = (timeZone: string | undefined, holidays: string | undefined, ref: NodeRef, zoneInstead: string): void => {
      if (timeZone !== undefined && !isTimeZone(timeZone)) {
        report({ at: child(ref, 'timezone'), messageId: 'unknown-time-zone', data: { value: quote(timeZone), fallback: zoneInstead } });
      }
      if (holidays !== undefined && !isHolidayCalendar(holidays)) {
        report({ at: child(ref, 'holidays'), messageId: 'unknown-holidays', data: { value: quote(holidays), fallback: holidaysFallback } });
      }
    };
    const personaById = new Map(repo.personas.map((persona) => [persona.id, persona]));
    for (const persona of repo.personas) checkCalendar(persona.timeZone, persona.holidays, persona.ref, zoneFallback);
    for (const scenario of repo.scenarios) {
      const persona = scenario.persona === undefined ? undefined : personaById.get(scenario.persona);
      const personaZone = persona?.timeZone !== undefined && isTimeZone(persona.timeZone) ? `persona "${persona.id}"'s time zone (${persona.timeZone})` : undefined;
      checkCalendar(scenario.timeZone, undefined, scenario.ref, personaZone ?? zoneFallback);
    }

    const journeys = new Map(repo.journeys.map((journey) => [journey.id, journey]));
    for (const row of repo.metrics) {
      const at = { file: row.file, path: [] };
      const position = { line: row.line, column: row.column };
      const journey = journeys.get(row.journey);
      if (!journey) {
        report({ at, position, messageId: 'unknown-journey', data: { value: row.journey, suggestion: didYouMean(row.journey, journeys.keys()) } });
        continue;
      }
      const touchpoint = row.touchpoint === undefined ? undefined : journey.touchpoints.find((t) => t.id === row.touchpoint);
      if (row.touchpoint !== undefined && !touchpoint) {
        report({
          at,
          position,
          journey: journey.id,
          messageId: 'unknown-touchpoint',
          data: { value: row.touchpoint, journey: journey.id, suggestion: didYouMean(row.touchpoint, journey.touchpoints.map((t) => t.id)) },
        });
        continue;
      }
      // A row with no touchpoint measures the journey as a whole: its own KPIs, or a touchpoint's seen journey-wide.
      const declaring = touchpoint ? [touchpoint.kpis] : [journey.kpis ?? [], ...journey.touchpoints.map((t) => t.kpis)];
      const metrics = new Set(declaring.flatMap((kpis) => kpis.map((kpi) => kpi.metric)));
      if (!metrics.has(row.metric)) {
        const owner = touchpoint ? `touchpoint "${touchpoint.id}"` : `journey "${journey.id}" or any of its touchpoints`;
        report({
          at,
          position,
          journey: journey.id,
          touchpoint: touchpoint?.id,
          messageId: 'unknown-metric',
          data: { value: row.metric, owner, suggestion: didYouMean(row.metric, metrics) },
        });
      }
    }
    const { policy } = repo.config;
    for (const limit of policy.maxMessages) limit.channels?.forEach((channel, index) => checkChannel(channel, limit.ref, ['channels', index]));
    for (const window of policy.quietHours) window.channels?.forEach((channel, index) => checkChannel(channel, window.ref, ['channels', index]));
  },
});
