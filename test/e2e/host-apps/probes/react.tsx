// Copied into the React host app's src/ by host-apps.node.test.ts (not part of what the README
// tells a host to write): `pulso/react` types must accept what the elements take and refuse
// what they do not. tsc fails on any error below that does not happen (TS2578).
import { MemoryAdapter } from 'pulso';

const adapter = new MemoryAdapter({});

export const accepted = (
  <pulso-dashboard adapter={adapter} sync-url segment-options="plan,region" syncUrl>
    <pulso-kpi adapter={adapter} metric="nps" min-cell-size="11" minCellSize={11} ref={(el) => void el?.metric} />
    <pulso-nps-trend hide-band min-cell-size={11} period="week" onpulso-select={(e) => void e.detail.filters.period} />
    <pulso-adoption-funnel steps={['signup', 'first_login']} window="P14D" className="wide" />
  </pulso-dashboard>
);

// @ts-expect-error metric is a string
export const numberMetric = <pulso-kpi metric={42} />;
// @ts-expect-error adapter takes an Adapter, not a source name
export const textAdapter = <pulso-kpi adapter="cs" />;
// @ts-expect-error a misspelt property
export const misspelt = <pulso-kpi metirc="nps" />;
// @ts-expect-error an attribute takes text or a number
export const arrayAttribute = <pulso-kpi min-cell-size={[11]} />;
// @ts-expect-error period is day, week, month, quarter or year
export const badPeriod = <pulso-nps-trend period="mnth" />;
// @ts-expect-error the handler gets a PulsoSelectEvent
export const mouseHandler = <pulso-kpi onpulso-select={(e: MouseEvent) => e.clientX} />;
// @ts-expect-error filters has no such key
export const badFilter = <pulso-kpi onpulso-select={(e) => e.detail.filters.nope} />;
// @ts-expect-error no such element
export const unknownTag = <pulso-nope />;
