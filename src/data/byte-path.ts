// The Arrow byte path of validation: UTF-8 columns read as codes from their bytes
// (utf8-codes.ts, distinct-utf8.ts over byte-keys.ts, kept warm by kept-shapes.ts; dictionaries
// of distinct values as codes from their keys),
// ISO times and plain decimals parsed from their bytes (parse-bytes.ts,
// decimal-bytes.ts), about 2.5 KB gzip that a page whose data comes as rows never
// needs. It loads with the Arrow codec (arrow-codec-impl.ts imports it), which every
// path that meets Arrow bytes awaits, and with the CSV reader (csv-read.ts, whose
// columns are UTF-8 too), and registers itself with columns.ts. Until then `validate`
// (synchronous) reads an Arrow column a host built itself through its values: the same
// codes, strings and times, only slower (test/data/byte-path.test.ts compares the two).
import { parseIsoBytes } from '../time/parse-bytes.js';
import { useBytePath } from './columns.js';
import { utf8Numbers } from './decimal-bytes.js';
import { dictionarySteps, readDictionary, readDistinct, readDistinctDictionary } from './distinct-utf8.js';
import './kept-shapes.js';
import type { TextCodes } from './text-codes.js';
import { Utf8Codes, utf8Keys } from './utf8-codes.js';

export const BYTE_PATH = {
  readDistinct,
  readDistinctDictionary,
  readDictionary,
  dictionarySteps,
  utf8Codes: (text: TextCodes): Utf8Codes => new Utf8Codes(text),
  parseIsoBytes,
  utf8Numbers,
  utf8Keys,
};

export type BytePath = typeof BYTE_PATH;

useBytePath(BYTE_PATH);
