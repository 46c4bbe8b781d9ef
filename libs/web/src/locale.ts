import { createI18n } from 'vue-i18n';

export const SUPPORTED_LOCALES = ['id', 'en'] as const;
export type AppLocale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = 'id';

// Kept per browser and shared by both apps (same origin): a choice made on the landing page
// carries into the staff screens, and a board, kiosk or desk PC switched to English stays
// English after a reload.
const STORAGE_KEY = 'loket.locale';

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** The language this browser chose last, or the default; never throws. */
export function storedLocale(): AppLocale {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isAppLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/** Remembers the language for the next visit, by either app. */
export function storeLocale(locale: AppLocale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage can be disabled (private mode, locked-down kiosk browser); the switch still works for this visit.
  }
}

/** The app's i18n: Composition API only, starting in the stored language, with the app's own messages. */
export function createAppI18n<Messages extends Record<string, unknown>>(messages: Record<AppLocale, Messages>) {
  return createI18n<[Messages], AppLocale, false>({
    legacy: false,
    locale: storedLocale(),
    fallbackLocale: DEFAULT_LOCALE,
    messages,
    // Production builds drop vue-i18n's own warnings; a missing text must still show up
    // (the browser tests fail on console errors).
    missing: (locale, key) => {
      console.error(`Missing translation "${key}" for locale "${locale}"`);
    },
  });
}
