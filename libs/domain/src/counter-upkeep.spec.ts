import { type UpkeepSession, type UpkeepSettings, sessionUpkeep, shiftCloseAt } from './counter-upkeep.js';

// Monday 30 November 2026, Jakarta (UTC+7): 08:00 local is 01:00Z.
const at = (time: string, day = '2026-11-30') => Date.parse(`${day}T${time}:00+07:00`);
const settings: UpkeepSettings = {
  schedule: [{ weekday: 1, opens: '08:00', closes: '15:00' }],
  timeZone: 'Asia/Jakarta',
  offlineAfterMinutes: 5,
  shiftEndGraceMinutes: 30,
};
const session = (overrides: Partial<UpkeepSession> = {}): UpkeepSession => ({
  state: 'open',
  openedAt: at('08:00'),
  lastSeenAt: at('10:00'),
  busy: false,
  ...overrides,
});

describe('counter upkeep', () => {
  it('leaves an open counter whose desk answered within the offline minutes', () => {
    expect(sessionUpkeep(session(), settings, at('10:04'))).toBeNull();
  });

  it('pauses an open counter as offline once its desk has been silent for the offline minutes', () => {
    expect(sessionUpkeep(session(), settings, at('10:05'))).toBe('pause_offline');
  });

  it('never pauses a counter already paused, nor one holding a citizen', () => {
    expect(sessionUpkeep(session({ state: 'paused' }), settings, at('11:00'))).toBeNull();
    expect(sessionUpkeep(session({ busy: true }), settings, at('11:00'))).toBeNull();
  });

  it('closes a counter, open or paused, at the end of its shift plus the grace, and not a minute before', () => {
    expect(shiftCloseAt(at('08:00'), settings)).toBe(at('15:30'));
    expect(sessionUpkeep(session({ lastSeenAt: at('15:29') }), settings, at('15:29'))).toBeNull();
    expect(sessionUpkeep(session({ lastSeenAt: at('15:29') }), settings, at('15:30'))).toBe('close');
    expect(sessionUpkeep(session({ state: 'paused' }), settings, at('15:30'))).toBe('close');
  });

  it('does not close a counter under a citizen being served; it closes at the next sweep after', () => {
    expect(sessionUpkeep(session({ busy: true }), settings, at('16:00'))).toBeNull();
  });

  it('leaves overtime opened after the shift ended, and a day with no schedule, to the offline rule', () => {
    expect(shiftCloseAt(at('15:10'), settings)).toBeNull();
    expect(sessionUpkeep(session({ openedAt: at('15:10'), lastSeenAt: at('16:00') }), settings, at('16:02'))).toBeNull();
    const tuesday = '2026-12-01';
    expect(sessionUpkeep(session({ openedAt: at('08:00', tuesday), lastSeenAt: at('20:00', tuesday) }), settings, at('20:01', tuesday))).toBeNull();
  });

  it('closes a session left from an earlier office day', () => {
    expect(sessionUpkeep(session({ openedAt: at('15:10'), state: 'paused' }), settings, at('07:00', '2026-12-01'))).toBe('close');
  });
});
