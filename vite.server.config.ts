import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

// `pulso/server` (Node only): dist/server.js, one ES module built apart from the browser
// entries so that no chunk of theirs can hold server code. The drivers (pg,
// @duckdb/node-api) and Node's own modules stay imports, loaded only when a source needs them.
const isExternal = (id: string) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

export default defineConfig({
  root: here,
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: false,
    copyPublicDir: false,
    target: 'node20',
    minify: false,
    ssr: resolve(here, 'src/server/index.ts'),
    rolldownOptions: {
      external: isExternal,
      output: { entryFileNames: 'server.js', format: 'es' },
    },
  },
});
