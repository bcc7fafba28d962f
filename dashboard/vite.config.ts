import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server serves dashboard/dist; in development Vite proxies the API (and its WebSocket) to it.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // The initial JS is ~460 KB minified (~140 KB gzip); bundle-size.bench.ts watches the gzip target.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false, ws: true },
    },
  },
});
