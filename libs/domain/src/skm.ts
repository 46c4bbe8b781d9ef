/**
 * The rest of the SKM questionnaire of PermenPANRB 14/2017 beside the nine elements: the
 * optional respondent profile and the free-text suggestion (saran/masukan), their tables in
 * a report, and the half-year and year periods the SKM is reported over.
 */
import { RuleError } from './errors.js';
import { isCalendarDay } from './time.js';
import type { SurveyAnswers } from './satisfaction.js';

/** Jenis kelamin, as the questionnaire asks it. */
export const SKM_GENDERS = ['laki_laki', 'perempuan'] as const;
/*
 * The categories follow the example questionnaire in the Lampiran of PermenPANRB 14/2017
 * (PROFIL: Jenis Kelamin L/P; Usia ... tahun; Pendidikan SD, SMP, SMA, S1, S2, S3; Pekerjaan
 * PNS, TNI, POLRI, SWASTA, WIRAUSAHA, LAINNYA), checked on 2026-12-05 against a questionnaire
 * built on it, https://pdfcoffee.com/permen-14-2017-okkk-pdf-free.html (the regulation's own
 * PDF was not reachable from here). Loket departs from it in two places, both on purpose:
 * the age is a band (below) and a diploma (D1–D3) has its own category, since the example has
 * no box a diploma holder could tick truthfully; a D4 (sarjana terapan, the level of an S1)
 * counts as S1.
 */

/**
 * Usia. The questionnaire asks the age in years; a band keeps an anonymous response from
 * pointing at one person (a year of birth and a counter and a time would).
 */
export const SKM_AGE_BANDS = ['lt20', '20_29', '30_39', '40_49', '50_59', 'gte60'] as const;
/** Pendidikan terakhir: the questionnaire's SD, SMP, SMA, S1, S2, S3, with D1–D3 added (above). */
export const SKM_EDUCATION = ['sd', 'smp', 'sma', 'd1_d3', 's1', 's2', 's3'] as const;
/** Pekerjaan, the questionnaire's six categories as printed. */
export const SKM_OCCUPATIONS = ['pns', 'tni', 'polri', 'swasta', 'wirausaha', 'lainnya'] as const;

export type SkmGender = (typeof SKM_GENDERS)[number];
export type SkmAgeBand = (typeof SKM_AGE_BANDS)[number];
export type SkmEducation = (typeof SKM_EDUCATION)[number];
export type SkmOccupation = (typeof SKM_OCCUPATIONS)[number];

/** Every part optional: a respondent may answer the nine questions and nothing else. */
export interface SkmProfile {
  gender?: SkmGender | null;
  ageBand?: SkmAgeBand | null;
  education?: SkmEducation | null;
  occupation?: SkmOccupation | null;
}

export const SKM_PROFILE_FIELDS = {
  gender: SKM_GENDERS,
  ageBand: SKM_AGE_BANDS,
  education: SKM_EDUCATION,
  occupation: SKM_OCCUPATIONS,
} as const;
export type SkmProfileField = keyof typeof SKM_PROFILE_FIELDS;

export const SKM_SUGGESTION_MAX = 1000;

/** One field's table: how many respondents gave each category, and how many gave none. */
export interface SkmProfileTable {
  field: SkmProfileField;
  counts: { category: string; count: number }[];
  notGiven: number;
}

/** The profile tables of a set of responses, every category listed (a zero is a figure too). */
export function skmProfileTables(responses: readonly SkmProfile[]): SkmProfileTable[] {
  return (Object.keys(SKM_PROFILE_FIELDS) as SkmProfileField[]).map((field) => {
    const categories: readonly string[] = SKM_PROFILE_FIELDS[field];
    const counts = categories.map((category) => ({ category, count: responses.filter((response) => response[field] === category).length }));
    const given = counts.reduce((total, entry) => total + entry.count, 0);
    return { field, counts, notGiven: responses.length - given };
  });
}

export const SKM_PRESETS = ['semester', 'year'] as const;
export type SkmPreset = (typeof SKM_PRESETS)[number];
/** The longest SKM period: a year, the annual IKM. */
export const SKM_MAX_DAYS = 366;

/**
 * The half-year (January–June or July–December) or the calendar year around a day: the
 * periods an office reports its IKM over (semester and annual).
 */
export function skmPeriod(preset: SkmPreset, anchor: string): { from: string; to: string } {
  if (!isCalendarDay(anchor)) throw new RuleError('invalid_period', `${anchor} is not a day of the calendar`);
  const year = anchor.slice(0, 4);
  if (preset === 'year') return { from: `${year}-01-01`, to: `${year}-12-31` };
  return Number(anchor.slice(5, 7)) <= 6 ? { from: `${year}-01-01`, to: `${year}-06-30` } : { from: `${year}-07-01`, to: `${year}-12-31` };
}

/** What the questionnaire sends: the nine answers, and the optional profile and suggestion. */
export type SurveySubmission = SurveyAnswers & SkmProfile & { suggestion?: string };
