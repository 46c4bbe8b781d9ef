/** @jest-environment jsdom */
import { mount } from '@vue/test-utils';
import type { ChecklistTemplateView } from '@loket/domain';

// jsdom has no modal dialogs: opening one is not what these tests are about.
HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
  this.setAttribute('open', '');
};

const { default: ChecklistDialog } = await import('./ChecklistDialog.vue');
const { i18n } = await import('../../i18n');

const template: ChecklistTemplateView = {
  id: 'tpl',
  kind: 'interaction',
  items: ['sikap_perilaku', 'ekspresi_wajah', 'cara_bertanya'].map((code, index) => ({ id: code, code, label: code, order: index, active: true })),
};

function mountDialog(props: Record<string, unknown> = {}) {
  return mount(ChecklistDialog, {
    props: { template, title: 'Selesaikan A-001', withOutcome: true, busy: false, ...props },
    global: { plugins: [i18n] },
    attachTo: document.body,
  });
}

type Submitted = { submission: { method: string; answers: { code: string; answer: string }[] }; outcome: string; note: string };
const submitted = (dialog: ReturnType<typeof mountDialog>) => (dialog.emitted('submit') ?? []).map(([result]) => result as Submitted);

describe('the etiquette checklist dialog', () => {
  it('records every item checked only from the one-key button, on purpose', async () => {
    const dialog = mountDialog();
    await dialog.get('[data-testid="checklist-submit-all"]').trigger('click');
    expect(submitted(dialog)).toEqual([
      {
        submission: { method: 'one_key', answers: template.items.map((item) => ({ code: item.code, answer: 'checked' })) },
        outcome: 'selesai',
        note: '',
      },
    ]);
    dialog.unmount();
  });

  it('starts the exception path unanswered and saves nothing until each item is answered', async () => {
    const dialog = mountDialog();
    for (const item of template.items) expect((dialog.get(`[data-testid="answer-${item.code}-checked"]`).element as HTMLInputElement).checked).toBe(false);
    const save = dialog.get('[data-testid="checklist-submit"]');
    expect(save.attributes('disabled')).toBeDefined();

    await dialog.get('[data-testid="answer-cara_bertanya-not_checked"]').setValue(true);
    // Answering one item leaves the one-key path: it would overwrite that answer.
    expect(dialog.get('[data-testid="checklist-submit-all"]').attributes('disabled')).toBeDefined();
    expect(dialog.get('[data-testid="checklist-unanswered"]').text()).toContain('2');
    await save.trigger('click');
    expect(submitted(dialog)).toEqual([]);

    await dialog.get('[data-testid="answer-sikap_perilaku-checked"]').setValue(true);
    await dialog.get('[data-testid="answer-ekspresi_wajah-not_applicable"]').setValue(true);
    expect(save.attributes('disabled')).toBeUndefined();
    await save.trigger('click');
    expect(submitted(dialog).map((r) => r.submission)).toEqual([
      {
        method: 'self',
        answers: [
          { code: 'sikap_perilaku', answer: 'checked' },
          { code: 'ekspresi_wajah', answer: 'not_applicable' },
          { code: 'cara_bertanya', answer: 'not_checked' },
        ],
      },
    ]);
    dialog.unmount();
  });

  it('does not save on Enter pressed on an answer or the outcome', async () => {
    const dialog = mountDialog();
    for (const item of template.items) await dialog.get(`[data-testid="answer-${item.code}-checked"]`).setValue(true);
    const radio = dialog.get('[data-testid="answer-cara_bertanya-checked"]');
    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    radio.element.dispatchEvent(enter);
    // The browser's implicit submission is what a prevented Enter stops; and nothing was emitted.
    expect(enter.defaultPrevented).toBe(true);
    await dialog.get('form').trigger('submit');
    expect(submitted(dialog)).toEqual([]);
    // On the Save button Enter is the button's own: not prevented.
    const onSave = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    dialog.get('[data-testid="checklist-submit"]').element.dispatchEvent(onSave);
    expect(onSave.defaultPrevented).toBe(false);
    dialog.unmount();
  });

  it('starts a supervisor’s observation unanswered, with no one-key path', async () => {
    const dialog = mountDialog({ oneKey: false, withOutcome: false, withNote: true, idPrefix: 'observe', submitTestid: 'observation-submit' });
    expect(dialog.find('[data-testid="observation-submit-all"]').exists()).toBe(false);
    expect(dialog.get('[data-testid="observation-submit"]').attributes('disabled')).toBeDefined();
    expect((dialog.get('[data-testid="observe-sikap_perilaku-checked"]').element as HTMLInputElement).checked).toBe(false);
    dialog.unmount();
  });
});
