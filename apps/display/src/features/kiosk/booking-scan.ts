/**
 * The kiosk's camera path of a booking check-in (issue 17): what a scanned QR code holds,
 * and a reader for it. The QR on the booking page `/b/:code` holds that page's address; the
 * kiosk takes the booking code from it (any office's address: the check-in itself says
 * whether the booking is for this office).
 */

/** A booking code: the tracking codes' form, four groups of five of their alphabet (no 0/O, 1/I/L). */
const BOOKING_CODE = /^[23456789A-HJKMNP-Z]{5}(?:-[23456789A-HJKMNP-Z]{5}){3}$/;

/** The booking code in a scanned text: the booking page's address (…/b/CODE) or the code alone; null when it is neither. */
export function bookingCodeFromScan(text: string): string | null {
  const trimmed = text.trim();
  const fromAddress = /\/b\/([^/?#\s]+)\/?(?:[?#].*)?$/.exec(trimmed)?.[1];
  const candidate = decodeURIComponent(fromAddress ?? trimmed).toUpperCase();
  return BOOKING_CODE.test(candidate) ? candidate : null;
}

/** What reads QR codes off a picture: the browser's BarcodeDetector, or the ZXing one of `barcode-detector` where it has none. */
export interface QrDetector {
  detect(source: ImageBitmapSource): Promise<{ rawValue: string }[]>;
}

/** The first booking code among the QR codes a detector finds in `source` (null when none holds one), and how many it found. */
export async function scanBookingCode(detector: QrDetector, source: ImageBitmapSource): Promise<{ code: string | null; found: number }> {
  const found = await detector.detect(source);
  for (const one of found) {
    const code = bookingCodeFromScan(one.rawValue);
    if (code) return { code, found: found.length };
  }
  return { code: null, found: found.length };
}
