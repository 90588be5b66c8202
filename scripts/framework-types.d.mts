import type { CustomElementsManifest } from './manifest.mjs';

export function renderReactTypes(manifest: CustomElementsManifest): string;
export function renderVueTypes(manifest: CustomElementsManifest): string;
/** The generated files (relative to the repository root) and the package entry of each. */
export const FRAMEWORK_TYPES: readonly { file: string; entry: string; render: (manifest: CustomElementsManifest) => string }[];
