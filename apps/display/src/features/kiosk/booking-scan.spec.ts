import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import { bookingCodeFromScan, scanBookingCode } from './booking-scan';

const CODE = '7Q4MA-BCDEF-GHJKM-NPQRS';

// A detection carries its box as a DOMRectReadOnly, which a browser has and Node does not.
(globalThis as { DOMRectReadOnly?: unknown }).DOMRectReadOnly ??= class {
  constructor(
    readonly x = 0,
    readonly y = 0,
    readonly width = 0,
    readonly height = 0,
  ) {}
};

describe('reading a booking code off a scanned QR', () => {
  it('takes the code from the booking page’s address, or the code alone, and refuses anything else', () => {
    expect(bookingCodeFromScan(`https://antrean.example.go.id/b/${CODE}`)).toBe(CODE);
    expect(bookingCodeFromScan(`http://192.0.2.10:3000/b/${CODE.toLowerCase()}?from=wa`)).toBe(CODE);
    expect(bookingCodeFromScan(` ${CODE} `)).toBe(CODE);
    expect(bookingCodeFromScan('https://example.org/t/7Q4MA-BCDEF-GHJKM-NPQRS0')).toBeNull();
    expect(bookingCodeFromScan('BK-7Q4M')).toBeNull();
    expect(bookingCodeFromScan('https://example.org/')).toBeNull();
  });

  it('decodes a QR image of a booking page with the ZXing reader the kiosk falls back on', async () => {
    // The reader's WebAssembly from the installed package, as the kiosk serves it from its own origin.
    const wasm = await readFile(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
    prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer } });
    const detector = new BarcodeDetector({ formats: ['qr_code'] });
    // The booking page's QR, as a PNG (the same encoder and settings family as BookingPage.vue's).
    const png = await QRCode.toBuffer(`https://antrean.example.go.id/b/${CODE}`, { margin: 2, scale: 6, errorCorrectionLevel: 'M' });

    expect(await scanBookingCode(detector, new Blob([new Uint8Array(png)], { type: 'image/png' }))).toEqual({ code: CODE, found: 1 });
    // A QR that holds no booking (a tracking page's address, say): nothing to check in.
    const other = await QRCode.toBuffer('https://antrean.example.go.id/t/hello', { margin: 2, scale: 6 });
    expect(await scanBookingCode(detector, new Blob([new Uint8Array(other)], { type: 'image/png' }))).toEqual({ code: null, found: 1 });
  }, 60_000);
});
