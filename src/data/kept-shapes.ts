// A key table and a column reader kept for the module's life, used once at load on keys of
// every kind (short and long, past the tables' first growth, a padded one). V8 gives a
// class's objects a layout (a "map") that dies with its last object, and a method's
// optimized code, which embeds that map, is thrown away with it; the learnt types go too.
// Each column's tables die after validation, so after a full collection the next load ran
// the per-row loops of byte-keys.ts and text-codes.ts unoptimized until V8 had learnt them
// again (Chromium's trace: 40 deopts of `Utf8Codes.read` in three loads of four tables).
// Kept objects keep the maps alive. Using them once also makes every field that later
// changes (a grown buffer, a count) mutable from the start, so no optimized code is built
// on its being constant and thrown away at its first change.
import { ByteKeys } from './byte-keys.js';
import { TextCodes } from './text-codes.js';
import { Utf8Codes } from './utf8-codes.js';

function warmed(): { keys: ByteKeys; reader: Utf8Codes } {
  // 700 keys of 2–4 bytes and 700 of 10–12: past the first growth of every buffer.
  const words = Array.from({ length: 1400 }, (_, k) => (k % 2 ? `k${k}` : `key-long-${k}`));
  const bytes = new TextEncoder().encode(words.join('') + ' k1 ');
  const offsets = new Int32Array(words.length + 2);
  words.forEach((w, k) => (offsets[k + 1] = offsets[k] + w.length));
  offsets[words.length + 1] = bytes.length;
  const keys = new ByteKeys();
  for (let k = 0; k < words.length; k++) keys.few(bytes, offsets[k], offsets[k + 1]);
  keys.plainSince(0);
  keys.later();
  keys.strings(0);
  const reader = new Utf8Codes(new TextCodes());
  const out = new Int32Array(words.length + 1);
  reader.read(bytes, offsets, words.length, undefined, out, 0);
  // The padded key: codes stop being key numbers and the deferred strings are made.
  reader.read(bytes, offsets.subarray(words.length), 1, undefined, out, words.length);
  return { keys, reader };
}

export const KEPT = warmed();
