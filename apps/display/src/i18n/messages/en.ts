import type { DisplayMessages } from './id';

export const en: DisplayMessages = {
  language: {
    name: 'English',
    switchLabel: 'Language',
  },
  shell: {
    brand: 'Loket',
    home: 'Loket home',
    skipToContent: 'Skip to content',
  },
  landing: {
    title: 'Loket',
    lead: 'Queues and service etiquette for public-service offices: take a number at the kiosk, follow the calls on the board, and measure how promptly every citizen is served.',
    screensLabel: 'All screens',
    forCitizens: 'For citizens',
    forStaff: 'For staff',
    forDevelopers: 'For developers',
    screens: {
      kiosk: { name: 'Kiosk', description: 'Take a queue number: choose a service and say if you need priority service.' },
      board: { name: 'Queue board', description: 'The waiting-room screen: who is being served at each counter and the estimated wait.' },
      counter: { name: 'Counter officer', description: 'Call, serve, and record the etiquette of every interaction.' },
      supervisor: { name: 'Supervisor', description: 'Live punctuality, etiquette, alerts, and the satisfaction index.' },
      admin: { name: 'Admin', description: 'Offices, services and their standards, counters, schedules, and staff accounts.' },
      apiDocs: { name: 'API documentation', description: 'The REST API reference (OpenAPI) for integrations.' },
    },
  },
  kiosk: {
    title: 'Take a queue number',
    placeholder: 'On this screen citizens will choose a service, say whether they need priority service, and receive a numbered ticket with a QR code.',
  },
  board: {
    title: 'Queue board',
    placeholder: 'This screen will show who is being served at each counter, the latest calls spoken aloud, how many are waiting, the estimated wait, and the service standards.',
    officeLabel: 'Office',
    sequenceLabel: 'Event sequence number',
    waitingLabel: 'Waiting',
    countersLabel: 'Counters',
    noOffice: 'No office has been set up yet.',
    loadFailed: 'The list of offices could not be loaded. The page will try again.',
    status: {
      idle: 'Getting ready…',
      connecting: 'Connecting…',
      live: 'Connected',
      offline: 'Disconnected, reconnecting…',
      failed: 'The office could not be loaded',
    },
  },
  ticket: {
    title: 'Your queue ticket',
    trackingCode: 'Tracking code: {code}',
    placeholder: 'This page will show your place in the queue, the estimated wait, the counter calling you, and then the satisfaction survey once you have been served.',
  },
  notFound: {
    title: 'Page not found',
    body: 'The address you opened does not exist.',
    back: 'Back to the home page',
  },
};
