import { type ChecklistTemplateView, ChecklistMismatchError, allChecked, compliance, validateAnswers } from './checklists.js';

const template: ChecklistTemplateView = {
  id: 't',
  kind: 'interaction',
  items: [
    { id: '2', code: 'ekspresi', label: 'Ekspresi', order: 2, active: true },
    { id: '1', code: 'sikap', label: 'Sikap', order: 1, active: true },
    { id: '3', code: 'lama', label: 'Lama', order: 3, active: false },
  ],
};

describe('checklist answers', () => {
  it('accepts answers to exactly the active items and returns them in template order', () => {
    const answers = validateAnswers(template, [
      { code: 'ekspresi', answer: 'not_applicable' },
      { code: 'sikap', answer: 'checked' },
    ]);
    expect(answers.map((a) => a.code)).toEqual(['sikap', 'ekspresi']);
  });

  it('names the missing, unknown, inactive and twice-answered items', () => {
    expect.assertions(2);
    try {
      validateAnswers(template, [
        { code: 'sikap', answer: 'checked' },
        { code: 'sikap', answer: 'checked' },
        { code: 'lama', answer: 'checked' },
      ]);
    } catch (error) {
      expect(error).toBeInstanceOf(ChecklistMismatchError);
      expect((error as ChecklistMismatchError).details).toEqual({ kind: 'interaction', missing: ['ekspresi'], unknown: ['lama'], duplicated: ['sikap'] });
    }
  });

  it('the one-key path checks every active item and nothing else', () => {
    expect(allChecked(template)).toEqual([
      { code: 'sikap', answer: 'checked' },
      { code: 'ekspresi', answer: 'checked' },
    ]);
  });
});

describe('compliance', () => {
  it('is checked divided by applicable, leaving not-applicable items out', () => {
    expect(compliance([{ answer: 'checked' }, { answer: 'not_checked' }, { answer: 'not_applicable' }, { answer: 'checked' }])).toEqual({
      checked: 2,
      applicable: 3,
      ratio: 2 / 3,
    });
  });

  it('is null when nothing was applicable', () => {
    expect(compliance([{ answer: 'not_applicable' }]).ratio).toBeNull();
  });
});
