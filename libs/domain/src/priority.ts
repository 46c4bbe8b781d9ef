/** Priority service groups (pelayanan khusus, UU 25/2009 Pasal 29). Free, and never needs proof. */
export const PriorityCategory = {
  disability: 'disabilitas',
  elderly: 'lanjut_usia',
  pregnant: 'ibu_hamil',
  child: 'anak_balita',
  disasterVictim: 'korban_bencana',
} as const;
export type PriorityCategory = (typeof PriorityCategory)[keyof typeof PriorityCategory];
export const PRIORITY_CATEGORIES: readonly PriorityCategory[] = Object.values(PriorityCategory);

export function isPriorityCategory(value: unknown): value is PriorityCategory {
  return typeof value === 'string' && (PRIORITY_CATEGORIES as readonly string[]).includes(value);
}

/** Default maximum wait for a priority ticket, in minutes (an office may set its own). */
export const DEFAULT_PRIORITY_MAX_WAIT_MINUTES = 10;
