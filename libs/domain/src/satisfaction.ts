/**
 * The satisfaction survey (Survei Kepuasan Masyarakat) of PermenPANRB 14/2017: its nine
 * elements with the questionnaire's own answer wording, and the index computed from them.
 */
import { DomainError } from './errors.js';

export type SurveyScore = 1 | 2 | 3 | 4;
export const SURVEY_SCORES: readonly SurveyScore[] = [1, 2, 3, 4];

export const SURVEY_ELEMENT_CODES = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'] as const;
export type SurveyElementCode = (typeof SURVEY_ELEMENT_CODES)[number];

export interface SurveyElement {
  code: SurveyElementCode;
  /** Indonesian name as the regulation writes it. */
  name: string;
  /** English name, for the second language of the apps. */
  nameEn: string;
  /** The questionnaire's question, as the regulation's sample questionnaire words it. */
  question: string;
  questionEn: string;
  /** The answer wording for scores 1, 2, 3, 4, in that order. */
  answers: readonly [string, string, string, string];
  answersEn: readonly [string, string, string, string];
}

export const SURVEY_ELEMENTS: readonly SurveyElement[] = [
  {
    code: 'u1',
    name: 'Persyaratan',
    nameEn: 'Requirements',
    question: 'Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?',
    questionEn: 'How well do the service’s requirements fit the kind of service?',
    answers: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
    answersEn: ['Not appropriate', 'Less appropriate', 'Appropriate', 'Very appropriate'],
  },
  {
    code: 'u2',
    name: 'Sistem, mekanisme, dan prosedur',
    nameEn: 'System, mechanism and procedure',
    question: 'Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?',
    questionEn: 'How easy is this unit’s service procedure, as you understand it?',
    answers: ['Tidak mudah', 'Kurang mudah', 'Mudah', 'Sangat mudah'],
    answersEn: ['Not easy', 'Less easy', 'Easy', 'Very easy'],
  },
  {
    code: 'u3',
    name: 'Waktu penyelesaian',
    nameEn: 'Completion time',
    question: 'Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?',
    questionEn: 'How fast was the service given?',
    answers: ['Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat'],
    answersEn: ['Not fast', 'Less fast', 'Fast', 'Very fast'],
  },
  {
    code: 'u4',
    name: 'Biaya/tarif',
    nameEn: 'Cost/fee',
    question: 'Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?',
    questionEn: 'How fair is the service’s cost or fee?',
    answers: ['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'],
    answersEn: ['Very expensive', 'Fairly expensive', 'Cheap', 'Free'],
  },
  {
    code: 'u5',
    name: 'Produk spesifikasi jenis pelayanan',
    nameEn: 'Product of the service',
    question: 'Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?',
    questionEn: 'How well does what you received match the product the service standard lists?',
    answers: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
    answersEn: ['Not as specified', 'Less as specified', 'As specified', 'Fully as specified'],
  },
  {
    code: 'u6',
    name: 'Kompetensi pelaksana',
    nameEn: 'Competence of the staff',
    question: 'Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?',
    questionEn: 'How competent were the staff who served you?',
    answers: ['Tidak kompeten', 'Kurang kompeten', 'Kompeten', 'Sangat kompeten'],
    answersEn: ['Not competent', 'Less competent', 'Competent', 'Very competent'],
  },
  {
    code: 'u7',
    name: 'Perilaku pelaksana',
    nameEn: 'Conduct of the staff',
    question: 'Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?',
    questionEn: 'How polite and friendly were the staff who served you?',
    answers: ['Tidak sopan dan ramah', 'Kurang sopan dan ramah', 'Sopan dan ramah', 'Sangat sopan dan ramah'],
    answersEn: ['Not polite and friendly', 'Less polite and friendly', 'Polite and friendly', 'Very polite and friendly'],
  },
  {
    code: 'u8',
    name: 'Penanganan pengaduan, saran, dan masukan',
    nameEn: 'Handling of complaints and suggestions',
    question: 'Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?',
    questionEn: 'How are service users’ complaints handled?',
    answers: ['Tidak ada', 'Ada tetapi tidak berfungsi', 'Berfungsi kurang maksimal', 'Dikelola dengan baik'],
    answersEn: ['None', 'Exists but does not work', 'Works, not fully', 'Well managed'],
  },
  {
    code: 'u9',
    name: 'Sarana dan prasarana',
    nameEn: 'Facilities',
    question: 'Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?',
    questionEn: 'How good are the facilities?',
    answers: ['Buruk', 'Cukup', 'Baik', 'Sangat baik'],
    answersEn: ['Poor', 'Adequate', 'Good', 'Very good'],
  },
];

/** One response: a score 1–4 for each of the nine elements. */
export type SurveyAnswers = Record<SurveyElementCode, SurveyScore>;

export function isSurveyScore(value: unknown): value is SurveyScore {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

export type IkmGrade = 'A' | 'B' | 'C' | 'D';

export interface IkmGradeBand {
  grade: IkmGrade;
  /** Indonesian quality label (mutu pelayanan). */
  label: string;
  /** Lowest converted value (×25, two decimals) in the band. */
  from: number;
}

/** The official intervals of the converted index, best first. */
export const IKM_GRADES: readonly IkmGradeBand[] = [
  { grade: 'A', label: 'Sangat Baik', from: 88.31 },
  { grade: 'B', label: 'Baik', from: 76.61 },
  { grade: 'C', label: 'Kurang Baik', from: 65.0 },
  { grade: 'D', label: 'Tidak Baik', from: 25.0 },
];

export interface SatisfactionIndex {
  responses: number;
  /** Mean score per element over the answers given (NRR), null when an element has none. */
  nrr: Record<SurveyElementCode, number | null>;
  /** Σ NRR × 1/9, on the 1–4 scale; null unless every element has answers. */
  ikmRaw: number | null;
  /** The index converted ×25 and rounded to two decimals (25.00–100.00). */
  ikm: number | null;
  grade: IkmGradeBand | null;
}

/** Rounds half up to two decimals, absorbing binary noise such as 88.30499999. */
export function roundTo2(value: number): number {
  return Math.round(value * 100 + 1e-7) / 100;
}

/** The grade of a converted index (×25, two decimals). */
export function ikmGrade(converted: number): IkmGradeBand {
  const value = roundTo2(converted);
  if (value < 25 || value > 100) throw new RangeError(`A converted IKM lies between 25 and 100, got ${converted}`);
  return IKM_GRADES.find((band) => value >= band.from)!;
}

/**
 * What the index is made of: per element, the sum and the count of the answers given. An
 * office's semester of answers is summed in SQL this way (the building manager's view) and
 * gives the same index as the answers themselves (`satisfactionIndex`).
 */
export interface SurveyTotals {
  responses: number;
  elements: Record<SurveyElementCode, { sum: number; count: number }>;
}

export function surveyTotals(responses: readonly Partial<SurveyAnswers>[]): SurveyTotals {
  const elements = {} as SurveyTotals['elements'];
  for (const code of SURVEY_ELEMENT_CODES) {
    let sum = 0;
    let count = 0;
    for (const response of responses) {
      const score = response[code];
      if (isSurveyScore(score)) {
        sum += score;
        count += 1;
      }
    }
    elements[code] = { sum, count };
  }
  return { responses: responses.length, elements };
}

/**
 * The satisfaction index (IKM) of a set of responses. Each element's NRR is the mean of the
 * answers given for it; the index weighs every element the same, exactly 1/9 (the
 * regulation prints the weight as 0.111, which would cap a perfect score at 99.90).
 */
export function satisfactionIndex(responses: readonly Partial<SurveyAnswers>[]): SatisfactionIndex {
  return satisfactionIndexOfTotals(surveyTotals(responses));
}

export function satisfactionIndexOfTotals(totals: SurveyTotals): SatisfactionIndex {
  const nrr = {} as Record<SurveyElementCode, number | null>;
  for (const code of SURVEY_ELEMENT_CODES) {
    const { sum, count } = totals.elements[code];
    nrr[code] = count === 0 ? null : sum / count;
  }
  const values = SURVEY_ELEMENT_CODES.map((code) => nrr[code]);
  if (values.some((value) => value === null)) {
    return { responses: totals.responses, nrr, ikmRaw: null, ikm: null, grade: null };
  }
  const ikmRaw = (values as number[]).reduce((total, value) => total + value, 0) / SURVEY_ELEMENT_CODES.length;
  const ikm = roundTo2(ikmRaw * 25);
  return { responses: totals.responses, nrr, ikmRaw, ikm, grade: ikmGrade(ikm) };
}

/**
 * The Krejcie–Morgan sample size for a population of `population` people served:
 * s = χ²·N·P(1−P) / (d²·(N−1) + χ²·P(1−P)), χ² = 3.841, P = 0.5, d = 0.05, rounded to the
 * nearest whole number. That is how the published table was made: rounding up disagreed with it
 * at 45 of its 90 rows (N = 50 gave 45 where the table says 44).
 */
export function krejcieMorganSampleSize(population: number): number {
  if (!Number.isInteger(population) || population < 0) throw new RangeError(`A population is a whole number ≥ 0, got ${population}`);
  if (population === 0) return 0;
  const chiSquare = 3.841;
  const p = 0.5;
  const d = 0.05;
  const s = (chiSquare * population * p * (1 - p)) / (d * d * (population - 1) + chiSquare * p * (1 - p));
  // Binary noise cannot flip a result: for N up to 200,000 the nearest to a half is N = 91,585
  // at 382.5000027, six orders of magnitude above double precision's error here.
  return Math.round(s);
}

/** The survey opens only once the ticket is done. */
export class SurveyNotAllowedError extends DomainError {
  readonly code = 'survey_not_allowed';
  constructor(status: string) {
    super(`The survey opens once the ticket is done; it is ${status}`, { status });
  }
}

/** One response per ticket. */
export class SurveyAlreadySubmittedError extends DomainError {
  readonly code = 'survey_already_submitted';
  constructor() {
    super('This ticket has already been rated; one response per ticket');
  }
}
