import { BarcodeDetector as ZXingBarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import readerWasm from 'zxing-wasm/reader/zxing_reader.wasm?url';
import type { QrDetector } from './booking-scan';

interface NativeDetectorClass {
  new (options: { formats: string[] }): QrDetector;
  getSupportedFormats(): Promise<string[]>;
}

let prepared = false;

/**
 * A QR reader for the kiosk's camera: the browser's own BarcodeDetector where it reads QR
 * codes (Chrome on Android and ChromeOS), else ZXing's (the `barcode-detector` ponyfill, in
 * WebAssembly). Its .wasm is served with the kiosk from this origin, never fetched from a CDN:
 * a kiosk on an office network may reach nothing else.
 */
export async function qrDetector(): Promise<QrDetector> {
  const Native = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (Native) {
    try {
      if ((await Native.getSupportedFormats()).includes('qr_code')) return new Native({ formats: ['qr_code'] });
    } catch {
      // A detector that cannot say what it reads is not used.
    }
  }
  if (!prepared) {
    prepareZXingModule({ overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? readerWasm : prefix + path) } });
    prepared = true;
  }
  return new ZXingBarcodeDetector({ formats: ['qr_code'] });
}
