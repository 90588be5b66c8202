// Rows per call of a kernel's hot loop. A loop over 1M rows inside one long call is
// optimized by on-stack replacement, and V8 drops that code at the next full
// collection (and code that specialized on a per-call object when the collection
// frees that object's shape), so every call after a GC tiered up again from the
// interpreter, its speed hanging on when the background compiler got a core. A loop
// in a function of its own, with plain arguments (typed arrays, numbers, long-lived
// functions), called block by block, is optimized as a function and keeps that code
// (bench/RESULTS.md, "Kernels in Chromium (h14k)").
export const BLOCK_ROWS = 1 << 16;
