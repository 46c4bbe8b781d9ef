import { xlsxRows, unzip } from '../../test/support/xlsx.js';
import { xlsxOf } from './report-xlsx.js';

describe('a report sheet as an Excel workbook', () => {
  const sheet = {
    header: ['Kode', 'Nama', ...Array.from({ length: 26 }, (_, i) => `K${i + 1}`)],
    rows: [
      ['a&b', '<Kantor "Satu">\u0007', 12.5, true, false, null, ...Array.from({ length: 22 }, (_, i) => i), -3],
      ['=SUM(A1)', 'Kantor Dua', 0],
    ],
  };

  it('keeps every cell: numbers as numbers, words escaped, yes and no in the language, an empty cell left out', () => {
    const rows = xlsxRows(xlsxOf(sheet, 'Laporan wilayah', 'id'));
    expect(rows[0]).toEqual(sheet.header);
    // Column 28 is AB: past Z the letters carry on as a spreadsheet names them.
    expect(rows[1]).toEqual(['a&b', '<Kantor "Satu">', 12.5, 'ya', 'tidak', null, ...Array.from({ length: 22 }, (_, i) => i), -3]);
    // Inline text is never a formula, so it needs no guard.
    expect(rows[2]).toEqual(['=SUM(A1)', 'Kantor Dua', 0]);
    expect(xlsxRows(xlsxOf(sheet, 'Regional report', 'en'))[1].slice(3, 5)).toEqual(['yes', 'no']);
  });

  it('is a package a spreadsheet opens: its parts, the sheet named, the header bold and frozen, the same bytes each time', () => {
    const book = xlsxOf(sheet, 'Laporan: wilayah [Nov]', 'id');
    const parts = unzip(book);
    expect([...parts.keys()]).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    expect(parts.get('xl/workbook.xml')!.toString()).toContain('<sheet name="Laporan  wilayah  Nov " sheetId="1" r:id="rId1"/>');
    const worksheet = parts.get('xl/worksheets/sheet1.xml')!.toString();
    expect(worksheet).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(worksheet).toContain('<c r="A1" s="1" t="inlineStr">');
    expect(xlsxOf(sheet, 'Laporan: wilayah [Nov]', 'id').equals(book)).toBe(true);
  });
});
