/**
 * What the site's pages receive: the engine's view types (built by its buildModel),
 * re-exported for the pages, which only render them.
 */
export type { Severity, Letter, SiteModel, Health, Counts, BuildInfo, LocationView, FindingView, KpiView, MessageView, RefView, TouchpointView, StageView, HistoryEntry, JourneyView, TouchpointRow, ChannelView, TeamView, BreachView, TimelineRow, ScenarioDay, ScenarioView, RuleOptionView, RuleExampleView, RuleView, SiteView, ShareView, GradeView, GradingView, QuadrantView, QuadrantPointView, ScorecardView, MeasureView, KpiSeriesView, ScoreHistoryEntry } from 'journeys-as-code';
export type { ReviewView, ReviewQuarterView, ReviewRow, ReviewChange, ReviewChart, ReviewMeasure, ReviewStatus, CustomerView, CustomerDay, CustomerSend, CustomerChannelRow, ChannelDashboardView, ChannelDashboardRow, DashboardMeasure, ChannelStyleView } from 'journeys-as-code';
