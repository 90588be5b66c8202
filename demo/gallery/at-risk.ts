import type { GalleryContext, GallerySpec } from './types.js';

export const specs = ({ asOf }: GalleryContext): GallerySpec[] => [
  { tag: 'pulso-at-risk', attrs: { 'as-of': asOf, 'allow-row-level': '', by: 'plan', value: 'revenue', limit: '8' } },
  { tag: 'pulso-at-risk', attrs: { 'as-of': asOf, 'allow-row-level': '', 'min-signals': '2', by: 'plan' } },
  { tag: 'pulso-at-risk', attrs: { 'as-of': asOf } },
];
