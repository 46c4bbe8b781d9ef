import { createRouter, createWebHistory } from 'vue-router';
import { NotFoundPage } from '@loket/web';
import LandingPage from './pages/LandingPage.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title, shown in the browser tab. */
    titleKey?: string;
    /** A screen for a room (the board): no header, the whole viewport. */
    fullScreen?: boolean;
    /** A screen that uses the full width (the kiosk). */
    wide?: boolean;
  }
}

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [
    { path: '/', name: 'landing', component: LandingPage, meta: { titleKey: 'landing.title' } },
    { path: '/kiosk', name: 'kiosk', component: () => import('./features/kiosk/KioskPage.vue'), meta: { titleKey: 'kiosk.title', wide: true } },
    {
      path: '/survey-terminal',
      alias: '/survey',
      name: 'survey-terminal',
      component: () => import('./features/survey-terminal/SurveyTerminalPage.vue'),
      meta: { titleKey: 'terminal.title', wide: true },
    },
    { path: '/board', name: 'board', component: () => import('./features/board/BoardPage.vue'), meta: { titleKey: 'board.title', fullScreen: true } },
    {
      path: '/t/:trackingCode',
      name: 'ticket',
      component: () => import('./features/ticket/TicketPage.vue'),
      props: true,
      meta: { titleKey: 'ticket.title' },
    },
    {
      path: '/o/:slug/standar',
      name: 'standards',
      component: () => import('./features/standards/StandardsPage.vue'),
      props: true,
      meta: { titleKey: 'standards.title' },
    },
    {
      path: '/o/:slug/pengaduan',
      name: 'complaint-file',
      component: () => import('./features/complaints/ComplaintFilePage.vue'),
      props: true,
      meta: { titleKey: 'complaint.fileTitle' },
    },
    {
      path: '/pengaduan/:code',
      name: 'complaint-status',
      component: () => import('./features/complaints/ComplaintStatusPage.vue'),
      props: true,
      meta: { titleKey: 'complaint.statusTitle' },
    },
    {
      path: '/o/:slug/book',
      name: 'book',
      component: () => import('./features/booking/BookPage.vue'),
      props: true,
      meta: { titleKey: 'booking.title' },
    },
    {
      path: '/b/:code',
      name: 'booking',
      component: () => import('./features/booking/BookingPage.vue'),
      props: true,
      meta: { titleKey: 'booking.page.title' },
    },
    { path: '/:pathMatch(.*)*', name: 'not-found', component: NotFoundPage, meta: { titleKey: 'notFound.title' } },
  ],
});
