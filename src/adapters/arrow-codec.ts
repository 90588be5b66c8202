// The Arrow IPC reader and writer (flechette, and Arquero's bridges to it), loaded on
// first use: about 14 KB gzip that a page whose data never comes or goes as Arrow (rows
// from JSON or a MemoryAdapter, a cache in memory) never needs. In dist/pulso.js they are
// a chunk of their own (dist/pulso/). Every path that meets Arrow bytes — the Arrow and
// JSON adapters, the load pipeline, the cache on disk — awaits `loadArrow()` first, so the
// decoders and encoders themselves stay synchronous.
import { fetchBytePath } from '../data/byte-path-load.js';
import type * as Codec from './arrow-codec-impl.js';

let codec: typeof Codec | undefined;
let loading: Promise<void> | undefined;

/** Loads the Arrow codec once; afterwards `decodeArrow`, `toTable(bytes)` and the cache's encoders run. */
export function loadArrow(): Promise<void> {
  if (codec) return Promise.resolve();
  // With the byte path the codec's chunk imports: both fetched at once (byte-path-load.ts).
  loading ??= Promise.all([import('./arrow-codec-impl.js'), fetchBytePath()]).then(
    ([m]) => void (codec = m),
    (error: unknown) => {
      loading = undefined; // a failed chunk fetch is tried again by the next load
      throw error;
    },
  );
  return loading;
}

/** Loads the codec when a load result is Arrow bytes (rows and tables need none). */
export function loadArrowFor(result: unknown): Promise<void> {
  return result instanceof Uint8Array || result instanceof ArrayBuffer ? loadArrow() : Promise.resolve();
}

/** The loaded codec; throws when no `await loadArrow()` came first. */
export function arrowCodec(): typeof Codec {
  if (!codec) throw new Error("Pulso's Arrow codec is not loaded: await loadArrow() before decoding or encoding Arrow IPC");
  return codec;
}
