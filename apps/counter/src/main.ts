import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n } from './i18n';
import { router } from './router';
import { useAuthStore } from './shared/auth/auth-store';
import '@loket/web/base.css';
import '@loket/web/shell.css';
import './tokens.css';
import './styles.css';

const pinia = createPinia();
// The session kept on this desk PC, so a reload does not log the officer out.
useAuthStore(pinia).restore();
createApp(App).use(pinia).use(router).use(i18n).mount('#app');
