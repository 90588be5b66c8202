// What arrow-codec.ts loads on first use (a chunk of its own in dist/pulso.js).
// Side effect: flechette's dictionaries of ASCII text decoded in one call (see the file).
import './arrow-dictionary.js';
export { tableFromIPC } from '@uwdata/flechette';
export { toArrowIPC } from 'arquero';
export { ArrowShapeError, checkArrowShape } from './arrow-check.js';
