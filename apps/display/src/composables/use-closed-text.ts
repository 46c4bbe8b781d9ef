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
  return (details: OfficeClosedDetails, zone: string | undefined): string => {
    const lines = [details.reason === 'cutoff' ? t('kiosk.officeClosed.cutoff') : null];
    lines.push(
      details.opensAt
        ? t('kiosk.officeClosed.until', { day: format.dayDate(details.opensAt, zone), time: format.time(details.opensAt, zone) })
        : t('kiosk.officeClosed.unknown'),
    );
    if (details.reasonText) lines.push(t('kiosk.officeClosed.reason', { reason: details.reasonText }));
    return lines.filter((line) => line !== null).join(' ');
  };
}
