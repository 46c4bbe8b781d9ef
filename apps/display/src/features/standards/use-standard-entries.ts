import { useI18n } from 'vue-i18n';
import { useFormat } from '@loket/web';
import { type PublishedServiceStandard, type StandardComponent, standardComponentValue } from '@loket/domain';

/** One component of a service's standard as a page shows it: a list (ordered for the steps) or a text ('' when not set). */
export interface StandardEntry {
  component: StandardComponent;
  list?: readonly string[];
  ordered?: boolean;
  text?: string;
}

/** The components of a service's standard, in the regulation's order, written for the reader's language. */
export function useStandardEntries() {
  const { t } = useI18n();
  const format = useFormat();
  return (service: PublishedServiceStandard, components: readonly StandardComponent[]): StandardEntry[] =>
    components.map((component): StandardEntry => {
      const value = standardComponentValue(service, component);
      switch (value.kind) {
        case 'list':
          return { component, list: value.items, ordered: value.ordered };
        case 'cost':
          return { component, text: value.rupiah === 0 ? t('standards.free') : format.rupiah(value.rupiah) };
        case 'executors':
          return { component, text: value.count === null ? '' : t('standards.people', { n: value.count }) };
        case 'text':
          return { component, text: value.text };
      }
    });
}
