/** The citizen-facing WhatsApp/SMS text for each Loket event, in Indonesian: an office starts from these and edits them. */

/* eslint-disable @typescript-eslint/no-explicit-any -- the body is Loket's JSON, read field by field */
export interface Outgoing {
  /** The citizen's number, when the citizen gave one for this ticket or booking; null: nobody to send to. */
  to: string | null;
  text: string;
}

const time = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('id-ID', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso)).replace(':', '.');
const day = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('id-ID', { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(iso));

/** The message for one webhook body (`{ type, version, timestamp, data }`), or null for an event not meant for a citizen. */
export function messageFor(body: { type: string; data: any }, publicUrl: string): Outgoing | null {
  const d = body.data;
  const to: string | null = d?.contact?.phone ?? null;
  const link = d?.link ? `${publicUrl.replace(/\/$/, '')}${d.link}` : '';
  const office = d?.office?.name ?? '';
  const zone = d?.office?.timeZone ?? 'Asia/Jakarta';
  const number = d?.ticket?.number ?? '';
  switch (body.type) {
    case 'ticket.issued':
      return { to, text: `Nomor antrean Anda ${number} di ${office} (${d.service.name}). ${d.ahead ?? 0} antrean di depan Anda. Pantau di ${link}` };
    case 'ticket.near': {
      const wait = d.estimatedWaitMinutes === null ? '' : `, perkiraan ${d.estimatedWaitMinutes} menit lagi`;
      return { to, text: `${number}: tinggal ${d.ahead} antrean lagi${wait}. Mohon bersiap di ruang tunggu ${office}.` };
    }
    case 'ticket.called':
      return { to, text: `${number} dipanggil ke ${d.counter?.name ?? 'loket'}. Silakan menuju loket sekarang.` };
    case 'ticket.recalled':
      return { to, text: `${number} dipanggil sekali lagi ke ${d.counter?.name ?? 'loket'}. Mohon segera menuju loket.` };
    case 'ticket.no_show':
      return { to, text: `${number} tidak hadir saat dipanggil. Silakan hubungi petugas ${office} bila Anda masih menunggu.` };
    case 'ticket.done':
      return { to, text: `Terima kasih telah dilayani di ${office}. Mohon nilai pelayanan kami: ${link}` };
    case 'booking.created':
      return {
        to,
        text: `Pemesanan ${d.service.name} di ${office} tercatat: ${day(d.booking.startsAt, zone)} pukul ${time(d.booking.startsAt, zone)}. Kode kedatangan ${d.booking.reference}. Rincian: ${link}`,
      };
    case 'booking.rescheduled':
      return {
        to,
        text: `Jadwal Anda di ${office} diubah ke ${day(d.booking.startsAt, zone)} pukul ${time(d.booking.startsAt, zone)}. Kode ${d.booking.reference}.`,
      };
    case 'booking.cancelled':
      return { to, text: `Pemesanan ${d.booking.reference} di ${office} telah dibatalkan.` };
    case 'booking.reminder': {
      // The day before, or an hour before the slot (`reminder`).
      const when =
        d.reminder === 'hour_before'
          ? `hari ini pukul ${time(d.booking.startsAt, zone)}`
          : `${day(d.booking.startsAt, zone)} pukul ${time(d.booking.startsAt, zone)}`;
      return { to, text: `Pengingat: jadwal Anda di ${office} ${when}. Kode kedatangan ${d.booking.reference}. Rincian: ${link}` };
    }
    case 'office.closed_unexpectedly':
      return { to, text: `Mohon maaf, ${office} tutup sementara (${d.reason}). Silakan jadwalkan ulang: ${link}` };
    case 'complaint.updated':
      return { to, text: `Pengaduan nomor ${d.complaint.number} di ${office} diperbarui: ${d.complaint.status}. Lihat: ${link}` };
    default:
      // alert.raised is for staff, webhook.test for the set-up.
      return null;
  }
}
