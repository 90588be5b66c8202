// Layout of the answer mix under the NPS line (SPEC §3.2): per period a 100% stacked
// bar of detractors, passives and promoters, aligned with the line's x positions, so a
// change in NPS can be read as a change in who answered what. The mix is a panel of its
// own with its own scale (shares 0–100%, `mixTicks`): it never reads on the NPS axis.
import type { NpsTrendRow } from '../metrics/nps.js';
import { px, size } from './geometry.js';

export type MixPart = 'detractors' | 'passives' | 'promoters';

/** Vermilion, grey and bluish green (Okabe–Ito): apart for every common colour-vision deficiency. */
export const MIX_COLORS: Readonly<Record<MixPart, string>> = Object.freeze({
  detractors: '#D55E00',
  passives: '#9E9E9E',
  promoters: '#009E73',
});

export interface MixSegment {
  part: MixPart;
  count: number;
  share: number;
  y: number;
  h: number;
  fill: string;
}

export interface MixBar {
  period: string;
  x: number;
  w: number;
  n: number;
  /** Bottom to top: detractors, passives, promoters; empty when n is 0 or hidden. */
  segments: MixSegment[];
}

export interface MixOptions {
  /** x centre of each period (the line's point scale). */
  xOf: (period: string) => number;
  /** Distance between neighbouring periods. */
  step: number;
  top: number;
  height: number;
}

const PARTS: readonly MixPart[] = ['detractors', 'passives', 'promoters'];

export interface MixTick {
  /** Share of answers, 0 to 1. */
  share: number;
  y: number;
}

/** The mix panel's own axis: 0%, 50% and 100% of the answers, bottom to top. */
export function mixTicks(top: number, height: number): MixTick[] {
  const h = size(height);
  return [0, 0.5, 1].map((share) => ({ share, y: px(top + h - share * h) }));
}

/** One bar per period of rows without segments (or of one segment's rows). */
export function npsMixLayout(rows: readonly NpsTrendRow[], o: MixOptions): MixBar[] {
  const h = size(o.height);
  const w = Math.max(1, Math.min(size(o.step) * 0.7, 40));
  return [...rows]
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0))
    .map((r) => {
      const n = r.suppressed || !(typeof r.n === 'number' && r.n > 0) ? 0 : r.n;
      const segments: MixSegment[] = [];
      let bottom = o.top + h;
      if (n > 0) {
        for (const part of PARTS) {
          const count = r[part] ?? 0;
          const share = count / n;
          const sh = share * h;
          segments.push({ part, count, share, y: px(bottom - sh), h: px(sh), fill: MIX_COLORS[part] });
          bottom -= sh;
        }
      }
      return { period: r.period, x: px(o.xOf(r.period) - w / 2), w: px(w), n, segments };
    });
}
