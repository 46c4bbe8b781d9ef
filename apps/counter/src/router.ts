import { createRouter, createWebHistory } from 'vue-router';
import type { StaffRole } from '@loket/domain';
import OfficerPage from './pages/OfficerPage.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title, shown in the browser tab. */
    titleKey?: string;
    /** Who may open the page; the guard that enforces it comes with staff login. */
    roles?: readonly StaffRole[];
  }
}

export const router = createRouter({
  // The API serves this app at /counter/ (vite `base`), so every route lives below it.
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [
    { path: '/', name: 'officer', component: OfficerPage, meta: { titleKey: 'officer.title', roles: ['officer'] } },
    {
      path: '/supervisor',
      name: 'supervisor',
      component: () => import('./pages/SupervisorPage.vue'),
      meta: { titleKey: 'supervisor.title', roles: ['supervisor', 'admin'] },
    },
    { path: '/admin', name: 'admin', component: () => import('./pages/AdminPage.vue'), meta: { titleKey: 'admin.title', roles: ['admin'] } },
    { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { titleKey: 'notFound.title' } },
  ],
});
