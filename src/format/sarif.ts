import pkg from '../../package.json' with { type: 'json' };
import type { Summary } from '../engine/run.ts';
import type { Rule } from '../model/rule.ts';
import type { Finding, RelatedLocation, Severity } from '../model/types.ts';
import { findingIdentity, identityHash } from '../engine/identity.ts';
import { gitPath } from './priority.ts';
import { jsonText } from './sanitize.ts';
import { formatCount } from '../model/text.ts';

/** What the SARIF formatter reads of the format options. */
export interface SarifOptions {
  /** Address of the published journey site; rule pages are at `<siteUrl>/rules/<id>/`. */
  readonly siteUrl?: string;
  /** The rules whose metadata describes them in the run (the CLI passes `builtInRules`). */
  readonly rules: readonly Rule[];
  /** Where the repository sits in its git work tree (`cx/`): code scanning finds files by their path from the top of the git repository. */
  readonly pathPrefix?: string;
}

/** The `$schema` of the output: the id of the official SARIF 2.1.0 schema. */
export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** GitHub code scanning rejects or truncates runs above this many results. */
export const MAX_SARIF_RESULTS = 5000;

/** The key of our entry in `partialFingerprints`; bump the version if the recipe changes. */
export const FINGERPRINT_KEY = 'journeysFinding/v2';

const INFORMATION_URI = 'https://journeys.dev/';

/** The site's address when it is an absolute URL (the only kind a PR comment or code scanning can follow). */
export function absoluteSiteUrl(siteUrl: string | undefined): string | undefined {
  return siteUrl !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(siteUrl) && URL.canParse(siteUrl) ? siteUrl : undefined;
}

/** The documentation page of a rule on the journey site at `siteUrl`: `<siteUrl>/rules/<id>/`. */
export function ruleDocUrl(id: string, siteUrl: string): string {
  return `${siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`}rules/${encodeURIComponent(id)}/`;
}

/**
 * A repository-relative path as a URI reference: each segment percent-encoded, so that a
 * space, `%`, `#` or a `:` in a file name does not make code scanning refuse the upload.
 */
export function pathToUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

/** `missing-owner` -> `MissingOwner`: SARIF's `name` is an identifier-like form of the id. */
const pascalCase = (id: string): string => id.replace(/(?:^|[-_])([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * A rule's descriptor. `helpUri` must be an absolute URI (code scanning rejects a relative
 * one), so it is given only when the site's address is known.
 */
function describeRule(rule: Rule, siteUrl: string | undefined): Record<string, unknown> {
  const { meta } = rule;
  const site = absoluteSiteUrl(siteUrl);
  const helpUri = site !== undefined ? ruleDocUrl(meta.id, site) : undefined;
  const more = helpUri !== undefined ? `[The documentation of ${meta.id}](${helpUri}), or \`journeys explain ${meta.id}\`.` : `More: \`journeys explain ${meta.id}\`.`;
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.rationale },
    ...(helpUri !== undefined ? { helpUri } : {}),
    help: {
      text: `${meta.rationale}\n\nHow to fix: ${meta.fix}\n\nMore: ${helpUri ?? `journeys explain ${meta.id}`}`,
      markdown: `${meta.rationale}\n\n**How to fix:** ${meta.fix}\n\n${more}`,
    },
    defaultConfiguration: { level: LEVEL[meta.severity] },
  };
}

/** A descriptor for a rule that is not built in (such as `internal`, a rule that crashed). */
function describeOther(id: string): Record<string, unknown> {
  const text = id === 'internal' ? 'A rule of journeys failed on this repository: a bug in journeys.' : `Findings of the rule "${id}".`;
  return { id, name: pascalCase(id), shortDescription: { text } };
}

/**
 * Fingerprints that survive edits elsewhere in the file and rewording: a hash of the
 * finding's identity (rule, message id and stable subjects, see engine/identity.ts),
 * never its line or message. Findings with the same identity are told apart by
 * their order of occurrence.
 */
export function fingerprints(findings: readonly Finding[], rules: readonly Rule[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const identity = findingIdentity(finding, rules);
    const occurrence = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, occurrence);
    return identityHash(`${identity}\u0000${occurrence}`);
  });
}

/** The place a related location stands for, in words. */
function relatedMessage(place: RelatedLocation): string {
  const { journey, touchpoint } = place;
  if (touchpoint !== undefined && journey !== undefined) return `Touchpoint "${touchpoint}" of journey "${journey}"`;
  if (touchpoint !== undefined) return `Touchpoint "${touchpoint}"`;
  if (journey !== undefined) return `Journey "${journey}"`;
  return `The related place in ${place.file}`;
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * Text of a SARIF message, where `[` and `]` (and a backslash before one) are escaped with a
 * backslash (SARIF §3.11.6): only the embedded links we write are links.
 */
export function sarifText(text: string): string {
  return text.replace(/\\(?=[[\]\\])|[[\]]/g, '\\$&');
}

/**
 * A result's message: the finding's, then each related place as an embedded link to its
 * related location (`[text](id)`, SARIF §3.11.6), which code scanning links, so that the
 * other half of a duplicate or conflict can be reached from the alert.
 */
function resultMessage(finding: Finding): string {
  if (finding.related.length === 0) return sarifText(finding.message);
  const links = finding.related.map((place, at) => `[${sarifText(relatedMessage(place))}](${at + 1})`);
  return `${sarifText(finding.message)} See also: ${links.join(', ')}.`;
}

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, the rules with
 * their documentation, one result per finding with a fingerprint that does not depend on
 * line numbers. Above 5,000 findings the most severe are kept and a notification says how
 * many were left out.
 */
export function sarif(findings: readonly Finding[], summary: Summary, options: SarifOptions): string {
  const { siteUrl, rules: known, pathPrefix } = options;
  const uri = (file: string): string => pathToUri(gitPath(pathPrefix, file));
  const rules = known.map((rule) => describeRule(rule, siteUrl));
  const ruleIndex = new Map<string, number>(known.map((rule, index) => [rule.meta.id, index]));
  for (const finding of findings) {
    if (ruleIndex.has(finding.rule)) continue;
    ruleIndex.set(finding.rule, rules.length);
    rules.push(describeOther(finding.rule));
  }

  // Fingerprints are computed over all findings, so that cutting does not change them.
  const prints = fingerprints(findings, known);
  const order = findings.map((_, index) => index);
  const kept =
    findings.length <= MAX_SARIF_RESULTS
      ? order
      : order
          .sort((a, b) => SEVERITY_ORDER[findings[a]!.severity] - SEVERITY_ORDER[findings[b]!.severity] || a - b)
          .slice(0, MAX_SARIF_RESULTS)
          .sort((a, b) => a - b);

  const results = kept.map((index) => {
    const finding = findings[index]!;
    const region: Record<string, number> = { startLine: finding.line, startColumn: finding.column };
    if (finding.endLine !== undefined) region.endLine = finding.endLine;
    if (finding.endColumn !== undefined) region.endColumn = finding.endColumn;
    const properties: Record<string, unknown> = {};
    if (finding.journey !== undefined) properties.journey = finding.journey;
    if (finding.touchpoint !== undefined) properties.touchpoint = finding.touchpoint;
    if (finding.scenario !== undefined) properties.scenario = finding.scenario;
    if (finding.time !== undefined) properties.time = finding.time;
    const logicalLocations: Record<string, string>[] = [];
    if (finding.touchpoint !== undefined) {
      logicalLocations.push({
        name: finding.touchpoint,
        fullyQualifiedName: finding.journey !== undefined ? `${finding.journey}/${finding.touchpoint}` : finding.touchpoint,
        kind: 'touchpoint',
      });
    } else if (finding.journey !== undefined) {
      logicalLocations.push({ name: finding.journey, fullyQualifiedName: finding.journey, kind: 'journey' });
    }
    return {
      ruleId: finding.rule,
      ruleIndex: ruleIndex.get(finding.rule)!,
      level: LEVEL[finding.severity],
      message: { text: resultMessage(finding) },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: uri(finding.file), uriBaseId: '%SRCROOT%' }, region },
          ...(logicalLocations.length > 0 ? { logicalLocations } : {}),
        },
      ],
      ...(finding.related.length > 0
        ? {
            relatedLocations: finding.related.map((place, at) => ({
              id: at + 1,
              physicalLocation: {
                artifactLocation: { uri: uri(place.file), uriBaseId: '%SRCROOT%' },
                region: { startLine: place.line, startColumn: place.column },
              },
              message: { text: relatedMessage(place) },
            })),
          }
        : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: prints[index]! },
      ...(Object.keys(properties).length > 0 ? { properties } : {}),
    };
  });

  const cut = findings.length - results.length;
  const notifications =
    cut > 0
      ? [
          {
            level: 'warning',
            descriptor: { id: 'too-many-results' },
            message: {
              text: `${formatCount(cut)} of ${formatCount(findings.length)} findings were left out: code scanning takes at most ${formatCount(MAX_SARIF_RESULTS)} results per run, so the most severe were kept. Run "journeys lint" for the full list.`,
            },
          },
        ]
      : [];

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'journeys',
            version: pkg.version,
            semanticVersion: pkg.version,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The top of the git repository that holds the journeys (the journeys folder itself outside git).' } } },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { summary, truncated: cut },
      },
    ],
  };
  return `${jsonText(log)}\n`;
}
