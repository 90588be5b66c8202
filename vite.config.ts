import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

// `npm start` serves the demo (demo/) with the msw worker from demo/public;
// `npm run build` writes dist/pulso.js, one self-contained ES module.
export default defineConfig({
  root: resolve(here, 'demo'),
  publicDir: resolve(here, 'demo/public'),
  server: {
    port: 5173,
    // The demo imports src/ and components/, and its real-data page reads ../shared/data.
    fs: { allow: [here, resolve(here, '../shared')] },
  },
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    copyPublicDir: false,
    lib: {
      entry: resolve(here, 'components/index.ts'),
      formats: ['es'],
      fileName: () => 'pulso.js',
    },
  },
});
