import { loketApp } from '../../libs/web/vite.base';

// The API serves this build at `/counter/`; the shared set-up is in libs/web/vite.base.ts.
export default loketApp({ base: '/counter/', port: 5174 });
