import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const SOURCE = fileURLToPath(new URL('../src/sw/service-worker.ts', import.meta.url));

/**
 * Builds the service worker (src/sw/service-worker.ts) as `/sw.js` at the root of the build,
 * unhashed: a service worker's scope is at most the folder of its script, and the phone page
 * registers it under one lasting name (browsers check it for updates themselves, past the
 * HTTP cache). It imports nothing, so it comes out as one self-contained script.
 */
export function serviceWorkerPlugin(): Plugin {
  return {
    name: 'loket-service-worker',
    apply: 'build',
    buildStart() {
      this.emitFile({ type: 'chunk', id: SOURCE, fileName: 'sw.js' });
    },
  };
}
