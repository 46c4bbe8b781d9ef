import { loketApp } from '../../libs/web/vite.base';
import { serviceWorkerPlugin } from './build/service-worker';
import { voiceClipsPlugin } from './build/voice-clips';

// The API serves this build at `/`; the shared set-up is in libs/web/vite.base.ts. The board's
// recorded voice is made at build time (build/voice-clips.ts); so is the phone page's
// service worker, `/sw.js` (build/service-worker.ts).
export default loketApp({ base: '/', port: 5173, plugins: [voiceClipsPlugin(), serviceWorkerPlugin()] });
