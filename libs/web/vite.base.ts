import { defineConfig, type Plugin, type UserConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

/**
 * The Vite set-up both web apps share; each app's vite.config.ts names only what differs:
 * where the API serves its build and its development port. Its index.html holds its title.
 */
export interface LoketAppOptions {
  /** The path the API serves this build at: `/` (display) or `/counter/`. */
  base: string;
  /** The port of `vite` in development. */
  port: number;
  /** Plugins of this app alone, after the shared ones. */
  plugins?: Plugin[];
}

/**
 * The one HTML document of both apps. Each app's index.html holds only its `<title>` (the
 * one shown before the app sets its own from the route); this writes the rest around it
 * before Vite reads the page, so the entry script is bundled as usual.
 */
function loketDocument(): Plugin {
  return {
    name: 'loket-document',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => {
        const title = /<title>[^<]*<\/title>/.exec(html)?.[0];
        if (!title) throw new Error('index.html must hold the page <title>: libs/web/vite.base.ts writes the rest');
        return `<!doctype html>
<html lang="id">
  <head>
    <meta charset="UTF-8" />
    <meta
      name="viewport"
      content="width=device-width, initial-scale=1"
    />
    <meta
      name="color-scheme"
      content="light"
    />
    <meta
      name="theme-color"
      content="#0b4f6c"
    />
    <link
      rel="icon"
      type="image/svg+xml"
      href="/favicon.svg"
    />
    ${title}
  </head>
  <body>
    <div id="app"></div>
    <script
      type="module"
      src="/src/main.ts"
    ></script>
  </body>
</html>
`;
      },
    },
  };
}

export function loketApp({ base, port, plugins = [] }: LoketAppOptions): UserConfig {
  // In development, `vite` proxies the API and the realtime socket to a locally running API
  // (PORT 3000 by default).
  const apiTarget = process.env.LOKET_API_URL ?? 'http://127.0.0.1:3000';
  return defineConfig({
    base,
    plugins: [vue(), loketDocument(), ...plugins],
    // vue-i18n's compile-time flags: the Composition API only, no devtools in production.
    define: {
      __VUE_I18N_FULL_INSTALL__: true,
      __VUE_I18N_LEGACY_API__: false,
      __INTLIFY_PROD_DEVTOOLS__: false,
    },
    server: {
      port,
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
}
