import { defineConfig } from 'vite';

// Served by the API at /dashboard (apps/api/src/dashboard/dashboard-static.ts); everything is bundled, nothing loads from a CDN.
export default defineConfig({
  base: '/dashboard/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // Mantine marks its modules "use client" (for React Server Components); meaningless in a plain SPA bundle
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/admin-api': 'http://localhost:3000', '/shop-api': 'http://localhost:3000' } },
});
