import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web app: two pages (the app at `/`, GraphiQL at `/graphiql`), built into `dist/web` and served by the
 * Postwatch server itself. Everything is bundled: nothing is fetched from the internet at run time.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 6000,
    // dist/web/.vite/manifest.json: which chunks each page loads (bench:bundle reads it; the server does not serve it).
    manifest: true,
    rolldownOptions: {
      // Libraries' "use client" / "use no memo" directives mean nothing in a bundle; their warnings are noise.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      input: {
        app: fileURLToPath(new URL('./index.html', import.meta.url)),
        graphiql: fileURLToPath(new URL('./graphiql.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: {
      '/graphql': { target: 'http://localhost:4000', ws: true },
      '/cap': 'http://localhost:4000',
      '/reports': 'http://localhost:4000',
    },
  },
});
