import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { arqueroWithoutCodegen } from './build/arquero-without-codegen.js';
import { d3PureConstants } from './build/d3-pure-constants.js';
import { minifyTemplates } from './build/minify-templates.js';
import { privateVars } from './build/private-vars.js';
import { staticProperties } from './build/static-properties.js';
import { terserPass } from './build/terser-pass.js';

const here = import.meta.dirname;

// `npm start` serves the demo (demo/) with the msw worker from demo/public;
// `vite build` writes dist/pulso.js: one self-contained, minified ES module (every
// dependency inside) for a page without a bundler. The npm entries (dist/index.js,
// dist/core.js, dependencies left as imports) come from vite.npm.config.ts.
export default defineConfig({
  root: resolve(here, 'demo'),
  publicDir: resolve(here, 'demo/public'),
  server: {
    port: 5173,
    // The demo (root demo/) imports src/ and components/, and its real-data page reads
    // data/: all inside the repository, and nothing outside it is served.
    fs: { allow: [here] },
  },
  // Build only (build/): arquero's string-expression compiler (acorn + Function) can never
  // run under script-src 'self' and Pulso never calls it; d3's unused constants are dropped;
  // the text of Lit's css/html/svg templates is shortened (the minifier leaves it as written);
  // the elements' @property/@state decorators become `static properties` (the source keeps them
  // for the manifest and the declarations); the private CSS custom properties (--_pulso-*) get
  // short names; terser makes a second pass over the minified chunks.
  plugins: [staticProperties(), arqueroWithoutCodegen(), d3PureConstants(), minifyTemplates(), privateVars(), terserPass()],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: false,
    copyPublicDir: false,
    target: 'es2022',
    lib: {
      entry: resolve(here, 'components/index.ts'),
      formats: ['es'],
      fileName: () => 'pulso.js',
    },
    rolldownOptions: {
      // arquero and flechette have no side effects when loaded (their package.json does not say
      // so): without this, arquero's index, which re-exports its Arrow readers, would keep
      // flechette in the code every page loads (src/adapters/arrow-codec.ts loads it on first use).
      treeshake: { moduleSideEffects: (id: string) => !/\/node_modules\/(arquero|@uwdata\/flechette)\//.test(id) },
      output: {
        // A lib build keeps whitespace for downstream bundlers; this file is final.
        minify: true,
        comments: { legal: true, annotation: false, jsdoc: false },
        // Code loaded on demand (the Arrow codec, the chart export) is split into chunks under
        // dist/pulso/, imported relative to pulso.js: same origin, so script-src 'self' allows
        // them. Code they share with pulso.js is in dist/pulso/shared-*.js, which pulso.js
        // imports, never pulso.js itself: a page that loads pulso.js under another URL (a
        // ?v= query) still gets one copy of every module.
        chunkFileNames: (chunk) => (chunk.isDynamicEntry ? 'pulso/[name]-[hash].js' : 'pulso/shared-[hash].js'),
        // Every module pulso.js needs that a lazy chunk needs too, in ONE shared chunk: left to
        // itself the bundler makes one per set of chunks sharing it (a dozen small files, each
        // gzipped alone: ~4 KB more before the first chart than the same code in one file).
        // The worker's DOM stand-ins (components/worker-scope.ts) in a file of their own, which
        // pulso.js imports first: the shared chunk defines Lit's classes (HTMLElement) as it loads.
        codeSplitting: {
          groups: [
            { name: 'shared', test: /[\\/]components[\\/]worker-scope\.ts$/, priority: 1 },
            { name: 'shared', tags: ['$initial'], minShareCount: 2 },
          ],
        },
      },
    },
  },
});
