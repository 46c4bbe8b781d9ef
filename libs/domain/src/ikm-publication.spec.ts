import { checkPlanProgress, planProgressCounts, planWithProgress } from './ikm-publication.js';

describe('the follow-up plan of a published IKM', () => {
  const plan = [
    { action: 'Menambah kursi ruang tunggu', owner: 'Subbag Umum', dueDate: '2027-03-31' },
    { action: 'Pelatihan pelayanan prima', owner: 'Kepala Seksi', dueDate: '2027-06-30' },
  ];
  const update = (over: Partial<{ item: number; status: string; on: string; note: string }>) =>
    checkPlanProgress({ item: 0, status: 'berjalan', on: '2027-01-10', note: '  kursi dipesan ', ...over }, plan.length, '2027-01-05', '2027-01-20');

  it('keeps a known item and status on a day between the publication and today, the note trimmed', () => {
    expect(update({})).toEqual({ status: 'berjalan', on: '2027-01-10', note: 'kursi dipesan' });
    expect(update({ on: '2027-01-05' }).on).toBe('2027-01-05');
    expect(update({ on: '2027-01-20', status: 'selesai' }).status).toBe('selesai');
  });

  it('refuses an item not in the plan, an unknown status, a day out of range and a long note', () => {
    const refused = (field: string) => expect.objectContaining({ code: 'validation_failed', details: [expect.objectContaining({ field })] });
    expect(() => update({ item: 2 })).toThrow(refused('item'));
    expect(() => update({ item: -1 })).toThrow(refused('item'));
    expect(() => update({ item: 0.5 })).toThrow(refused('item'));
    expect(() => update({ status: 'done' })).toThrow(refused('status'));
    expect(() => update({ on: '2027-02-30' })).toThrow(refused('on'));
    expect(() => update({ on: '2027-01-04' })).toThrow(refused('on'));
    expect(() => update({ on: '2027-01-21' })).toThrow(refused('on'));
    expect(() => update({ note: 'x'.repeat(301) })).toThrow(refused('note'));
  });

  it('shows each item at its latest update, or not started since publishing', () => {
    const shown = planWithProgress(
      plan,
      [
        { item: 1, status: 'berjalan', on: '2027-01-08', note: 'jadwal disusun' },
        { item: 1, status: 'selesai', on: '2027-01-15', note: 'pelatihan selesai' },
      ],
      '2027-01-05',
    );
    expect(shown).toEqual([
      { ...plan[0], status: 'belum', statusOn: '2027-01-05', note: '' },
      { ...plan[1], status: 'selesai', statusOn: '2027-01-15', note: 'pelatihan selesai' },
    ]);
    expect(planProgressCounts(shown)).toEqual({ belum: 1, berjalan: 0, selesai: 1 });
  });
});
