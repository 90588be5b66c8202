import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

// The Node entries: dist/server.js (`pulso/server`) and dist/pulso-serve.js (the CLI
// bin/pulso-serve.mjs runs), built apart from the browser entries so that no chunk of
// theirs can hold server code. The drivers (pg,
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
    ssr: true,
    rolldownOptions: {
      input: { server: resolve(here, 'src/server/index.ts'), 'pulso-serve': resolve(here, 'src/server/cli-main.ts') },
      external: isExternal,
      output: { entryFileNames: '[name].js', chunkFileNames: 'server-chunks/[name]-[hash].js', format: 'es' },
    },
  },
});
