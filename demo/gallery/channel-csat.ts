// <pulso-channel-csat> in the gallery: the last 30 days with every ticket column;
// spring 2026, when the phone channel slides, against the three months before;
// and by plan with small groups hidden under a heading of the host's own.
import '../../components/channel-csat/pulso-channel-csat.js';
import type { GalleryContext, GallerySpec } from './types.js';

export const specs = (_: GalleryContext): GallerySpec[] => [
  { tag: 'pulso-channel-csat', attrs: { tickets: 'fcr,first-response,resolution,volume' } },
  { tag: 'pulso-channel-csat', attrs: { from: '2026-03-01', to: '2026-06-01', tickets: 'first-response,resolution' } },
  {
    tag: 'pulso-channel-csat',
    attrs: { by: 'plan', range: 'quarter', 'min-cell-size': '11' }, heading: { 'pt-BR': 'CSAT por plano — último trimestre', en: 'CSAT by plan — last quarter', es: 'CSAT por plan — último trimestre' },
  },
];
