// Chunks fetched one after another: a chunk loaded on first use (`import("./c.js")` in chunk F)
// whose own static imports are neither loaded with pulso.js nor asked for by F beside it. The
// browser finds those imports only once the chunk has arrived and been parsed, so each costs a
// round trip more before the code can run (the Arrow codec's byte path did: bench/RESULTS.md,
// "h14cold4"; src/data/byte-path-load.ts).
const resolveIn = (from, spec) => new URL(spec, `file:///${from}`).pathname.slice(1);
const statics = (code) => [...code.matchAll(/(?<![\w$.])(?:from|import)\s*["'`](\.\.?\/[^"'`]+)["'`]/g)].map((m) => m[1]);
const dynamics = (code) => [...code.matchAll(/(?<![\w$.])import\s*\(\s*["'`](\.\.?\/[^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);

/**
 * `files`: { path, code } of the bundle, `entry` the path of pulso.js; `exempt(path)`: a chunk
 * whose waterfall is allowed (one loaded on a click, say). Returns one line per waterfall.
 */
export function chunkWaterfalls(files, entry, exempt = () => false) {
  const byPath = new Map(files.map((f) => [f.path, f.code]));
  const eager = new Set();
  const visit = (path) => {
    if (eager.has(path) || !byPath.has(path)) return;
    eager.add(path);
    for (const spec of statics(byPath.get(path))) visit(resolveIn(path, spec));
  };
  visit(entry);
  const out = [];
  for (const { path, code } of files) {
    const beside = new Set(dynamics(code).map((spec) => resolveIn(path, spec)));
    for (const chunk of beside) {
      if (exempt(chunk) || !byPath.has(chunk)) continue;
      for (const spec of statics(byPath.get(chunk))) {
        const dep = resolveIn(chunk, spec);
        if (!eager.has(dep) && !beside.has(dep)) out.push(`${chunk} (loaded by ${path}) imports ${dep}, fetched only after it`);
      }
    }
  }
  return out;
}
