import { DEFAULT_PRIORITY_MAX_WAIT_MINUTES, isPriorityCategory, PRIORITY_CATEGORIES } from './priority.js';

describe('priority categories', () => {
  it('are the five groups of UU 25/2009 Pasal 29', () => {
    expect([...PRIORITY_CATEGORIES].sort()).toEqual([
      'anak_anak',
      'disabilitas',
      'korban_bencana_alam',
      'korban_bencana_sosial',
      'lanjut_usia',
      'wanita_hamil',
    ]);
  });

  it.each(PRIORITY_CATEGORIES)('recognises %s', (category) => {
    expect(isPriorityCategory(category)).toBe(true);
  });

  it.each([null, undefined, '', 'disability', 'LANJUT_USIA', 1, {}])('rejects %p', (value) => {
    expect(isPriorityCategory(value)).toBe(false);
  });

  it('waits at most ten minutes by default', () => {
    expect(DEFAULT_PRIORITY_MAX_WAIT_MINUTES).toBe(10);
  });
});
