import { type Ref, ref, shallowRef } from 'vue';
import { type Confirmation, useAdminForm } from './use-admin-form';

interface CrudOptions<Row, Draft> {
  /** The form's starting values: the row's, or a new row's when `row` is null. */
  toDraft: (row: Row | null) => Draft;
  /** Creates or updates the row and keeps it in the store; answers the confirmation to show. */
  save: (draft: Draft, editing: Row | null) => Promise<Confirmation>;
  /** When the save of an existing row must be asked once more (switching it off). */
  confirmWhen?: (draft: Draft, editing: Row) => boolean;
  /** False while there is nowhere to save to yet (no office chosen). */
  ready?: () => boolean;
  /** Deletes the row (asked once in a dialog) and drops it from the store; answers the confirmation to show. */
  remove?: (row: Row) => Promise<Confirmation>;
}

/**
 * A table of rows with one form dialog to add or edit a row, an optional confirmation, and,
 * with `remove`, a delete asked once (`deleting` holds the row while the dialog asks).
 */
export function useCrudPanel<Row, Draft>(prefix: string, options: CrudOptions<Row, Draft>) {
  const form = useAdminForm(prefix);
  const editing = shallowRef<Row | null>(null);
  const draft = ref(null) as Ref<Draft | null>;
  const confirming = ref(false);
  const deleting = shallowRef<Row | null>(null);
  // A refused delete (the row is still in use) is said above the table: no form is open to show it.
  const problem = ref<string | null>(null);

  function open(row: Row | null): void {
    form.errors.clear();
    editing.value = row;
    draft.value = options.toDraft(row);
  }

  function close(): void {
    draft.value = null;
    confirming.value = false;
  }

  async function submit(): Promise<void> {
    const value = draft.value;
    const row = editing.value;
    if (value === null || options.ready?.() === false) return;
    if (row !== null && !confirming.value && options.confirmWhen?.(value, row)) {
      confirming.value = true;
      return;
    }
    confirming.value = false;
    await form.run(async () => {
      const message = await options.save(value, row);
      close();
      return message;
    });
  }

  async function confirmRemove(): Promise<void> {
    const row = deleting.value;
    if (row === null || !options.remove) return;
    const remove = options.remove;
    deleting.value = null;
    problem.value = null;
    const done = await form.run(() => remove(row));
    if (!done) problem.value = form.errors.general.value;
  }

  return { ...form, editing, draft, confirming, deleting, problem, open, close, submit, confirmRemove };
}

export type CrudPanel<Row, Draft> = ReturnType<typeof useCrudPanel<Row, Draft>>;
