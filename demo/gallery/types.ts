// One widget of the gallery: its tag and the attributes a host page would set.
export interface GallerySpec {
  tag: string;
  attrs: Record<string, string>;
}

/** What a spec list may use: the end of the generated data as an ISO time. */
export interface GalleryContext {
  asOf: string;
}
