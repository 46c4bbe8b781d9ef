import { crc32, inflateRawSync } from 'node:zlib';

/**
 * Reads back what a test downloaded as .xlsx, by the file format rather than by the writer's
 * code: the ZIP's central directory, each entry inflated and its CRC-32 checked, then the
 * first worksheet's cells (inline strings and numbers, the kinds Loket writes).
 */
export function unzip(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a ZIP archive: no end of central directory');
  const entries = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < entries; i += 1) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error(`central directory entry ${i} is broken`);
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const packedSize = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataStart = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const packed = archive.subarray(dataStart, dataStart + packedSize);
    const data = method === 8 ? inflateRawSync(packed) : packed;
    if (crc32(data) !== crc) throw new Error(`${name}: CRC-32 does not match`);
    files.set(name, data);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

const unescape = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The first worksheet's rows, each a list of cells by column (a missing cell is null). */
export function xlsxRows(workbook: Buffer): (string | number | null)[][] {
  const sheet = unzip(workbook).get('xl/worksheets/sheet1.xml');
  if (!sheet) throw new Error('no xl/worksheets/sheet1.xml in the workbook');
  return [...sheet.toString('utf8').matchAll(/<row [^>]*>(.*?)<\/row>/gs)].map(([, cells]) => {
    const row: (string | number | null)[] = [];
    for (const [, ref, attributes, inner] of cells.matchAll(/<c r="([A-Z]+)\d+"([^>]*)>(.*?)<\/c>/gs)) {
      const column = [...ref].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0) - 1;
      while (row.length < column) row.push(null);
      row[column] = attributes.includes('t="inlineStr"') ? unescape(/<t[^>]*>(.*?)<\/t>/s.exec(inner)![1]) : Number(/<v>(.*?)<\/v>/s.exec(inner)![1]);
    }
    return row;
  });
}
