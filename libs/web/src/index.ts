// The shell both Vue apps share. No build step: each app's Vite (and vue-tsc) compiles
// these sources. The base styles are imported separately, as `@loket/web/base.css`.
export { default as LanguageSwitch } from './components/LanguageSwitch.vue';
export { useDocumentLocale } from './composables/use-document-locale';
export { createAppI18n, DEFAULT_LOCALE, isAppLocale, storedLocale, storeLocale, SUPPORTED_LOCALES, type AppLocale } from './locale';
export { useOfficeFeed, useOfficeSnapshotFeed, type ConnectionStatus, type OfficeFeedOptions, type OfficeSnapshotStore, type RealtimeSocket, type SnapshotRequest } from './composables/use-office-feed';
export { createFormat, LOCALE_TAGS, NO_VALUE, useFormat, type EstimateWords, type Format } from './format';
