import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { tabsMessages } from '../src/shared/i18n/tabs-messages';
import { catalogues, type Lang } from '../src/shared/i18n/translator';

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));
const server = process.env.KANSRIJK_API ?? 'http://127.0.0.1:3978';
// Another folder lets two builds (e.g. two working copies' browser tests) run side by side.
const outDir = process.env.KANSRIJK_TABS_OUT ?? here('../dist/tabs');

/**
 * Brotli and gzip copies of every text asset, made once at build time at the highest quality,
 * so that the server sends them as they are (@fastify/static preCompressed) instead of
 * compressing on every request or not at all.
 */
function precompress(): Plugin {
  const compressible = /\.(js|css|html|svg|json|txt)$/;
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : [full];
    });
  return {
    name: 'kansrijk-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of walk(outDir).filter((f) => compressible.test(f))) {
        const bytes = readFileSync(file);
        if (bytes.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

/**
 * `virtual:kansrijk-messages/nl` and `/en`: one language's messages each, as the tabs need them
 * (src/shared/i18n/tabs-messages.ts), so the first view carries Dutch only and English comes when
 * someone speaks it. JSON.parse because a large literal parses faster that way. The catalogues
 * are read when Vite starts: `npm run dev:tabs` shows a changed message after a restart. This
 * file imports the app's TypeScript, so the scripts load it with `--configLoader runner`.
 */
function messages(): Plugin {
  const prefix = 'virtual:kansrijk-messages/';
  return {
    name: 'kansrijk-messages',
    resolveId: (id) => (id.startsWith(prefix) && id.slice(prefix.length) in catalogues ? `\0${id}` : undefined),
    load(id) {
      if (!id.startsWith(`\0${prefix}`)) return undefined;
      const json = JSON.stringify(tabsMessages(catalogues[id.slice(prefix.length + 1) as Lang]));
      return `export default JSON.parse(${JSON.stringify(json)});`;
    },
  };
}

/** The tabs are served by the Kansrijk server under /tabs/ (see src/http/server.ts). */
export default defineConfig({
  root: here('.'),
  base: '/tabs/',
  plugins: [react(), messages(), precompress()],
  build: {
    outDir,
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
