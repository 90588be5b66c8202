// The funnel's `order` option (SPEC §3.5).
import { describeValue } from '../time/describe.js';

export type FunnelOrder = 'ordered' | 'strict' | 'any';
export const FUNNEL_ORDERS: readonly FunnelOrder[] = ['ordered', 'strict', 'any'];

export function orderOption(value: unknown): FunnelOrder {
  if (value === undefined) return 'ordered';
  if (typeof value === 'string' && (FUNNEL_ORDERS as readonly string[]).includes(value)) return value as FunnelOrder;
  throw new RangeError(`order must be one of ${FUNNEL_ORDERS.join(', ')}; got ${describeValue(value)}`);
}
