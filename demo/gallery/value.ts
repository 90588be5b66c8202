import type { GalleryContext, GallerySpec } from './types.js';

export const specs = ({ asOf }: GalleryContext): GallerySpec[] => [
  { tag: 'pulso-value', attrs: { 'as-of': asOf } },
  { tag: 'pulso-value', attrs: { 'as-of': asOf, by: 'plan', top: '0.1', 'min-cell-size': '11' } },
];
