import type { GalleryContext, GallerySpec } from './types.js';

export const specs = ({ asOf }: GalleryContext): GallerySpec[] => [
  { tag: 'pulso-survival', attrs: { 'as-of': asOf, by: 'plan', 'min-cell-size': '11' } },
  { tag: 'pulso-survival', attrs: { 'as-of': asOf } },
  { tag: 'pulso-survival', attrs: { 'as-of': asOf, by: 'region', unit: 'week', from: '2025-01-01', 'min-group-size': '200' } },
];
