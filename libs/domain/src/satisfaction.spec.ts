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

// Krejcie, R. V. & Morgan, D. W. (1970). Determining sample size for research activities.
// Educational and Psychological Measurement 30, 607–610, Table 1: population N → sample s,
// all 90 rows as printed.
const KREJCIE_MORGAN_TABLE: [number, number][] = [
  [10, 10],
  [15, 14],
  [20, 19],
  [25, 24],
  [30, 28],
  [35, 32],
  [40, 36],
  [45, 40],
  [50, 44],
  [55, 48],
  [60, 52],
  [65, 56],
  [70, 59],
  [75, 63],
  [80, 66],
  [85, 70],
  [90, 73],
  [95, 76],
  [100, 80],
  [110, 86],
  [120, 92],
  [130, 97],
  [140, 103],
  [150, 108],
  [160, 113],
  [170, 118],
  [180, 123],
  [190, 127],
  [200, 132],
  [210, 136],
  [220, 140],
  [230, 144],
  [240, 148],
  [250, 152],
  [260, 155],
  [270, 159],
  [280, 162],
  [290, 165],
  [300, 169],
  [320, 175],
  [340, 181],
  [360, 186],
  [380, 191],
  [400, 196],
  [420, 201],
  [440, 205],
  [460, 210],
  [480, 214],
  [500, 217],
  [550, 226],
  [600, 234],
  [650, 242],
  [700, 248],
  [750, 254],
  [800, 260],
  [850, 265],
  [900, 269],
  [950, 274],
  [1_000, 278],
  [1_100, 285],
  [1_200, 291],
  [1_300, 297],
  [1_400, 302],
  [1_500, 306],
  [1_600, 310],
  [1_700, 313],
  [1_800, 317],
  [1_900, 320],
  [2_000, 322],
  [2_200, 327],
  [2_400, 331],
  [2_600, 335],
  [2_800, 338],
  [3_000, 341],
  [3_500, 346],
  [4_000, 351],
  [4_500, 354],
  [5_000, 357],
  [6_000, 361],
  [7_000, 364],
  [8_000, 367],
  [9_000, 368],
  [10_000, 370],
  [15_000, 375],
  [20_000, 377],
  [30_000, 379],
  [40_000, 380],
  [50_000, 381],
  [75_000, 382],
  [1_000_000, 384],
];

describe('krejcieMorganSampleSize', () => {
  it('has the 90 rows of the published table', () => {
    expect(KREJCIE_MORGAN_TABLE).toHaveLength(90);
  });

  it.each(KREJCIE_MORGAN_TABLE)('reproduces the table: N = %d needs s = %d responses', (population, sample) => {
    expect(krejcieMorganSampleSize(population)).toBe(sample);
  });

  it('needs nothing of nobody, and everyone of a handful', () => {
    expect(krejcieMorganSampleSize(0)).toBe(0);
    expect(krejcieMorganSampleSize(1)).toBe(1);
    expect(krejcieMorganSampleSize(3)).toBe(3);
  });
});
