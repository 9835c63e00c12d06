/**
 * Which journey, touchpoint and team a finding belongs to: the one answer that the
 * scorecards and the site's team pages share, so that a team's page lists exactly
 * the findings its scorecard counts.
 */
import type { Finding, Journey, Repository, Touchpoint } from '../model/types.ts';

export interface FindingPlace {
  readonly journey?: Journey;
  /** The touchpoint the finding names, when its journey has one of that id. */
  readonly touchpoint?: Touchpoint;
  /** The touchpoint's owner, the journey's owner when the touchpoint has none or none is named. */
  readonly team?: string;
}

/**
 * A function giving each finding its place in `repo`. The journey is the one the
 * finding names (the first of that id), else the journey of its file; the team is
 * the named touchpoint's owner, or the journey's owner when the touchpoint has no
 * owner or the finding names no touchpoint.
 */
export function findingPlaces(repo: Repository): (finding: Pick<Finding, 'file' | 'journey' | 'touchpoint'>) => FindingPlace {
  const byId = new Map<string, Journey>();
  const byFile = new Map<string, Journey>();
  for (const journey of repo.journeys) {
    if (!byId.has(journey.id)) byId.set(journey.id, journey);
    if (!byFile.has(journey.file)) byFile.set(journey.file, journey);
  }
  // Each journey's touchpoints by id, made for the journeys a finding names only: most have none.
  const touchpoints = new Map<Journey, Map<string, Touchpoint>>();
  const touchpointsOf = (journey: Journey): Map<string, Touchpoint> => {
    let own = touchpoints.get(journey);
    if (own === undefined) {
      own = new Map();
      for (const touchpoint of journey.touchpoints) if (!own.has(touchpoint.id)) own.set(touchpoint.id, touchpoint);
      touchpoints.set(journey, own);
    }
    return own;
  };
  return (finding) => {
    const journey = (finding.journey !== undefined ? byId.get(finding.journey) : undefined) ?? byFile.get(finding.file);
    if (!journey) return {};
    const touchpoint = finding.touchpoint !== undefined ? touchpointsOf(journey).get(finding.touchpoint) : undefined;
    const team = touchpoint?.owner ?? journey.owner;
    return { journey, ...(touchpoint ? { touchpoint } : {}), ...(team !== undefined ? { team } : {}) };
  };
}
