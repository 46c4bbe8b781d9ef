import type { CounterMessages } from './id';

export const en: CounterMessages = {
  language: {
    name: 'English',
    switchLabel: 'Language',
  },
  shell: {
    brand: 'Loket',
    area: 'Staff',
    skipToContent: 'Skip to content',
    navLabel: 'Staff menu',
    publicScreens: 'Public screens',
  },
  nav: {
    officer: 'Counter',
    supervisor: 'Supervisor',
    admin: 'Admin',
  },
  roles: {
    label: 'For: {roles}',
    officer: 'Counter officers',
    supervisor: 'Supervisors',
    admin: 'Admins',
  },
  officer: {
    title: 'Counter officer',
    placeholder: 'On this screen officers will open their counter with the shift-start checklist, call the next number, recall, start and finish each service with the etiquette checklist, record no-shows, transfer to another service, and pause the counter for a break, all from the keyboard.',
  },
  supervisor: {
    title: 'Supervisor dashboard',
    placeholder: 'On this screen supervisors will follow punctuality and etiquette live per service, counter and officer, receive alerts, record observations, and see reports and the Community Satisfaction Index (IKM).',
  },
  admin: {
    title: 'Administration',
    placeholder: 'On this screen admins will manage offices, services and their service standards, counters and their schedules, staff accounts, and the etiquette checklist templates.',
  },
  notFound: {
    title: 'Page not found',
    body: 'The address you opened does not exist.',
    back: 'Back to the staff home',
  },
};
