import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

const here = import.meta.dirname;

/**
 * Bare specifiers (lit, arquero, d3-*, idb, …) stay imports: the host's bundler dedupes
 * them. The decorator helper the compiler injects is inlined (it is no dependency of ours).
 */
const isDependency = (id: string) =>
  !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !id.startsWith('@oxc-project/runtime');

/** How src/worker/entry.ts says where the worker starts from (its type annotation may be gone). */
const WORKER_URL_SOURCE = /export const WORKER_URL(?::\s*string)?\s*=\s*import\.meta\.url;/;

/**
 * The page side of the npm entries starts Pulso's worker from dist/chunks/pulso-worker.js
 * (vite.worker.config.ts), not from its own chunk: written as `new URL('./pulso-worker.js',
 * import.meta.url)`, which a host's bundler recognises and emits as a file of its own. Its
 * own chunk, merged into a host's, would run the host's code in the worker (docs/worker.md).
 */
function workerFile(): Plugin {
  return {
    name: 'pulso:worker-file',
    transform(code, id) {
      if (!id.endsWith('/src/worker/entry.ts')) return null;
      if (!WORKER_URL_SOURCE.test(code)) this.error('src/worker/entry.ts no longer says `export const WORKER_URL = import.meta.url;`');
      // Vite would rewrite the URL for this build (it needs to stay as written for the host's):
      // told to leave it, then the hint is taken out of the output, or the host's bundler would heed it too.
      return code.replace(WORKER_URL_SOURCE, "export const WORKER_URL = new URL('./pulso-worker.js', /* @vite-ignore */ import.meta.url).href;");
    },
    renderChunk(code) {
      return code.includes('/* @vite-ignore */') ? code.replace(/\/\* @vite-ignore \*\/\s*/g, '') : null;
    },
  };
}

// The browser's npm entries: dist/index.js (`pulso`: registers every element, exports the
// core) and dist/core.js (`pulso/core`, DOM-free), sharing chunks under dist/chunks/.
// The Node entries (pulso/server, the pulso-serve CLI) are vite.server.config.ts.
// Unminified ES2022: the consumer's bundler minifies. dist/pulso.js is vite.config.ts.
export default defineConfig({
  root: here,
  publicDir: false,
  logLevel: 'warn',
  plugins: [workerFile()],
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: false,
    copyPublicDir: false,
    target: 'es2022',
    minify: false,
    lib: {
      entry: {
        index: resolve(here, 'components/index.ts'),
        core: resolve(here, 'src/core.ts'),
      },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: {
      external: isDependency,
      output: { chunkFileNames: 'chunks/[name]-[hash].js', minifyInternalExports: false },
    },
  },
});
