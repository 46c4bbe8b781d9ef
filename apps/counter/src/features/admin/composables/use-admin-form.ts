import { type InjectionKey, provide, ref } from 'vue';
import { useFormErrors } from './use-form-errors';

/** What an `AdminField` needs of the form around it to tie its message to its input. */
export interface AdminFormContext {
  errorFor: (field: string) => string | null;
  errorId: (field: string) => string;
}

export const adminFormKey: InjectionKey<AdminFormContext> = Symbol('admin-form');

/**
 * Saving on an admin screen: one save at a time (`busy`), the line that confirms the last
 * one (`saved`), and a refusal taken apart beside its fields (`errors`). Error ids start with
 * `prefix` (`service-code-error`) so that ids stay unique while several panels are mounted.
 */
export function useAdminForm(prefix: string) {
  const errors = useFormErrors();
  const busy = ref(false);
  const saved = ref<string | null>(null);

  provide(adminFormKey, { errorFor: errors.errorFor, errorId: (field) => `${prefix}-${field}-error` });

  /** Runs one save, whose answer is the confirmation to show; false when it was refused. */
  async function run(save: () => Promise<string>): Promise<boolean> {
    busy.value = true;
    try {
      saved.value = await save();
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
