import { createFormat, type EstimateWords } from './format';

const board: EstimateWords = {
  none: 'loket tutup',
  now: 'langsung dilayani',
  minutes: (minutes) => `± ${minutes} mnt`,
  range: (lo, hi) => `${lo}–${hi} mnt`,
};
const JAKARTA = 'Asia/Jakarta';
// Friday 4 December 2026, 10:05 in Jakarta (UTC+7).
const AT = '2026-12-04T03:05:00Z';

describe('createFormat', () => {
  it('writes rupiah the way each language reads it, and a free service in words when asked', () => {
    // Intl puts a no-break space between the currency and the amount.
    expect(createFormat('id').rupiah(15_000)).toBe('Rp\u00a015.000');
    expect(createFormat('en').rupiah(15_000)).toBe('IDR\u00a015,000');
    expect(createFormat('id').rupiah(0, 'Gratis')).toBe('Gratis');
    expect(createFormat('id').rupiah(0)).toBe('Rp\u00a00');
    expect(createFormat('id').rupiah(2_500, 'Gratis')).toBe('Rp\u00a02.500');
  });

  it('groups numbers and uses the decimal sign of the language', () => {
    expect(createFormat('id').number(1234.5)).toBe('1.234,5');
    expect(createFormat('en').number(1234.5)).toBe('1,234.5');
    expect(createFormat('id').number(2.456, 1)).toBe('2,5');
  });

  it('rounds minutes down and shows a dash when there are none', () => {
    expect(createFormat('id').minutes(29.9)).toBe('29');
    expect(createFormat('id').minutes(1500)).toBe('1.500');
    expect(createFormat('en').minutes(null)).toBe('–');
    expect(createFormat('en').minutes(undefined)).toBe('–');
  });

  it('says no estimate, right away, or the minutes', () => {
    const f = createFormat('id');
    expect(f.estimate(null, board)).toBe('loket tutup');
    expect(f.estimate(0, board)).toBe('langsung dilayani');
    expect(f.estimate(12, board)).toBe('± 12 mnt');
    expect(f.estimate(1234, board)).toBe('± 1234 mnt');
  });

  it('says "± 0" where the screen has no words for right away', () => {
    const { now: _now, ...withoutNow } = board;
    expect(createFormat('id').estimate(0, withoutNow)).toBe('± 0 mnt');
  });

  it('writes a range with both ends, collapsing an empty one', () => {
    const f = createFormat('id');
    expect(f.estimateRange({ lo: 5, hi: 15 }, board)).toBe('5–15 mnt');
    expect(f.estimateRange({ lo: 8, hi: 8 }, board)).toBe('± 8 mnt');
    expect(f.estimateRange({ lo: 0, hi: 0 }, board)).toBe('langsung dilayani');
    expect(f.estimateRange(null, board)).toBe('loket tutup');
    const { range: _range, ...withoutRange } = board;
    expect(f.estimateRange({ lo: 5, hi: 15 }, withoutRange)).toBe('± 15 mnt');
  });

  it('writes times and dates in the office zone, in the language', () => {
    const id = createFormat('id');
    const en = createFormat('en');
    expect(id.time(AT, JAKARTA)).toBe('10.05');
    expect(en.time(AT, JAKARTA)).toBe('10:05');
    expect(id.time(AT, 'Asia/Makassar')).toBe('11.05');
    expect(id.longDate(AT, JAKARTA)).toBe('Jumat, 4 Desember 2026');
    expect(en.longDate(new Date(AT), JAKARTA)).toBe('Friday, December 4, 2026');
    expect(id.dayDate(AT, JAKARTA)).toBe('Jumat, 4 Desember');
    expect(en.dayDate(AT, JAKARTA)).toBe('Friday, December 4');
    expect(id.dateTime(AT, JAKARTA)).toBe('4 Des 2026, 10.05');
  });

  it('names the zone the Indonesian way in either language', () => {
    expect(createFormat('en').zoneName(AT, JAKARTA)).toBe('WIB');
    expect(createFormat('id').zoneName(AT, 'Asia/Makassar')).toBe('WITA');
    expect(createFormat('id').zoneName(AT, 'Asia/Jayapura')).toBe('WIT');
  });

  it('takes an explicit Intl tag for another English', () => {
    expect(createFormat('en-GB').longDate(AT, JAKARTA)).toBe('Friday, 4 December 2026');
    expect(createFormat('en-GB').tag).toBe('en-GB');
    expect(createFormat().tag).toBe('id-ID');
  });
});
