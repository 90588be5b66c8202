// <pulso-adoption-funnel> in the gallery: the onboarding funnel before and during
// the March 2026 release that broke profile_completed, the same funnel by plan,
// and feature adoption (all features; one feature across plans).
import '../../components/adoption-funnel/pulso-adoption-funnel.js';
import { FEATURES, ONBOARDING } from '../data/health-plan.js';
import type { GalleryContext, GallerySpec } from './types.js';

const steps = ONBOARDING.join(',');

export const specs = (_: GalleryContext): GallerySpec[] => [
  {
    tag: 'pulso-adoption-funnel',
    attrs: { steps, window: 'P30D', from: '2025-11-01', to: '2026-03-01' }, heading: { 'pt-BR': 'Onboarding antes da versão 4.0 (nov/2025–fev/2026)', en: 'Onboarding before release 4.0 (Nov 2025–Feb 2026)', es: 'Incorporación antes de la versión 4.0 (nov/2025–feb/2026)' },
  },
  {
    tag: 'pulso-adoption-funnel',
    attrs: { steps, window: 'P30D', from: '2026-03-01', to: '2026-04-15', 'min-cell-size': '11' }, heading: { 'pt-BR': 'Onboarding após a versão 4.0 (1º/mar–15/abr/2026)', en: 'Onboarding after release 4.0 (Mar 1–Apr 15, 2026)', es: 'Incorporación después de la versión 4.0 (1/mar–15/abr/2026)' },
  },
  { tag: 'pulso-adoption-funnel', attrs: { steps, window: 'P30D', from: '2025-11-01', by: 'plan', 'min-cell-size': '11' } },
  { tag: 'pulso-adoption-funnel', attrs: { mode: 'features', features: FEATURES.join(','), from: '2025-06-01' } },
  { tag: 'pulso-adoption-funnel', attrs: { mode: 'features', features: FEATURES.join(','), from: '2025-06-01', by: 'plan', 'min-cell-size': '11' } },
  { tag: 'pulso-adoption-funnel', attrs: { mode: 'features' }, heading: { 'pt-BR': 'Sem funcionalidades definidas', en: 'No features defined', es: 'Sin funcionalidades definidas' } },
];
