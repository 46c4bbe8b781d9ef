import {
  SURVEY_ELEMENTS,
  SURVEY_ELEMENT_CODES,
  type SurveyAnswers,
  type SurveyScore,
  ikmGrade,
  krejcieMorganSampleSize,
  satisfactionIndex,
} from './satisfaction.js';

const all = (score: SurveyScore): SurveyAnswers => Object.fromEntries(SURVEY_ELEMENT_CODES.map((code) => [code, score])) as SurveyAnswers;

const answers = (...scores: SurveyScore[]): SurveyAnswers => Object.fromEntries(SURVEY_ELEMENT_CODES.map((code, i) => [code, scores[i]])) as SurveyAnswers;

describe('the survey elements', () => {
  it('are the nine elements U1–U9 with the regulation answer wording', () => {
    expect(SURVEY_ELEMENTS.map((element) => element.code)).toEqual(['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9']);
    expect(SURVEY_ELEMENTS[2].answers).toEqual(['Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat']);
    expect(SURVEY_ELEMENTS[3].answers).toEqual(['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis']);
    expect(SURVEY_ELEMENTS[7].answers).toEqual(['Tidak ada', 'Ada tetapi tidak berfungsi', 'Berfungsi kurang maksimal', 'Dikelola dengan baik']);
  });
});

describe('satisfactionIndex', () => {
  it('gives 100.00 grade A for all answers 4, using the exact weight 1/9', () => {
    const index = satisfactionIndex([all(4), all(4)]);
    expect(index.ikm).toBe(100);
    expect(index.grade?.grade).toBe('A');
  });

  it('gives 25.00 grade D for all answers 1', () => {
    const index = satisfactionIndex([all(1)]);
    expect(index.ikm).toBe(25);
    expect(index.grade).toMatchObject({ grade: 'D', label: 'Tidak Baik' });
  });

  it('averages each element over its responses (worked example)', () => {
    // NRR: U1 10/3, U2 3, U3 8/3, U4 4, U5 3, U6 10/3, U7 4, U8 8/3, U9 3; Σ = 29 → ×1/9 = 3.2222… → ×25 = 80.56 (B).
    const responses = [answers(3, 3, 3, 4, 3, 3, 4, 2, 3), answers(4, 3, 2, 4, 3, 4, 4, 3, 3), answers(3, 3, 3, 4, 3, 3, 4, 3, 3)];
    const index = satisfactionIndex(responses);
    expect(index.nrr.u1).toBeCloseTo(10 / 3, 10);
    expect(index.nrr.u4).toBe(4);
    expect(index.nrr.u8).toBeCloseTo(8 / 3, 10);
    expect(index.ikmRaw).toBeCloseTo(29 / 9, 10);
    expect(index.ikm).toBe(80.56);
    expect(index.grade).toMatchObject({ grade: 'B', label: 'Baik' });
  });

  it('counts only the answers given for an element', () => {
    const index = satisfactionIndex([all(4), { ...all(2), u9: undefined }]);
    expect(index.nrr.u9).toBe(4);
    expect(index.nrr.u1).toBe(3);
  });

  it('has no index while an element has no answers', () => {
    expect(satisfactionIndex([]).ikm).toBeNull();
    expect(satisfactionIndex([{ u1: 4 }]).grade).toBeNull();
  });
});

describe('ikmGrade', () => {
  it.each([
    [25, 'D'],
    [64.99, 'D'],
    [65, 'C'],
    [76.6, 'C'],
    [76.61, 'B'],
    [88.3, 'B'],
    [88.31, 'A'],
    [100, 'A'],
  ])('grades %d as %s at the edges of the official intervals', (value, grade) => {
    expect(ikmGrade(value).grade).toBe(grade);
  });

  it('refuses values outside 25–100', () => {
    expect(() => ikmGrade(24.99)).toThrow(RangeError);
    expect(() => ikmGrade(100.01)).toThrow(RangeError);
  });
});

describe('krejcieMorganSampleSize', () => {
  it.each([
    [100, 80],
    [1000, 278],
    [10, 10],
    [0, 0],
    [1_000_000, 384],
  ])('needs %d people → %d responses', (population, sample) => {
    expect(krejcieMorganSampleSize(population)).toBe(sample);
  });
});
