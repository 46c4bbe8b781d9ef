import { RuleError } from './errors.js';
import {
  CALL_VIBRATION,
  type PushSubscriptionInput,
  assertPushSubscription,
  pushMessage,
  pushNoticeOf,
  pushRetryAt,
  pushSubscriptionExpiry,
} from './web-push.js';

const KEYS = { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) };
const sub = (endpoint: string, keys = KEYS): PushSubscriptionInput => ({ endpoint, keys, language: 'id' });
const codeOf = (run: () => unknown): string | null => {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof RuleError) return error.code;
    throw error;
  }
};

describe('web push notifications', () => {
  it('says how many are ahead, and where a called ticket goes, in Indonesian and English', () => {
    expect(pushMessage({ kind: 'near', number: 'A-012', ahead: 3 }, 'id', '/t/x', 't1')).toMatchObject({ title: 'A-012: 3 antrean lagi', vibrate: [] });
    expect(pushMessage({ kind: 'near', number: 'A-012', ahead: 1 }, 'en', '/t/x', 't1').title).toBe('A-012: 1 ticket to go');
    const call = pushMessage({ kind: 'called', number: 'A-012', counterName: 'Loket 5', recall: false }, 'id', '/t/x', 't1');
    expect(call).toEqual({
      title: 'A-012 dipanggil ke Loket 5',
      body: 'Silakan menuju loket sekarang.',
      url: '/t/x',
      tag: 'ticket-t1',
      vibrate: CALL_VIBRATION,
      lang: 'id',
    });
    expect(pushMessage({ kind: 'called', number: 'A-012', counterName: 'Loket 5', recall: true }, 'en', '/t/x', 't1').title).toBe('A-012 is called to Loket 5');
  });

  it('keeps only subscriptions to a push service over https, with a P-256 key and an auth secret', () => {
    expect(codeOf(() => assertPushSubscription(sub('https://fcm.googleapis.com/fcm/send/abc'), false))).toBeNull();
    expect(codeOf(() => assertPushSubscription(sub('http://fcm.googleapis.com/fcm/send/abc'), false))).toBe('push_endpoint_refused');
    expect(codeOf(() => assertPushSubscription(sub('https://127.0.0.1/push'), false))).toBe('push_endpoint_refused');
    expect(codeOf(() => assertPushSubscription(sub('https://[::1]/push'), false))).toBe('push_endpoint_refused');
    expect(codeOf(() => assertPushSubscription(sub('https://localhost/push'), false))).toBe('push_endpoint_refused');
    expect(codeOf(() => assertPushSubscription(sub('https://intranet/push'), false))).toBe('push_endpoint_refused');
    expect(codeOf(() => assertPushSubscription(sub('https://u:p@push.example.com/x'), false))).toBe('push_endpoint_refused');
    expect(codeOf(() => assertPushSubscription(sub('not a url'), false))).toBe('push_endpoint_refused');
    expect(codeOf(() => assertPushSubscription(sub('ftp://push.example.com/x'), true))).toBe('push_endpoint_refused');
    expect(codeOf(() => assertPushSubscription(sub('http://127.0.0.1:9/push'), true))).toBeNull();
    expect(codeOf(() => assertPushSubscription(sub('https://push.example.com/x', { ...KEYS, p256dh: `A${'A'.repeat(86)}` }), false))).toBe('push_keys_invalid');
    expect(codeOf(() => assertPushSubscription(sub('https://push.example.com/x', { ...KEYS, auth: 'short' }), false))).toBe('push_keys_invalid');
  });
});

describe('web push subscription life', () => {
  const HOUR = 3_600_000;
  it('lasts a day from the ticket, or from the booked slot until check-in, and is refused once there is nothing to tell', () => {
    expect(pushSubscriptionExpiry({ kind: 'ticket', status: 'waiting', issuedAt: 0 }, HOUR)).toBe(24 * HOUR);
    expect(codeOf(() => pushSubscriptionExpiry({ kind: 'ticket', status: 'done', issuedAt: 0 }, HOUR))).toBe('push_ticket_over');
    expect(codeOf(() => pushSubscriptionExpiry({ kind: 'ticket', status: 'waiting', issuedAt: 0 }, 25 * HOUR))).toBe('push_ticket_over');
    expect(pushSubscriptionExpiry({ kind: 'booking', status: 'booked', slotEndsAt: 10 * HOUR, ticket: null }, HOUR)).toBe(34 * HOUR);
    expect(
      pushSubscriptionExpiry({ kind: 'booking', status: 'checked_in', slotEndsAt: 10 * HOUR, ticket: { status: 'called', issuedAt: 9 * HOUR } }, HOUR),
    ).toBe(33 * HOUR);
    expect(codeOf(() => pushSubscriptionExpiry({ kind: 'booking', status: 'cancelled', slotEndsAt: 10 * HOUR, ticket: null }, HOUR))).toBe('push_ticket_over');
    expect(
      codeOf(() =>
        pushSubscriptionExpiry({ kind: 'booking', status: 'checked_in', slotEndsAt: 10 * HOUR, ticket: { status: 'done', issuedAt: 9 * HOUR } }, HOUR),
      ),
    ).toBe('push_ticket_over');
  });
});

describe('web push delivery', () => {
  it('tries a failed push again after 10 s, 1 min and 5 min, never past its time to live', () => {
    expect(pushRetryAt(1, 0, 0)).toBe(10_000);
    expect(pushRetryAt(2, 0, 10_000)).toBe(70_000);
    expect(pushRetryAt(3, 0, 70_000)).toBe(370_000);
    expect(pushRetryAt(4, 0, 370_000)).toBeNull();
    expect(pushRetryAt(3, 0, 14 * 60_000)).toBeNull();
  });

  it('tells a phone of near, called and recalled tickets only', () => {
    const data = { ticket: { number: 'A-012' }, counter: { name: 'Loket 5' }, ahead: 3 };
    expect(pushNoticeOf('ticket.near', data)).toEqual({ kind: 'near', number: 'A-012', ahead: 3 });
    expect(pushNoticeOf('ticket.recalled', data)).toEqual({ kind: 'called', number: 'A-012', counterName: 'Loket 5', recall: true });
    expect(pushNoticeOf('ticket.called', { ...data, counter: null })).toBeNull();
    expect(pushNoticeOf('ticket.issued', data)).toBeNull();
  });
});
