import { watchEffect } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute } from 'vue-router';

/** Keeps `<html lang>` and the tab title in the language being shown. */
export function useDocumentLocale(): void {
  const { t, locale } = useI18n();
  const route = useRoute();

  watchEffect(() => {
    document.documentElement.lang = locale.value;
    const page = route.meta.titleKey ? t(route.meta.titleKey) : '';
    const brand = t('shell.brand');
    document.title = page && page !== brand ? `${page} · ${brand}` : brand;
  });
}
