import { SURVEY_ELEMENTS } from './satisfaction.js';
import { skmPeriod, skmProfileTables } from './skm.js';

describe('the SKM questionnaire', () => {
  it('asks each element in the regulation’s wording, sarana and pengaduan included', () => {
    expect(SURVEY_ELEMENTS.map((element) => element.question.startsWith('Bagaimana'))).toEqual(Array(9).fill(true));
    expect(SURVEY_ELEMENTS.find((element) => element.code === 'u8')!.question).toBe(
      'Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?',
    );
    expect(SURVEY_ELEMENTS.find((element) => element.code === 'u9')!.question).toBe('Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?');
    expect(SURVEY_ELEMENTS.every((element) => element.questionEn.endsWith('?'))).toBe(true);
  });
});

describe('the respondent profile tables', () => {
  it('counts each category, zeros included, and those who gave none', () => {
    const tables = skmProfileTables([
      { gender: 'perempuan', ageBand: '30_39', education: 'sma', occupation: 'swasta' },
      { gender: 'perempuan', ageBand: 'gte60' },
      { gender: 'laki_laki' },
      {},
    ]);
    const gender = tables.find((table) => table.field === 'gender')!;
    expect(gender).toEqual({
      field: 'gender',
      counts: [
        { category: 'laki_laki', count: 1 },
        { category: 'perempuan', count: 2 },
      ],
      notGiven: 1,
    });
    const age = tables.find((table) => table.field === 'ageBand')!;
    expect(age.counts.map((entry) => entry.count)).toEqual([0, 0, 1, 0, 0, 1]);
    expect(age.notGiven).toBe(2);
    expect(tables.find((table) => table.field === 'occupation')!.notGiven).toBe(3);
  });
});

describe('the SKM periods', () => {
  it('takes the half-year or the year around a day', () => {
    expect(skmPeriod('semester', '2026-06-30')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(skmPeriod('semester', '2026-07-01')).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(skmPeriod('year', '2026-12-05')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('refuses a day that does not exist', () => {
    expect(() => skmPeriod('year', '2026-02-30')).toThrow(expect.objectContaining({ code: 'invalid_period' }));
  });
});
