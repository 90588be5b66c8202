// Entry of `pulso`: registers every element (as they land) and re-exports the core.
export * from '../src/core.js';
