/**
 * What the office must publish (issue 19): per service the 14 components of the service
 * standard (PermenPANRB 15/2014, UU 25/2009 Pasal 21), and per office the maklumat
 * pelayanan (Pasal 22), kept version by version. The API checks every edit with these
 * rules; the admin form, the public page and the kiosk read the same shapes.
 */
import type { FieldProblem } from './admin.js';
import { isCalendarDay } from './time.js';
import type { ServiceStandard } from './views.js';

/** The six components a citizen is shown (komponen penyampaian pelayanan). */
export const DELIVERY_COMPONENTS = ['requirements', 'procedure', 'completionTime', 'cost', 'product', 'complaintHandling'] as const;
/** The eight the office keeps and reports (komponen pengelolaan pelayanan). */
export const MANAGEMENT_COMPONENTS = [
  'legalBasis',
  'facilities',
  'competence',
  'internalSupervision',
  'executorCount',
  'serviceGuarantee',
  'safetyGuarantee',
  'performanceEvaluation',
] as const;
export type DeliveryComponent = (typeof DELIVERY_COMPONENTS)[number];
export type ManagementComponent = (typeof MANAGEMENT_COMPONENTS)[number];
export type StandardComponent = DeliveryComponent | ManagementComponent;

/**
 * The components the services table did not hold before issue 19. Requirements, completion
 * time and cost were already part of `ServiceStandard` (the kiosk and board read them from
 * the office snapshot); these longer texts are read only where the whole standard is shown.
 */
export interface ServiceStandardDetails {
  /** Sistem, mekanisme dan prosedur: the steps in order. */
  procedure: string[];
  /** Produk pelayanan: what the citizen leaves with. */
  product: string;
  /** Penanganan pengaduan, saran dan masukan: where and how to complain. */
  complaintHandling: string;
  /** Dasar hukum: one regulation a line. */
  legalBasis: string[];
  /** Sarana dan prasarana, dan/atau fasilitas. */
  facilities: string;
  /** Kompetensi pelaksana. */
  competence: string;
  /** Pengawasan internal. */
  internalSupervision: string;
  /** Jumlah pelaksana: officers assigned to the service; null until the office says. */
  executorCount: number | null;
  /** Jaminan pelayanan. */
  serviceGuarantee: string;
  /** Jaminan keamanan dan keselamatan pelayanan. */
  safetyGuarantee: string;
  /** Evaluasi kinerja pelaksana. */
  performanceEvaluation: string;
}

export const EMPTY_STANDARD_DETAILS: ServiceStandardDetails = {
  procedure: [],
  product: '',
  complaintHandling: '',
  legalBasis: [],
  facilities: '',
  competence: '',
  internalSupervision: '',
  executorCount: null,
  serviceGuarantee: '',
  safetyGuarantee: '',
  performanceEvaluation: '',
};

/** Bounds of every field: a wall poster and a kiosk panel must still hold it. */
export const STANDARD_LIMITS = {
  requirements: 30,
  procedureSteps: 30,
  legalBasis: 20,
  itemLength: 300,
  textLength: 2000,
  executorCountMax: 10_000,
} as const;

const LIST_FIELDS = { procedure: STANDARD_LIMITS.procedureSteps, legalBasis: STANDARD_LIMITS.legalBasis } as const;
const TEXT_FIELDS = [
  'product',
  'complaintHandling',
  'facilities',
  'competence',
  'internalSupervision',
  'serviceGuarantee',
  'safetyGuarantee',
  'performanceEvaluation',
] as const;

/** Problems with one list: too many items, an empty or over-long item, the same item twice. */
export function listProblems(items: readonly string[], field: string, maxItems: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (items.length > maxItems) problems.push({ field, problems: [`${field} may have at most ${maxItems} items`] });
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const text = item.trim();
    if (text.length === 0) problems.push({ field: `${field}.${index}`, problems: [`${field} item ${index + 1} is empty`] });
    else if (text.length > STANDARD_LIMITS.itemLength) {
      problems.push({ field: `${field}.${index}`, problems: [`${field} item ${index + 1} is longer than ${STANDARD_LIMITS.itemLength} characters`] });
    }
    const key = text.toLocaleLowerCase('id');
    const earlier = seen.get(key);
    if (text.length > 0 && earlier !== undefined) {
      problems.push({ field: `${field}.${index}`, problems: [`${field} item ${index + 1} repeats item ${earlier + 1}`] });
    } else seen.set(key, index);
  });
  return problems;
}

/** What is wrong with a service's standard details; empty when they may be saved. */
export function standardDetailsProblems(details: ServiceStandardDetails): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [field, max] of Object.entries(LIST_FIELDS)) problems.push(...listProblems(details[field as keyof typeof LIST_FIELDS], field, max));
  for (const field of TEXT_FIELDS) {
    if (details[field].length > STANDARD_LIMITS.textLength) {
      problems.push({ field, problems: [`${field} must be at most ${STANDARD_LIMITS.textLength} characters`] });
    }
  }
  const count = details.executorCount;
  if (count !== null && (!Number.isInteger(count) || count < 1 || count > STANDARD_LIMITS.executorCountMax)) {
    problems.push({ field: 'executorCount', problems: [`executorCount must be a whole number 1–${STANDARD_LIMITS.executorCountMax}, or null`] });
  }
  return problems;
}

/** The whole published standard of one service: what `/o/:slug/standar` prints. */
export type FullServiceStandard = Pick<ServiceStandard, 'requirements' | 'completionTime' | 'costRupiah' | 'maxWaitMinutes'> & ServiceStandardDetails;

/**
 * What one component of a standard holds, as a page sets it: a list (the procedure's steps
 * numbered), the cost in rupiah (0: free), the number of executors (null: not set), or text.
 * The screens word the cost and the executors in the reader's language.
 */
export type StandardComponentValue =
  | { kind: 'list'; items: readonly string[]; ordered: boolean }
  | { kind: 'cost'; rupiah: number }
  | { kind: 'executors'; count: number | null }
  | { kind: 'text'; text: string };

export function standardComponentValue(standard: FullServiceStandard, component: StandardComponent): StandardComponentValue {
  switch (component) {
    case 'requirements':
    case 'legalBasis':
      return { kind: 'list', items: standard[component], ordered: false };
    case 'procedure':
      return { kind: 'list', items: standard.procedure, ordered: true };
    case 'cost':
      return { kind: 'cost', rupiah: standard.costRupiah };
    case 'executorCount':
      return { kind: 'executors', count: standard.executorCount };
    case 'completionTime':
    case 'product':
    case 'complaintHandling':
    case 'facilities':
    case 'competence':
    case 'internalSupervision':
    case 'serviceGuarantee':
    case 'safetyGuarantee':
    case 'performanceEvaluation':
      return { kind: 'text', text: standard[component] };
  }
}

/**
 * The components still empty, in the regulation's order. Cost is never missing: 0 is a
 * published "Gratis". A service with nothing to bring says so as a requirement
 * ("Tidak ada persyaratan"), so an empty list is missing, not "none".
 */
export function missingComponents(standard: FullServiceStandard): StandardComponent[] {
  const filled: Record<StandardComponent, boolean> = {
    requirements: standard.requirements.length > 0,
    procedure: standard.procedure.length > 0,
    completionTime: standard.completionTime.trim() !== '',
    cost: true,
    product: standard.product.trim() !== '',
    complaintHandling: standard.complaintHandling.trim() !== '',
    legalBasis: standard.legalBasis.length > 0,
    facilities: standard.facilities.trim() !== '',
    competence: standard.competence.trim() !== '',
    internalSupervision: standard.internalSupervision.trim() !== '',
    executorCount: standard.executorCount !== null,
    serviceGuarantee: standard.serviceGuarantee.trim() !== '',
    safetyGuarantee: standard.safetyGuarantee.trim() !== '',
    performanceEvaluation: standard.performanceEvaluation.trim() !== '',
  };
  return [...DELIVERY_COMPONENTS, ...MANAGEMENT_COMPONENTS].filter((component) => !filled[component]);
}

// ---------------------------------------------------------------------------------------
// Maklumat pelayanan (UU 25/2009 Pasal 22)

/** The wording PermenPANRB 15/2014 gives as the maklumat's example; offices adapt it. */
export const MAKLUMAT_TEMPLATE =
  'Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan perundang-undangan yang berlaku.';

export const MAKLUMAT_LIMITS = { textMin: 20, textMax: 3000, nameMin: 3, nameMax: 120, positionMin: 2, positionMax: 120 } as const;
/** UU 25/2009 was enacted on 18 July 2009: no maklumat under it is older. */
export const EARLIEST_MAKLUMAT_DAY = '2009-07-18';

export interface MaklumatInput {
  text: string;
  /** Who signed it: the head of the office (penyelenggara). */
  signerName: string;
  signerPosition: string;
  /** The day it was signed, YYYY-MM-DD. */
  signedOn: string;
}

export interface MaklumatView extends MaklumatInput {
  /** 1 for an office's first maklumat; each edit is a new version, the old ones kept. */
  version: number;
  /** When it was entered in Loket (ISO). */
  recordedAt: string;
  recordedBy: { id: string; name: string } | null;
}

function lengthProblem(value: string, field: string, min: number, max: number): FieldProblem[] {
  const length = value.trim().length;
  if (length < min) return [{ field, problems: [`${field} must have at least ${min} characters`] }];
  if (length > max) return [{ field, problems: [`${field} must be at most ${max} characters`] }];
  return [];
}

/**
 * What is wrong with a maklumat to be recorded. `today` is the office's own day
 * (`serviceDay(now, timeZone)`): a maklumat cannot be signed in the future.
 */
export function maklumatProblems(input: MaklumatInput, today: string): FieldProblem[] {
  const problems = [
    ...lengthProblem(input.text, 'text', MAKLUMAT_LIMITS.textMin, MAKLUMAT_LIMITS.textMax),
    ...lengthProblem(input.signerName, 'signerName', MAKLUMAT_LIMITS.nameMin, MAKLUMAT_LIMITS.nameMax),
    ...lengthProblem(input.signerPosition, 'signerPosition', MAKLUMAT_LIMITS.positionMin, MAKLUMAT_LIMITS.positionMax),
  ];
  if (!isCalendarDay(input.signedOn)) problems.push({ field: 'signedOn', problems: ['signedOn must be a date YYYY-MM-DD'] });
  else if (input.signedOn > today) problems.push({ field: 'signedOn', problems: [`signedOn (${input.signedOn}) is after today (${today})`] });
  else if (input.signedOn < EARLIEST_MAKLUMAT_DAY) {
    problems.push({ field: 'signedOn', problems: [`signedOn must be on or after ${EARLIEST_MAKLUMAT_DAY}, when UU 25/2009 was enacted`] });
  }
  return problems;
}

/** The version number the next maklumat of an office takes. */
export function nextMaklumatVersion(latest: number | null): number {
  return (latest ?? 0) + 1;
}

/** The public page of an office's standards: `GET /offices/:slug/standards`. */
export interface PublishedServiceStandard extends FullServiceStandard {
  serviceId: string;
  code: string;
  name: string;
}

export interface OfficeStandardsView {
  /** `laporChannel`: the office's SP4N-LAPOR! link or account name, '' when it has none. */
  office: { slug: string; name: string; address: string; city: string; timeZone: string; laporChannel: string };
  services: PublishedServiceStandard[];
  /** The version in force (the latest), or null when none was recorded. */
  maklumat: MaklumatView | null;
}
