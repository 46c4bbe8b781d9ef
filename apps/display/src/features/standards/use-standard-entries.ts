import { useI18n } from 'vue-i18n';
import { useFormat } from '@loket/web';
import type { PublishedServiceStandard, StandardComponent } from '@loket/domain';

/** One component of a service's standard as a page shows it: a list (ordered for the steps) or a text ('' when not set). */
export interface StandardEntry {
  component: StandardComponent;
  list?: string[];
  ordered?: boolean;
  text?: string;
}

/** The components of a service's standard, in the regulation's order, written for the reader's language. */
export function useStandardEntries() {
  const { t } = useI18n();
  const format = useFormat();
  return (service: PublishedServiceStandard, components: readonly StandardComponent[]): StandardEntry[] =>
    components.map((component): StandardEntry => {
      switch (component) {
        case 'requirements':
          return { component, list: service.requirements };
        case 'procedure':
          return { component, list: service.procedure, ordered: true };
        case 'legalBasis':
          return { component, list: service.legalBasis };
        case 'cost':
          return { component, text: service.costRupiah === 0 ? t('standards.free') : format.rupiah(service.costRupiah) };
        case 'executorCount':
          return { component, text: service.executorCount === null ? '' : t('standards.people', { n: service.executorCount }) };
        case 'completionTime':
          return { component, text: service.completionTime };
        case 'product':
        case 'complaintHandling':
        case 'facilities':
        case 'competence':
        case 'internalSupervision':
        case 'serviceGuarantee':
        case 'safetyGuarantee':
        case 'performanceEvaluation':
          return { component, text: service[component] };
      }
    });
}
