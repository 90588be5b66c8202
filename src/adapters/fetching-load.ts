// How the adapters reach their fetching code (src/adapters/fetching.ts): a chunk fetched once,
// at the first load that needs it. A failed fetch (the network dropped) is tried again next time.
import { fetchBytePath } from '../data/byte-path-load.js';
import type * as Fetching from './fetching.js';

let loading: Promise<typeof Fetching> | undefined;

export function loadFetching(): Promise<typeof Fetching> {
  // With the byte path its CSV reader imports: both fetched at once (byte-path-load.ts).
  loading ??= Promise.all([import('./fetching.js'), fetchBytePath()]).then(
    ([m]) => m,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
