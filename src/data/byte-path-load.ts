// The Arrow byte path (byte-path.ts) is a chunk of its own in dist/pulso.js, imported by the two
// chunks that read UTF-8 bytes: the Arrow codec's and the fetching code's (its CSV reader). A
// chunk's imports are only found once the chunk itself has arrived and been parsed, so each of
// those would fetch the byte path one round trip after itself; their loaders ask for it beside
// them instead, and the two fetches overlap (the module is still evaluated once, after its
// importer's other imports; bench/RESULTS.md, "h14cold4").
export const fetchBytePath = (): Promise<unknown> => import('./byte-path.js');
