import type { Rule } from '../model/rule.ts';
import conflictingMessages from './conflicting-messages.ts';
import contactPressure from './contact-pressure.ts';
import duplicateTouchpoint from './duplicate-touchpoint.ts';
import emptyStage from './empty-stage.ts';
import limitExceeded from './limit-exceeded.ts';
import lowValueTouchpoint from './low-value-touchpoint.ts';
import marketingWithoutConsent from './marketing-without-consent.ts';
import messageAfterConversion from './message-after-conversion.ts';
import missingKpi from './missing-kpi.ts';
import missingOwner from './missing-owner.ts';
import parse from './parse.ts';
import priorityGap from './priority-gap.ts';
import quietHours from './quiet-hours.ts';
import scenarioExpectation from './scenario-expectation.ts';
import schema from './schema.ts';
import staleJourney from './stale-journey.ts';
import uncheckedPolicy from './unchecked-policy.ts';
import uniqueId from './unique-id.ts';
import unknownEvent from './unknown-event.ts';
import unknownReference from './unknown-reference.ts';
import unmeasuredMomentOfTruth from './unmeasured-moment-of-truth.ts';
import unreadFile from './unread-file.ts';
import unusedSuppression from './unused-suppression.ts';
import versionNotBumped from './version-not-bumped.ts';

/** Every built-in rule, in the order of the catalogue. */
export const builtInRules: readonly Rule[] = [
  parse,
  schema,
  unreadFile,
  limitExceeded,
  uniqueId,
  unknownReference,
  unknownEvent,
  missingOwner,
  duplicateTouchpoint,
  conflictingMessages,
  contactPressure,
  quietHours,
  messageAfterConversion,
  marketingWithoutConsent,
  uncheckedPolicy,
  scenarioExpectation,
  unmeasuredMomentOfTruth,
  missingKpi,
  emptyStage,
  staleJourney,
  priorityGap,
  lowValueTouchpoint,
  unusedSuppression,
  versionNotBumped,
] as readonly Rule[];
