import type { CustomElementsManifest, ManifestElement } from './manifest.mjs';

export type { CustomElementsManifest, ManifestElement };

export const API_START: string;
export const API_END: string;
export const PAGE: string;
export function elementsOf(manifest: CustomElementsManifest): ManifestElement[];
export function cell(text: unknown): string;
export function renderApi(manifest: CustomElementsManifest): string;
export function currentApi(page: string): string | undefined;
export function replaceApi(page: string, api: string): string;
export function firstDifference(expected: string, actual: string): string | undefined;
