/**
 * Priority service groups (pelayanan khusus), named as UU 25/2009 Pasal 29 and its
 * Penjelasan name them: penyandang disabilitas, lanjut usia, wanita hamil, anak-anak, korban
 * bencana alam, korban bencana sosial. Free, and never needs proof. Until migration
 * 1764960000000 the codes were ibu_hamil, anak_balita (narrower than the law's "anak-anak")
 * and one korban_bencana for both kinds of disaster.
 */
export const PriorityCategory = {
  disability: 'disabilitas',
  elderly: 'lanjut_usia',
  pregnant: 'wanita_hamil',
  child: 'anak_anak',
  naturalDisasterVictim: 'korban_bencana_alam',
  socialDisasterVictim: 'korban_bencana_sosial',
} as const;
export type PriorityCategory = (typeof PriorityCategory)[keyof typeof PriorityCategory];
export const PRIORITY_CATEGORIES: readonly PriorityCategory[] = Object.values(PriorityCategory);

export function isPriorityCategory(value: unknown): value is PriorityCategory {
  return typeof value === 'string' && (PRIORITY_CATEGORIES as readonly string[]).includes(value);
}

/** Default maximum wait for a priority ticket, in minutes (an office may set its own). */
export const DEFAULT_PRIORITY_MAX_WAIT_MINUTES = 10;
