import { deskActions } from './desk-actions';
import { timerLevel } from './timer-level';

const enabled = (...args: Parameters<typeof deskActions>) =>
  deskActions(...args)
    .filter((action) => action.enabled)
    .map((action) => action.id);

describe('the desk actions', () => {
  it('enable exactly what the ticket’s status and the counter’s state allow', () => {
    expect(enabled('open', null, 2)).toEqual(['callNext', 'callSpecific', 'pause', 'close']);
    expect(enabled('open', null, 0)).toEqual(['callNext', 'pause', 'close']);
    expect(enabled('open', 'called', 2)).toEqual(['recall', 'start', 'noShow', 'return']);
    expect(enabled('open', 'serving', 2)).toEqual(['finish', 'transfer']);
    expect(enabled('paused', null, 2)).toEqual(['resume', 'close']);
  });

  it('give every action its own key', () => {
    const keys = deskActions('open', null, 0).map((action) => action.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('the desk timer', () => {
  it('turns amber near the standard service time and red past it', () => {
    expect(timerLevel('serving', 7, 10)).toBe('ok');
    expect(timerLevel('serving', 8, 10)).toBe('amber');
    expect(timerLevel('serving', 10, 10)).toBe('amber');
    expect(timerLevel('serving', 10.1, 10)).toBe('red');
  });

  it('warns when a called citizen does not come to the counter', () => {
    expect(timerLevel('called', 1, 10)).toBe('ok');
    expect(timerLevel('called', 2, 10)).toBe('amber');
    expect(timerLevel('called', 5, 10)).toBe('red');
  });
});

describe('the no-show wait', () => {
  it('keeps no-show off, with the seconds left, until the office’s minutes since the last call are up', () => {
    const waiting = deskActions('open', 'called', 0, 95).find((action) => action.id === 'noShow')!;
    expect(waiting).toMatchObject({ enabled: false, waitSeconds: 95 });
    const ready = deskActions('open', 'called', 0, 0).find((action) => action.id === 'noShow')!;
    expect(ready.enabled).toBe(true);
    expect(ready.waitSeconds).toBeUndefined();
  });
});
