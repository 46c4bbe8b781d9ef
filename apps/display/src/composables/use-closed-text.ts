import { useI18n } from 'vue-i18n';
import { useFormat } from '@loket/web';
import type { OfficeClosedDetails } from '@loket/domain';

/**
 * "Kantor tutup — buka kembali Senin, 7 Desember, pukul 08.00.", in the office's zone, with the
 * reason when there is one: the kiosk's refusal, the kiosk's closed screen and the board's line.
 */
export function useClosedText() {
  const { t } = useI18n();
  const format = useFormat();
  /** The closing and reopening, and the reason as a line of its own (null without one). */
  const parts = (details: OfficeClosedDetails, zone: string | undefined): { when: string; reason: string | null } => {
    const reopens = details.opensAt
      ? t('kiosk.officeClosed.until', { day: format.dayDate(details.opensAt, zone), time: format.time(details.opensAt, zone) })
      : t('kiosk.officeClosed.unknown');
    return {
      when: details.reason === 'cutoff' ? `${t('kiosk.officeClosed.cutoff')} ${reopens}` : reopens,
      reason: details.reasonText ? t('kiosk.officeClosed.reason', { reason: details.reasonText }) : null,
    };
  };
  const text = (details: OfficeClosedDetails, zone: string | undefined): string => {
    const { when, reason } = parts(details, zone);
    return reason ? `${when} ${reason}` : when;
  };
  return Object.assign(text, { parts });
}
