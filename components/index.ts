// Entry of `pulso`: registers every element (as they land) and re-exports the core.
// First: the inert DOM stand-ins for when this bundle is loaded as Pulso's worker.
import './worker-scope.js';
export * from '../src/core.js';
import { coordinator } from '../src/source/coordinator.js';
import { warmUpWhenIdle } from './shared/warm-up.js';
// The dashboard first: widgets inside it, upgraded after it, find its context at once.
export { PulsoDashboard } from './dashboard/pulso-dashboard.js';
export { PulsoCohortChurn } from './cohort-churn/pulso-cohort-churn.js';
export type { CohortChart, CohortChurnResult } from './cohort-churn/pulso-cohort-churn.js';
export { PulsoNpsTrend } from './nps-trend/pulso-nps-trend.js';
export type { NpsTrendResult } from './nps-trend/pulso-nps-trend.js';
export { PulsoChannelCsat } from './channel-csat/pulso-channel-csat.js';
export { PulsoAdoptionFunnel } from './adoption-funnel/pulso-adoption-funnel.js';
export { PulsoKpi } from './kpi/pulso-kpi.js';
export { PulsoSurvival } from './survival/pulso-survival.js';
export type { SurvivalViewResult } from './survival/pulso-survival.js';
export { PulsoValue } from './value/pulso-value.js';
export type { ValueViewResult } from './value/pulso-value.js';
export { PulsoAtRisk } from './at-risk/pulso-at-risk.js';
export type { AtRiskViewResult } from './at-risk/pulso-at-risk.js';
export type { PulsoFilterChangeDetail, PulsoFilterChangeEvent } from './dashboard/pulso-dashboard.js';
export type { PulsoCacheProblemEvent } from './shared/events.js';
export type { CrossSelection, DashboardState } from './dashboard/url-state.js';
export type { PulsoSelectDetail, PulsoSelectEvent, PulsoSelectFilters } from './shared/events.js';
export type { PulsoDataErrorDetail, PulsoDataErrorEvent } from './shared/data-controller.js';
export { registerLabels } from './shared/labels.js';

// The elements are defined: the page's worker starts at the page's first idle moment, so
// it is ready when a dashboard joins with its data (src/source/coordinator.ts, warmEarly).
coordinator.warmEarly();
// And the page's locale data, the same way (shared/warm-up.ts).
warmUpWhenIdle();
