// What arrow-codec.ts loads on first use (a chunk of its own in dist/pulso.js).
// Side effects: flechette's dictionaries of ASCII text decoded in one call (see the file),
// and validation's Arrow byte path registered (src/data/byte-path.ts): every Arrow table
// Pulso decodes is validated from its bytes.
import './arrow-dictionary.js';
import '../data/byte-path.js';
export { tableFromIPC } from '@uwdata/flechette';
export { toArrowIPC } from 'arquero';
export { decodeArrow } from './arrow-decode-impl.js';
