import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

/**
 * Bare specifiers (lit, arquero, d3-*, idb, …) stay imports: the host's bundler dedupes
 * them. The decorator helper the compiler injects is inlined (it is no dependency of ours).
 */
const isDependency = (id: string) =>
  !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !id.startsWith('@oxc-project/runtime');

// The browser's npm entries: dist/index.js (`pulso`: registers every element, exports the
// core) and dist/core.js (`pulso/core`, DOM-free), sharing chunks under dist/chunks/.
// The Node entries (pulso/server, the pulso-serve CLI) are vite.server.config.ts.
// Unminified ES2022: the consumer's bundler minifies. dist/pulso.js is vite.config.ts.
export default defineConfig({
  root: here,
  publicDir: false,
  logLevel: 'warn',
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
