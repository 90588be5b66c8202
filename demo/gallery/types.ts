// One widget of the gallery: its tag and the attributes a host page would set.
export interface GallerySpec {
  tag: string;
  attrs: Record<string, string>;
  /** The host's own heading, in each language of the page (set as the `heading` attribute). */
  heading?: Headings;
}

/** A host heading in pt-BR, en and es. */
export type Headings = Record<'pt-BR' | 'en' | 'es', string>;

/** What a spec list may use: the end of the generated data as an ISO time. */
export interface GalleryContext {
  asOf: string;
}
