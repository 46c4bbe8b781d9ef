import { createRouter, createWebHistory } from 'vue-router';
import type { StaffRole } from '@loket/domain';
import { NotFoundPage } from '@loket/web';
import OfficerPage from './features/desk/OfficerPage.vue';
import { useAuthStore } from './shared/auth/auth-store';

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
      component: () => import('./features/supervisor/SupervisorPage.vue'),
      meta: { titleKey: 'supervisor.title', roles: ['supervisor', 'admin', 'regional'] },
    },
    {
      path: '/regional',
      name: 'regional',
      component: () => import('./features/regional/RegionalPage.vue'),
      meta: { titleKey: 'regional.title', roles: ['regional', 'admin'] },
    },
    {
      path: '/regional/reports',
      name: 'regional-reports',
      component: () => import('./features/regional/RegionalReportsPage.vue'),
      meta: { titleKey: 'regional.report.title', roles: ['regional', 'admin'] },
    },
    {
      path: '/supervisor/reports',
      name: 'reports',
      component: () => import('./features/reports/ReportsPage.vue'),
      meta: { titleKey: 'reports.title', roles: ['supervisor', 'admin'] },
    },
    {
      path: '/supervisor/reports/pack',
      name: 'compliance-pack',
      component: () => import('./features/reports/CompliancePackPage.vue'),
      meta: { titleKey: 'compliance.title', roles: ['supervisor', 'admin'] },
    },
    {
      path: '/supervisor/complaints',
      name: 'complaints',
      component: () => import('./features/complaints/ComplaintsPage.vue'),
      meta: { titleKey: 'complaints.title', roles: ['supervisor', 'admin'] },
    },
    { path: '/admin', name: 'admin', component: () => import('./features/admin/AdminPage.vue'), meta: { titleKey: 'admin.title', roles: ['admin'] } },
    { path: '/no-access', name: 'no-access', component: () => import('./shared/auth/NoAccessPage.vue'), meta: { titleKey: 'supervisor.noAccess.title' } },
    { path: '/:pathMatch(.*)*', name: 'not-found', component: NotFoundPage, meta: { titleKey: 'notFound.title' } },
  ],
});

/**
 * Role-aware guard. The desk (`/`) is every officer's; a page whose roles leave officers
 * out (supervisor, reports, admin) sends logged-in staff without the role to "no access".
 * Nobody logged in goes on: such pages show the login, and the server checks every call anyway.
 */
router.beforeEach((to) => {
  const roles = to.meta.roles;
  const staff = useAuthStore().staff;
  // A regional head has no desk: their page is the regional dashboard.
  if (to.name === 'officer' && staff?.role === 'regional') return { name: 'regional' };
  if (!roles || roles.includes('officer')) return true;
  if (staff && !roles.includes(staff.role)) return { name: 'no-access', query: { from: to.fullPath } };
  return true;
});
