/** A custom-elements.json manifest (schema 1.0), as far as the generators read it. */
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

export function elementsOf(manifest: CustomElementsManifest): ManifestElement[];
export function withInherited(manifest: CustomElementsManifest, declaration: object): object;

export interface HostApi {
  /** Public writable properties (what React 19 and Vue set when the element has them). */
  properties: { name: string; description: string }[];
  /** Attributes named differently from their property, e.g. `min-cell-size` of `minCellSize`. */
  renamedAttributes: { name: string; fieldName?: string; description: string }[];
  events: { name: string; description: string }[];
}

export function hostApi(manifest: CustomElementsManifest, element: ManifestElement): HostApi;
