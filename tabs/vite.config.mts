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
    // Neither is served (src/http/server.ts refuses them): they would hand out the source and
    // the file layout of the app. bench/tabs.ts finds the first view's files from the network.
    manifest: false,
    sourcemap: false,
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
