import QRCode from 'qrcode';

// Black on white with a quiet zone whatever the screen's theme: thermal printers and phone
// cameras both read it. (The colours go to the QR library, not to CSS, so they are not tokens.)
const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 2, width: 320, color: { dark: '#000000', light: '#ffffff' } } as const;

/** The QR code of a ticket's tracking address, as a data URL for an <img>. */
export function trackingQr(url: string): Promise<string> {
  return QRCode.toDataURL(url, QR_OPTIONS);
}
