import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The API serves this build at `/`. In development, `vite` proxies the API and the
// realtime socket to a locally running API (PORT 3000 by default).
const apiTarget = process.env.LOKET_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/',
  plugins: [vue()],
  // vue-i18n's compile-time flags: the Composition API only, no devtools in production.
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': apiTarget,
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});
