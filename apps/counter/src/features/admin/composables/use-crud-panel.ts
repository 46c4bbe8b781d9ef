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
}

/** A table of rows with one form dialog to add or edit a row, and an optional confirmation. */
export function useCrudPanel<Row, Draft>(prefix: string, options: CrudOptions<Row, Draft>) {
  const form = useAdminForm(prefix);
  const editing = shallowRef<Row | null>(null);
  const draft = ref(null) as Ref<Draft | null>;
  const confirming = ref(false);

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

  return { ...form, editing, draft, confirming, open, close, submit };
}

export type CrudPanel<Row, Draft> = ReturnType<typeof useCrudPanel<Row, Draft>>;
