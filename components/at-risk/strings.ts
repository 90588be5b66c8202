// The words of <pulso-at-risk> in English.
// pt-BR and es: strings.pt-BR.ts and strings.es.ts, loaded on first use (shared/catalogs.ts).
import { localeTranslator } from '../shared/strings.js';

const en = {
  heading: 'Customers showing warning signs',
  empty: 'Nobody shows warning signs on {date}.',
  emptyFiltered: 'Nobody shows warning signs for {filters}.',
  blockedHost: 'This list shows individual customers, so it is off until the page sets allow-row-level on it.',
  blockedDashboard: 'This dashboard hides small groups, so lists of individual customers are off here unless the dashboard sets allow-row-level.',
  customer: 'Customer',
  segment: 'Segment',
  value: 'Value',
  signals: 'Warning signs',
  daysSince: 'Days since last activity',
  usualGap: 'Usual gap (days)',
  openTickets: 'Open tickets',
  lastNps: 'Last NPS',
  activity: 'Quiet for {days} days (usually every {gap} days)',
  activityShort: 'Quiet for longer than usual',
  tickets: '{n} ticket(s) open for {d}+ days',
  ticketsShort: 'Open tickets',
  nps: 'Last NPS {score}',
  npsShort: 'Detractor',
  summary: 'On {date}, {n} customers show warning signs: {parts}.',
  part: '{n} {signal}',
  partsActivity: 'quiet for longer than usual',
  partsTickets: 'with tickets open too long',
  partsNps: 'detractors in their last NPS',
  caveat: 'A rule-based early warning, not a prediction: each row says which signs fired.',
  more: '…and {n} more customers with warning signs (a larger limit lists them).',
  rowLabel: '{rank}. {customer}{segment}: {signals}',
};

export type Key = keyof typeof en;

export const tr = localeTranslator('at-risk', en);
