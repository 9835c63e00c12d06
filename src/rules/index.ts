import type { Rule } from '../engine/rule.ts';
import emptyStage from './empty-stage.ts';
import lowValueTouchpoint from './low-value-touchpoint.ts';
import missingKpi from './missing-kpi.ts';
import missingOwner from './missing-owner.ts';
import parse from './parse.ts';
import schema from './schema.ts';
import staleJourney from './stale-journey.ts';
import uniqueId from './unique-id.ts';
import unknownReference from './unknown-reference.ts';
import unmeasuredMomentOfTruth from './unmeasured-moment-of-truth.ts';
import unusedSuppression from './unused-suppression.ts';

/** Every built-in rule, in the order of the catalogue. */
export const builtInRules: readonly Rule[] = [
  parse,
  schema,
  uniqueId,
  unknownReference,
  missingOwner,
  emptyStage,
  staleJourney,
  missingKpi,
  unmeasuredMomentOfTruth,
  lowValueTouchpoint,
  unusedSuppression,
] as readonly Rule[];
