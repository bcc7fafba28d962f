import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server serves dashboard/dist; in development Vite proxies the API (and its WebSocket) to it.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false, ws: true },
    },
  },
});
