// The shell both Vue apps share. No build step: each app's Vite (and vue-tsc) compiles
// these sources. The styles are imported separately: `@loket/web/base.css` (the tokens, type
// and focus rings) and `@loket/web/shell.css` (the skip link, brand bar and main area).
export { default as LanguageSwitch } from './components/LanguageSwitch.vue';
export { default as NotFoundPage } from './components/NotFoundPage.vue';
export { default as SignatureBlock } from './components/SignatureBlock.vue';
export { default as ChoiceDialog } from './components/dialogs/ChoiceDialog.vue';
export { default as DialogFooter } from './components/dialogs/DialogFooter.vue';
export { default as ModalDialog } from './components/dialogs/ModalDialog.vue';
export { createServerClock, type ServerClock } from './composables/server-clock';
export { useDocumentLocale } from './composables/use-document-locale';
export { createAppI18n, DEFAULT_LOCALE, isAppLocale, storedLocale, storeLocale, SUPPORTED_LOCALES, type AppLocale } from './locale';
export {
  useOfficeFeed,
  useOfficeSnapshotFeed,
  type ConnectionStatus,
  type OfficeFeedOptions,
  type OfficeSnapshotStore,
  type RealtimeSocket,
  type SnapshotRequest,
} from './composables/use-office-feed';
export { createFormat, LOCALE_TAGS, NO_VALUE, useFormat, type EstimateWords, type Format } from './format';
