// The persistent cache's defaults, for code every page loads (open.ts): apart from idb-open.ts,
// whose IndexedDB code is in the persistent cache's chunk (persistent.ts).
export const DEFAULT_DB_NAME = 'pulso-cache';
export const DEFAULT_OPEN_TIMEOUT_MS = 3000;
