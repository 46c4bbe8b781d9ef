import { RuleError } from './errors.js';
import {
  type ChecklistTemplateView,
  type EtiquetteAnswer,
  ChecklistMismatchError,
  CORRECTION_WINDOW_MINUTES,
  allChecked,
  assertCorrectable,
  compliance,
  correctableUntil,
  etiquetteFigures,
  validateAnswers,
} from './checklists.js';

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

describe('etiquette figures, one definition for the desk, the charts and the report', () => {
  const answers = (kind: EtiquetteAnswer['kind'], method: EtiquetteAnswer['method'], checked: number, notChecked: number): EtiquetteAnswer[] => [
    ...Array.from({ length: checked }, () => ({ kind, method, answer: 'checked' as const })),
    ...Array.from({ length: notChecked }, () => ({ kind, method, answer: 'not_checked' as const })),
  ];

  it('counts the officer’s interactions, ticked or one key, as one figure and keeps the shift checklist and observations apart', () => {
    // Two interactions ticked one by one (7 of 10), one by the one key (5 of 5), a shift checklist (3 of 3), one observation (3 of 5).
    const figures = etiquetteFigures([
      ...answers('interaction', 'self', 7, 3),
      ...answers('interaction', 'one_key', 5, 0),
      ...answers('shift_start', 'self', 3, 0),
      ...answers('interaction', 'observed', 3, 2),
    ]);
    expect(figures.interactions).toEqual({ checked: 12, applicable: 15, ratio: 0.8 });
    expect(figures.oneKeyItems).toBe(5);
    expect(figures.shiftStart).toEqual({ checked: 3, applicable: 3, ratio: 1 });
    expect(figures.observed).toEqual({ checked: 3, applicable: 5, ratio: 0.6 });
  });
});

describe('correcting a saved interaction', () => {
  const saved = Date.parse('2026-11-30T01:00:00.000Z');

  it('is open for two minutes from the first save, to the millisecond', () => {
    expect(CORRECTION_WINDOW_MINUTES).toBe(2);
    expect(correctableUntil(saved)).toBe(saved + 120_000);
    expect(() => assertCorrectable(saved, saved)).not.toThrow();
    expect(() => assertCorrectable(saved, saved + 120_000)).not.toThrow();
  });

  it('is refused with correction_window_closed after that, saying since when', () => {
    let error: unknown;
    try {
      assertCorrectable(saved, saved + 120_001);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RuleError);
    expect(error).toMatchObject({ code: 'correction_window_closed', details: { correctableUntil: '2026-11-30T01:02:00.000Z' } });
  });
});
