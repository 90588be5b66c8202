// How the adapters reach their fetching code (src/adapters/fetching.ts): a chunk fetched once,
// at the first load that needs it. A failed fetch (the network dropped) is tried again next time.
import type * as Fetching from './fetching.js';

let loading: Promise<typeof Fetching> | undefined;

export function loadFetching(): Promise<typeof Fetching> {
  loading ??= import('./fetching.js').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
