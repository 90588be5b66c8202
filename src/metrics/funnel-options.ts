// The funnel's `order` option (SPEC §3.5).
import { keyword } from '../query/options.js';

export type FunnelOrder = 'ordered' | 'strict' | 'any';
export const FUNNEL_ORDERS: readonly FunnelOrder[] = ['ordered', 'strict', 'any'];

export function orderOption(value: unknown): FunnelOrder {
  return keyword(value, 'order', FUNNEL_ORDERS, 'ordered');
}
