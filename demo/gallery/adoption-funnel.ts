import type { GalleryContext, GallerySpec } from './types.js';

export const specs = (_: GalleryContext): GallerySpec[] => [];
