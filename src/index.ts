/**
 * The public API of journeys: what the command line and the site use, and what
 * other tools may build on. Nothing else under src/ is a stable interface.
 */
export { check } from './engine/check.ts';
export type { CheckOptions, CheckResult } from './engine/check.ts';
export { lint, compareFindings } from './engine/run.ts';
export type { LintResult, Summary } from './engine/run.ts';
export type { FileFindings, Rule, RuleMeta, RuleExample, RunContext } from './model/rule.ts';
export { defineRule } from './model/rule.ts';
export { loadRepository } from './load/repository.ts';
export { loadAtRevision, resolveRevision } from './load/git.ts';
export { UsageError } from './load/discover.ts';
export { builtInRules } from './rules/index.ts';
export { formatters } from './format/index.ts';
export type { Formatter, FormatOptions } from './format/index.ts';
export { parseDuration, formatDuration, parseTimeOfDay, formatTimeOfDay } from './model/duration.ts';
export { todayIn } from './model/dates.ts';
export { formatCount, plural } from './model/text.ts';
export { MAX_MARKDOWN_NESTING } from './model/limits.ts';
export { firstTooDeep } from './model/markdown-nesting.ts';
export type * from './model/types.ts';

// Helpers the command line shares with the engine (text, dates, ids, escaping), so that
// src/cli/ reaches everything through this module.
export { dayNumber } from './model/dates.ts';
export { didYouMean } from './model/suggest.ts';
export { isId, toId } from './model/ids.ts';
export { pushTo } from './model/collections.ts';
export { CONFIG_FILES, resolveLayout } from './load/discover.ts';
export { escapeValue, hasUnsafeCharacter, jsonText, terminalText } from './format/sanitize.ts';
export { escapeCell, MAX_COMMENT_LENGTH } from './format/markdown.ts';
export { BEGIN_MARKER, END_MARKER, blockText, codeownersBlock, spliceBlock } from './format/codeowners.ts';

export { simulate } from './simulate/timeline.ts';
export type { Cut, Send, Timeline } from './simulate/timeline.ts';
export type { CustomerCalendar } from './simulate/calendar.ts';
export { formatDay, formatMoment } from './simulate/clock.ts';
export { compare as diffJourneys } from './diff/compare.ts';
export { introducedFindings } from './diff/introduced.ts';
export { applyBaseline, BASELINE_FILE, createBaseline, findingKey, findingsNotIn, parseBaseline } from './engine/baseline.ts';
export type { AppliedBaseline, Baseline, BaselineEntry } from './engine/baseline.ts';
export { findingIdentity, identitySubjects, DEFAULT_IDENTITY } from './engine/identity.ts';
export type { IdentityFinding } from './engine/identity.ts';
export { identityIntro, messageIdentities, subjectText } from './engine/identity-text.ts';
export type { MessageIdentity } from './engine/identity-text.ts';
export { renderMessage } from './engine/run.ts';
export { applyFixes } from './engine/fix.ts';
export type { AppliedFix, Fix } from './engine/fix.ts';
export { countBySeverity, summarize } from './engine/run.ts';
export type { JourneysDiff, JourneyChange, ScenarioChange, FieldChange } from './diff/compare.ts';
export { diffMarkdown, COMMENT_MARKER } from './diff/markdown.ts';
export { scorecards, gradeOf, letterOf, GRADING, DEFAULT_WINDOW } from './score/scorecard.ts';
export type { Scorecard, Scorecards, ScopeKind, Share, PeakPressure, Grade, GradePart, GradePartId, Letter } from './score/scorecard.ts';
export { measureKpis, metricDirection, meetsTarget, trendOf, formatValue } from './model/kpis.ts';
export type { KpiIndex, KpiStatus, KpiMeasure, Direction, Trend } from './model/kpis.ts';
export { placeTouchpoint, performanceOf, quadrantOf, QUADRANTS, HIGH_IMPORTANCE, PERFORMANCE_CAP } from './score/quadrant.ts';
export type { QuadrantPoint, QuadrantId, QuadrantInfo } from './score/quadrant.ts';
export { findingPlaces } from './score/owners.ts';
export type { FindingPlace } from './score/owners.ts';
export { gitFacts, gitPrefix, fileCommits, catFileContents, commitsTouching, workTreeStateLater } from './load/git.ts';
export type { CommitInfo, GitFacts, JourneyVersion, WorkTreeState } from './load/git.ts';
// Views: what each reader shows (the site's pages, the simulate command), computed once here.
export { scoreHistory } from './views/score-history.ts';
export type { HistoryPoint, HistoryGrade, HistoryOptions } from './views/score-history.ts';
export { breachesOfSends, findingsByScenario, timelineDays } from './views/timeline.ts';
export type { TimelineDay, TimelineEntry } from './views/timeline.ts';
export { buildModel, slugFor, safeHref, countsOf, healthOf, timingOf, describeRepeat, journeyNarrative } from './views/model.ts';
export type { CheckedRepository, ModelInput, SiteModel } from './views/model.ts';
export { translator, isLocale, LOCALES, type Locale, type MessageKey, type Translator } from './views/i18n.ts';
export { siteSnapshot, layoutOf, looksHalfSaved, watchedPaths, SCORE_HISTORY_COMMITS } from './views/snapshot.ts';
export type { SnapshotOptions } from './views/snapshot.ts';
export type * from './views/types.ts';
export { channelStyle, channelCssColor, channelIconsCss, contrastRatio, CHANNEL_ICONS, CHANNEL_SURFACES, NO_CHANNEL_STYLE, STYLED_CHANNELS } from './views/channel-style.ts';
export type { ChannelIconName, ChannelStyle } from './views/channel-style.ts';
export { journeyBoard, readableId, messageSummary, findingAnchor, CURVE_BOX } from './views/board.ts';
export type { BoardInput } from './views/board.ts';
export { editUrlTemplate, fillEditUrl, touchpointEditLinks, EDIT_URL_DEFAULTS, DEFAULT_EDIT_BRANCH } from './views/edit-links.ts';
export { cutGroups, firstOf, CHANNEL_TOUCHPOINTS_SHOWN, RULE_FINDINGS_SHOWN, SCORECARD_JOURNEYS_SHOWN, TEAM_FINDINGS_SHOWN, TEAM_JOURNEYS_SHOWN, TEAM_TOUCHPOINTS_SHOWN } from './views/cut.ts';
export type { CutList } from './views/cut.ts';
export { reviewView, reviewChart, reviewCsv, reviewPages, csvCell, changesBetween, quarterBounds, signedText, MAX_REVIEW_QUARTERS, REVIEW_CHANGES_SHOWN, REVIEW_CHART_BOX, REVIEW_CSV_COLUMNS, REVIEW_ROWS_PER_PAGE } from './views/review.ts';
export type { ReviewView, ReviewQuarterView, ReviewRow, ReviewChange, ReviewChart, ReviewMeasure, ReviewStatus, ReviewInput } from './views/review.ts';
export { customerViews, CUSTOMER_DAYS } from './views/customer.ts';
export type { CustomerView, CustomerDay, CustomerSend, CustomerChannelRow, CustomerInput } from './views/customer.ts';
export { channelDashboard, dashboardKind } from './views/channel-dashboard.ts';
export type { ChannelDashboardView, ChannelDashboardRow, DashboardMeasure, DashboardKind, DashboardInput } from './views/channel-dashboard.ts';
// Inventories: touchpoint spreadsheets read into journeys (journeys import) and written back (journeys export).
export { BUILT_IN_CHANNELS } from './model/channels.ts';
export { readWorkbook, readCsv, InventoryError, INVENTORY_LIMITS } from './load/inventory-read.ts';
export type { InventoryTable } from './load/inventory-read.ts';
export { readMapping } from './load/inventory-columns.ts';
export { importInventory } from './load/inventory-journeys.ts';
export type { Declared, ImportedJourney, InventoryImport, RowProblem } from './load/inventory-journeys.ts';
export { IMPORT_STATE_FILE, mergeJourney, newJourneyText, parseImportState } from './load/inventory-merge.ts';
export type { Conflict, ImportState } from './load/inventory-merge.ts';
export { appendDeclarations, newDeclarations } from './load/inventory-declare.ts';
export { inventoryCsv, inventoryHeaders, inventoryRows, inventoryXlsx } from './format/inventory.ts';
export type { InventoryInput, InventoryLocale } from './format/inventory.ts';
// The catalogue: journeys, touchpoints and findings paged, with facets to filter and orders to sort by.
export { attention, facetAttributes, facetsFor, filterEntries, findingCatalogue, journeyEntries, pageLinks, pagePath, pagePattern, paginate, positionMatrix, sortBy, touchpointEntries, FINDINGS_PER_PAGE, JOURNEYS_PER_PAGE, JOURNEY_SORTS, TOUCHPOINTS_PER_PAGE, TOUCHPOINT_SORTS } from './views/catalogue.ts';
export type { Attention, CataloguePage, Facet, FacetKey, FacetValue, FacetValues, FindingCatalogue, FindingEntry, FindingGroup, GradeRef, JourneyEntry, JourneySort, PositionMatrix, RuleGroup, TouchpointEntry, TouchpointSort } from './views/catalogue.ts';
// The size of V8's young generation, for a program that owns its process (the command line: bin/journeys.js, journeys build and dev).
export { boundYoungGeneration, growYoungGenerationTo, unboundYoungGeneration } from './load/young-generation.ts';
