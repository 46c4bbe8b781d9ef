import { createI18n } from 'vue-i18n';
import { en } from './messages/en';
import { id, type DisplayMessages } from './messages/id';

export const SUPPORTED_LOCALES = ['id', 'en'] as const;
export type AppLocale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = 'id';

// Kept per browser and shared by both apps (same origin): a board or kiosk switched to
// English stays English after a reload, and the choice carries into the staff screens.
const STORAGE_KEY = 'loket.locale';

function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

function storedLocale(): AppLocale {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isAppLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export const i18n = createI18n<[DisplayMessages], AppLocale, false>({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages: { id, en },
  // Production builds drop vue-i18n's own warnings; a missing text must still show up
  // (the browser tests fail on console errors).
  missing: (locale, key) => {
    console.error(`Missing translation "${key}" for locale "${locale}"`);
  },
});

export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage can be disabled (private mode, locked-down kiosk browser); the switch still works for this visit.
  }
}

