import { reportFormat } from './format';

describe('a report’s figures follow the screen’s language', () => {
  it('writes Indonesian as offices do', () => {
    const f = reportFormat('id');
    expect([f.minutes(12.5), f.integer(1234), f.twoDecimals(3.456), f.percent(0.875)]).toEqual(['12,5', '1.234', '3,46', '87,5%']);
    expect(f.period('2026-11-30', '2026-12-04')).toBe('30 November 2026 – 4 Desember 2026');
    expect(f.instant('2026-12-04T01:16:00Z', 'Asia/Jakarta')).toMatch(/^4 Desember 2026 (pukul )?08\.16 WIB$/);
  });

  it('writes English as English: a decimal point, comma grouping and the colon clock', () => {
    const f = reportFormat('en');
    expect([f.minutes(12.5), f.integer(1234), f.twoDecimals(3.456), f.percent(0.875)]).toEqual(['12.5', '1,234', '3.46', '87.5%']);
    expect(f.day('2026-12-04')).toBe('December 4, 2026');
    expect(f.instant('2026-12-04T01:16:00Z', 'Asia/Jakarta')).toMatch(/08:16/);
  });
});
