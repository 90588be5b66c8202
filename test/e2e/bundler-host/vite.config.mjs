// Vite's defaults: nothing here tells it about Pulso or its worker.
export default { logLevel: 'warn', build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 } };
