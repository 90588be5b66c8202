import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { arqueroWithoutCodegen } from './build/arquero-without-codegen.js';
import { d3PureConstants } from './build/d3-pure-constants.js';

const here = import.meta.dirname;

// dist/chunks/pulso-worker.js: Pulso's worker for the npm entries, one self-contained
// minified module (src/worker/entry.ts and everything it imports; no DOM, no element).
// The npm build's page side starts it as `new URL('./pulso-worker.js', import.meta.url)`
// (vite.npm.config.ts), the pattern a host's bundler (Vite, webpack 5, Parcel) copies into
// its output as a file of its own: the worker then never loads the host's chunks, whose own
// code may touch the DOM as it loads (docs/worker.md, "Bundlers").
export default defineConfig({
  root: here,
  publicDir: false,
  logLevel: 'warn',
  plugins: [arqueroWithoutCodegen(), d3PureConstants()],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: resolve(here, 'dist/chunks'),
    emptyOutDir: false,
    copyPublicDir: false,
    target: 'es2022',
    lib: { entry: resolve(here, 'src/worker/entry.ts'), formats: ['es'], fileName: () => 'pulso-worker.js' },
    rolldownOptions: { output: { minify: true, comments: { legal: true, annotation: false, jsdoc: false }, codeSplitting: false } },
  },
});
