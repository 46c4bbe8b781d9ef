import { type InjectionKey, computed, provide, ref, shallowRef } from 'vue';
import { useFormErrors } from './use-form-errors';

/** What an `AdminField` needs of the form around it to tie its message to its input. */
export interface AdminFormContext {
  errorFor: (field: string) => string | null;
  errorId: (field: string) => string;
}

export const adminFormKey: InjectionKey<AdminFormContext> = Symbol('admin-form');

/**
 * The line confirming a save, as a function of the UI's language: written when the save
 * answers, read whenever it shows, so switching to English after "Kantor … disimpan"
 * shows "Office … saved" instead of keeping the words of the moment it was saved.
 */
export type Confirmation = () => string;

/**
 * Saving on an admin screen: one save at a time (`busy`), the line that confirms the last
 * one (`saved`), and a refusal taken apart beside its fields (`errors`). Error ids start with
 * `prefix` (`service-code-error`) so that ids stay unique while several panels are mounted.
 */
export function useAdminForm(prefix: string) {
  const errors = useFormErrors();
  const busy = ref(false);
  const confirmation = shallowRef<Confirmation | null>(null);
  // Setting it (null to clear, or a fixed line) is allowed too.
  const saved = computed<string | null>({
    get: () => confirmation.value?.() ?? null,
    set: (line) => (confirmation.value = line === null ? null : () => line),
  });

  provide(adminFormKey, { errorFor: errors.errorFor, errorId: (field) => `${prefix}-${field}-error` });

  /** Runs one save, whose answer is the confirmation to show; false when it was refused. */
  async function run(save: () => Promise<Confirmation>): Promise<boolean> {
    busy.value = true;
    try {
      confirmation.value = await save();
      return true;
    } catch (error) {
      errors.capture(error);
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { errors, busy, saved, run };
}
