/** A custom-elements.json manifest (schema 1.0), as far as the generator reads it. */
export interface CustomElementsManifest {
  schemaVersion?: string;
  modules: readonly object[];
}

export interface ManifestElement {
  tagName: string;
  className: string;
  /** Module path without extension, e.g. `components/kpi/pulso-kpi`. */
  path: string;
  /** Exported by components/index.ts (which registers it). */
  registered: boolean;
  declaration: object;
}

export const API_START: string;
export const API_END: string;
export const PAGE: string;
export function elementsOf(manifest: CustomElementsManifest): ManifestElement[];
export function cell(text: unknown): string;
export function renderApi(manifest: CustomElementsManifest): string;
export function currentApi(page: string): string | undefined;
export function replaceApi(page: string, api: string): string;
export function firstDifference(expected: string, actual: string): string | undefined;
