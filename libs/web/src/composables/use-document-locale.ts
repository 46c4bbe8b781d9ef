import { watchEffect } from 'vue';
import { useI18n } from 'vue-i18n';

/**
 * Keeps `<html lang>` and the tab title in the language being shown. `pageTitleKey` reads
 * the current page's title key (the app's route meta), so this library needs no router.
 */
export function useDocumentLocale(pageTitleKey: () => string | undefined): void {
  const { t, locale } = useI18n();

  watchEffect(() => {
    document.documentElement.lang = locale.value;
    const key = pageTitleKey();
    const page = key ? t(key) : '';
    const brand = t('shell.brand');
    document.title = page && page !== brand ? `${page} · ${brand}` : brand;
  });
}
