import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));
const server = process.env.KANSRIJK_API ?? 'http://127.0.0.1:3978';

/** The tabs are served by the Kansrijk server under /tabs/ (see src/http/server.ts). */
export default defineConfig({
  root: here('.'),
  base: '/tabs/',
  plugins: [react()],
  build: {
    outDir: here('../dist/tabs'),
    emptyOutDir: true,
    // bench/tabs.ts reads it to know which files the first view needs.
    manifest: true,
    target: 'es2022',
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 5173,
    strictPort: false,
    proxy: {
      '/api': server,
      '^/dev/': server,
    },
  },
});
