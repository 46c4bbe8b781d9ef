import { useI18n } from 'vue-i18n';
import { isErrorCode } from '@loket/domain';
import { ApiError } from '../api/http';

/**
 * A failed call in words for staff: a coded refusal in the screen's language (the typed
 * `serverErrors` table), otherwise the server's own message, otherwise the error itself.
 */
export function useServerErrorText() {
  const { t } = useI18n();
  return (error: unknown): string => {
    if (!(error instanceof ApiError)) return String(error);
    const code = error.body?.code;
    if (isErrorCode(code)) return t(`serverErrors.${code}`);
    return error.body?.message ?? error.message;
  };
}
