import { useI18n } from 'vue-i18n';
import type { ErrorCode } from '@loket/domain';

/** The text of the API's refusal code in the screen's language (the `serverErrors` table). */
export function useRefusalText() {
  const { t } = useI18n();
  return (code: ErrorCode): string => t(`serverErrors.${code}`);
}
