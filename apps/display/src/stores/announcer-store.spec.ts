import { createPinia, setActivePinia } from 'pinia';
import { MAX_QUEUED_ANNOUNCEMENTS, useAnnouncerStore } from './announcer-store';
import { callOf, ticket } from './test-fixtures';

const call = (n: number, counterNumber = 3, recall = false) => callOf(ticket(n), `c-${counterNumber}`, counterNumber, recall);

describe('useAnnouncerStore', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('stays silent until sound is enabled by a click', () => {
    const announcer = useAnnouncerStore();

    expect(announcer.announce(call(7))).toBeNull();
    announcer.enable();
    expect(announcer.announce(call(7))?.text).toBe('Nomor antrean A nol nol tujuh, silakan menuju loket tiga');
  });

  it('says the call in the board’s language, keeping the Indonesian clips for a board that cannot speak', () => {
    const announcer = useAnnouncerStore();
    announcer.enable();
    const english = announcer.announce(call(7), 'en');
    expect(english).toMatchObject({ language: 'en', text: 'Number A zero zero seven, please go to counter three' });
    expect(english?.clips[0]).toBe('nomor-antrean');
    expect(announcer.announce(call(8))?.language).toBe('id');
  });

  it('hands out one announcement at a time, in order, never two at once', () => {
    const announcer = useAnnouncerStore();
    announcer.enable();
    announcer.announce(call(1));
    announcer.announce(call(2, 4));

    const first = announcer.next();
    expect(first?.number).toBe('A-001');
    expect(announcer.next()).toBeNull();
    announcer.finished(first!.key);
    expect(announcer.next()?.number).toBe('A-002');
  });

  it('speaks a recall again as a new announcement', () => {
    const announcer = useAnnouncerStore();
    announcer.enable();
    const first = announcer.announce(call(7));
    const again = announcer.announce(call(7, 3, true));

    expect(again?.recall).toBe(true);
    expect(again?.key).not.toBe(first?.key);
    expect(announcer.queue).toHaveLength(2);
  });

  it('drops what is queued when muted, and keeps only the latest calls when behind', () => {
    const announcer = useAnnouncerStore();
    announcer.enable();
    for (let n = 1; n <= 20; n++) announcer.announce(call(n));
    expect(announcer.queue.map((a) => a.number)).toEqual(['A-016', 'A-017', 'A-018', 'A-019', 'A-020'].slice(-MAX_QUEUED_ANNOUNCEMENTS));

    announcer.setMuted(true);
    expect(announcer.queue).toEqual([]);
    expect(announcer.announce(call(21))).toBeNull();
  });

  it('keeps the volume between 0 and 1', () => {
    const announcer = useAnnouncerStore();
    announcer.setVolume(1.7);
    expect(announcer.volume).toBe(1);
    announcer.setVolume(-1);
    expect(announcer.volume).toBe(0);
  });

  it('gives each announcement its recorded clips, for a board without an Indonesian voice', () => {
    const announcer = useAnnouncerStore();
    announcer.enable();
    expect(announcer.announce(call(7, 12))?.clips).toEqual(['nomor-antrean', 'huruf-a', 'nol', 'nol', 'tujuh', 'silakan-menuju-loket', 'dua', 'belas']);
  });
});
