import { useI18n } from 'vue-i18n';
import type { ChecklistItemView } from '@loket/domain';

/** A checklist item in the screen's language: the seeded items are translated by code; an office's own items keep their label. */
export function useItemLabel() {
  const { t, te } = useI18n();
  return (item: Pick<ChecklistItemView, 'code' | 'label'>): string => (te(`checklist.items.${item.code}`) ? t(`checklist.items.${item.code}`) : item.label);
}
