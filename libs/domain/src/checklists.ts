/**
 * The etiquette checklists (docs/domain.md, Etiquette): templates an office keeps, the answers
 * an officer gives at shift start and at each finish, and compliance = checked ÷ applicable.
 */
import { DomainError, RuleError } from './errors.js';
import { MINUTE_MS } from './time.js';

export const CHECKLIST_KINDS = ['shift_start', 'interaction'] as const;
export type ChecklistKind = (typeof CHECKLIST_KINDS)[number];

export const CHECKLIST_ANSWERS = ['checked', 'not_checked', 'not_applicable'] as const;
export type ChecklistAnswer = (typeof CHECKLIST_ANSWERS)[number];

/**
 * How the answers were given: ticked one by one (`self`), all checked with the one-key
 * path (`one_key`), or by a supervisor watching (`observed`, weighs more than self-checks).
 */
export const ANSWER_METHODS = ['self', 'one_key', 'observed'] as const;
export type AnswerMethod = (typeof ANSWER_METHODS)[number];

export const INTERACTION_OUTCOMES = ['selesai', 'perlu_berkas_tambahan', 'dirujuk', 'lainnya'] as const;
export type InteractionOutcome = (typeof INTERACTION_OUTCOMES)[number];

export interface ChecklistItemView {
  id: string;
  code: string;
  /** In Indonesian, as the office wrote it; the apps translate the seeded codes. */
  label: string;
  order: number;
  active: boolean;
}

export interface ChecklistTemplateView {
  id: string;
  kind: ChecklistKind;
  items: ChecklistItemView[];
}

export interface ChecklistItemAnswer {
  code: string;
  answer: ChecklistAnswer;
}

/** What an officer sends when opening a counter or finishing a ticket. */
export interface ChecklistSubmission {
  method: AnswerMethod;
  answers: ChecklistItemAnswer[];
}

/** The seeded templates, from the ASN service etiquette (etiket pelayanan). */
export const DEFAULT_CHECKLIST_ITEMS: Readonly<Record<ChecklistKind, readonly { code: string; label: string }[]>> = {
  shift_start: [
    { code: 'penampilan', label: 'Penampilan: seragam rapi dan tanda pengenal terpasang' },
    { code: 'cara_berpakaian', label: 'Cara berpakaian: pakaian dinas sesuai hari ini' },
    { code: 'meja_sistem_siap', label: 'Meja kerja rapi dan sistem siap digunakan' },
  ],
  interaction: [
    { code: 'sikap_perilaku', label: 'Sikap/perilaku: senyum, salam, sapa' },
    { code: 'ekspresi_wajah', label: 'Ekspresi wajah: ramah, kontak mata' },
    { code: 'cara_berbicara', label: 'Cara berbicara: sopan, bahasa Indonesia yang jelas' },
    { code: 'cara_mendengarkan', label: 'Cara mendengarkan: membiarkan warga selesai bicara, tanpa telepon' },
    { code: 'cara_bertanya', label: 'Cara bertanya: pertanyaan klarifikasi' },
  ],
};

export class ChecklistMismatchError extends DomainError {
  readonly code = 'checklist_mismatch';

  constructor(kind: ChecklistKind, missing: string[], unknown: string[], duplicated: string[]) {
    const parts = [
      missing.length ? `missing ${missing.join(', ')}` : '',
      unknown.length ? `not in the template: ${unknown.join(', ')}` : '',
      duplicated.length ? `answered twice: ${duplicated.join(', ')}` : '',
    ].filter(Boolean);
    super(`The ${kind.replace('_', '-')} checklist must answer each active item exactly once (${parts.join('; ')})`, { kind, missing, unknown, duplicated });
  }
}

/**
 * An officer may correct a saved interaction checklist (answers, outcome, note) for this
 * long after first saving it, a slip noticed at once; after that the record stands (issue 14,
 * item 9). The correction is a new response that supersedes the old, so the trail keeps both.
 */
export const CORRECTION_WINDOW_MINUTES = 2;

/** Until when an interaction first saved at `savedAt` may be corrected (epoch ms). */
export function correctableUntil(savedAt: number): number {
  return savedAt + CORRECTION_WINDOW_MINUTES * MINUTE_MS;
}

/** Refuses a correction after the window (`correction_window_closed`), counted from the first save. */
export function assertCorrectable(savedAt: number, now: number): void {
  const until = correctableUntil(savedAt);
  if (now <= until) return;
  throw new RuleError('correction_window_closed', `A saved interaction can be corrected for ${CORRECTION_WINDOW_MINUTES} min only`, {
    correctableUntil: new Date(until).toISOString(),
  });
}

/** The active items in the order they are shown. */
export function activeItems(template: ChecklistTemplateView): ChecklistItemView[] {
  return template.items.filter((item) => item.active).sort((a, b) => a.order - b.order);
}

/**
 * Checks that the answers cover exactly the template's active items, once each, and
 * returns them in template order; throws `ChecklistMismatchError` naming what is off.
 */
export function validateAnswers(template: ChecklistTemplateView, answers: readonly ChecklistItemAnswer[]): ChecklistItemAnswer[] {
  const items = activeItems(template);
  const expected = new Set(items.map((item) => item.code));
  const seen = new Map<string, ChecklistItemAnswer>();
  const duplicated: string[] = [];
  const unknown: string[] = [];
  for (const answer of answers) {
    if (!expected.has(answer.code)) unknown.push(answer.code);
    else if (seen.has(answer.code)) duplicated.push(answer.code);
    else seen.set(answer.code, answer);
  }
  const missing = items.filter((item) => !seen.has(item.code)).map((item) => item.code);
  if (missing.length || unknown.length || duplicated.length) throw new ChecklistMismatchError(template.kind, missing, unknown, duplicated);
  return items.map((item) => seen.get(item.code)!);
}

/** The one-key path: every active item checked. */
export function allChecked(template: ChecklistTemplateView): ChecklistItemAnswer[] {
  return activeItems(template).map((item) => ({ code: item.code, answer: 'checked' }));
}

export interface Compliance {
  checked: number;
  applicable: number;
  /** checked ÷ applicable (0…1), null when nothing was applicable. */
  ratio: number | null;
}

/** Etiquette compliance over any set of answers: checked ÷ applicable (not-applicable items count in neither). */
export function compliance(answers: Iterable<{ answer: ChecklistAnswer }>): Compliance {
  let checked = 0;
  let applicable = 0;
  for (const { answer } of answers) {
    if (answer === 'not_applicable') continue;
    applicable += 1;
    if (answer === 'checked') checked += 1;
  }
  return { checked, applicable, ratio: applicable === 0 ? null : checked / applicable };
}

/** One checklist answer as the etiquette figures count it: which checklist, how it was answered, the answer. */
export interface EtiquetteAnswer {
  kind: ChecklistKind;
  method: AnswerMethod;
  answer: ChecklistAnswer;
}

/**
 * The etiquette figures every screen shows (the officer's desk, the supervisor's charts, the
 * report): one definition, so one officer's compliance reads the same everywhere
 * (docs/domain.md, Etiquette).
 */
export interface EtiquetteFigures {
  /** The officer's own answers at each finish, ticked one by one or all at once with the one key: checked ÷ applicable. */
  interactions: Compliance;
  /** How many of the applicable `interactions` items were answered with the one key (all checked at once). */
  oneKeyItems: number;
  /** A supervisor's observations of interactions, kept apart: they weigh more than self-checks. */
  observed: Compliance;
  /** The shift-start checklist (appearance, desk and system ready), kept apart: it is not about serving a citizen. */
  shiftStart: Compliance;
}

export function etiquetteFigures(answers: readonly EtiquetteAnswer[]): EtiquetteFigures {
  const own = answers.filter((a) => a.kind === 'interaction' && a.method !== 'observed');
  return {
    interactions: compliance(own),
    oneKeyItems: own.filter((a) => a.method === 'one_key' && a.answer !== 'not_applicable').length,
    observed: compliance(answers.filter((a) => a.kind === 'interaction' && a.method === 'observed')),
    shiftStart: compliance(answers.filter((a) => a.kind === 'shift_start')),
  };
}
