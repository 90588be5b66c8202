// For dist/pulso.js only: terser as a second pass over the minifier's output (the first
// chart's 130 KB goal). Oxc minifies in one pass; terser's two compress passes over that output find
// what the first left (inlined single-use functions and constants, joined declarations,
// shorter conditionals): 1.9 KB gzip off what a page fetches before its first chart (measured
// in bench/RESULTS.md, "Bundle to 130 KB after the merge (h14s3)"). Only safe transforms (no
// `unsafe_*`), so the code runs as Oxc left it; terser makes no code from strings, and
// scripts/build.mjs still checks for eval/Function afterwards. Each chunk is an ES module
// (`module: true`: strict, top-level names its own, so they may be mangled); exported names
// and the paths of dynamic imports are kept as they are. A source map, when the build makes
// one (scripts/size.mjs), is carried through.
import { minify } from 'terser';
import type { Plugin } from 'vite';

/** The source map of a chunk, as Rolldown hands it, in the shape terser reads. */
interface ChunkMap {
  toString(): string;
}

export function terserPass(): Plugin {
  return {
    name: 'pulso:terser-pass',
    apply: 'build',
    // generateBundle sees each chunk after Rolldown's own minifier ran.
    async generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const map = chunk.map as ChunkMap | null;
        // The map's URL comment, when the build makes a map, is already in the code: kept last.
        const url = /\n?\/\/# sourceMappingURL=[^\n]*\s*$/.exec(chunk.code)?.[0] ?? '';
        const out = await minify(chunk.code.slice(0, chunk.code.length - url.length), {
          module: true,
          compress: { passes: 2 },
          mangle: true,
          format: { comments: 'some' },
          sourceMap: map ? { content: map.toString(), asObject: true } : false,
        });
        if (out.code === undefined) throw new Error(`terser left no code for ${chunk.fileName}`);
        chunk.code = out.code + url;
        if (map && out.map) {
          // Both the chunk's map (what a build's caller reads: scripts/size.mjs) and the file
          // the bundle will write: Rolldown made the `.map` asset before this hook.
          Object.assign(chunk.map as object, out.map);
          const file = bundle[`${chunk.fileName}.map`];
          if (file?.type === 'asset') file.source = JSON.stringify(out.map);
        }
      }
    },
  };
}
