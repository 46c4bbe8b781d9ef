import fc from 'fast-check';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  DEFAULT_RETRY_POLICY,
  bookingReminderAt,
  dueBookingReminder,
  notificationSettingsProblems,
  NOTIFICATION_TYPES,
  isNotificationType,
  isPrivateAddress,
  nearTickets,
  nextAttemptAt,
  notificationForTicketEvent,
  retryDelayMs,
  webhookBody,
  webhookChangeAction,
  webhookEndpointAudit,
  webhookId,
  webhookSignatureHeader,
  webhookSigningInput,
  webhookUrlProblem,
} from './notifications.js';

describe('the event catalogue', () => {
  it('names every event of the issue, and not the test event', () => {
    expect([...NOTIFICATION_TYPES].sort()).toEqual(
      [
        'alert.raised',
        'booking.cancelled',
        'booking.created',
        'booking.reminder',
        'booking.rescheduled',
        'complaint.updated',
        'office.closed_unexpectedly',
        'ticket.called',
        'ticket.done',
        'ticket.issued',
        'ticket.near',
        'ticket.no_show',
        'ticket.recalled',
      ].sort(),
    );
    expect(isNotificationType('ticket.called')).toBe(true);
    expect(isNotificationType('webhook.test')).toBe(false);
    expect(isNotificationType('ticket.teleported')).toBe(false);
  });

  it('raises a notification only for the ticket events a citizen hears about', () => {
    expect(notificationForTicketEvent('called')).toBe('ticket.called');
    expect(notificationForTicketEvent('finished')).toBe('ticket.done');
    expect(notificationForTicketEvent('no_show')).toBe('ticket.no_show');
    expect(notificationForTicketEvent('started')).toBeNull();
    expect(notificationForTicketEvent('transferred')).toBeNull();
  });

  it('puts the type, its version and the time of the event in the body', () => {
    const body = webhookBody('webhook.test', new Date('2026-11-30T01:00:00Z'), {
      office: { id: 'o', slug: 's', name: 'n', timeZone: 'Asia/Jakarta' },
      endpointId: 'e',
      message: 'hi',
    });
    expect(body).toMatchObject({ type: 'webhook.test', version: 1, timestamp: '2026-11-30T01:00:00.000Z' });
  });
});

describe('nearTickets', () => {
  const ticket = (id: string, ahead: number, estimatedWaitMinutes: number | null, notified = false) => ({ id, ahead, estimatedWaitMinutes, notified });

  it('tells a ticket with three or fewer ahead, or under ten minutes to wait, by default', () => {
    const near = nearTickets([ticket('a', 3, 40), ticket('b', 4, 12), ticket('c', 9, 9), ticket('d', 4, null), ticket('e', 0, null)]);
    expect(near.map((t) => t.id)).toEqual(['a', 'c', 'e']);
  });

  it('tells each ticket once', () => {
    expect(nearTickets([ticket('a', 1, 2, true)])).toEqual([]);
  });

  it('follows the office settings', () => {
    const near = nearTickets([ticket('a', 3, 40), ticket('b', 1, 40), ticket('c', 9, 4)], { aheadAtMost: 1, withinMinutes: 5 });
    expect(near.map((t) => t.id)).toEqual(['b', 'c']);
  });
});

describe('Standard Webhooks signing', () => {
  it('signs id.timestamp.body, the body as sent', () => {
    expect(webhookSigningInput('msg_1', 1700000000, '{"a":1}')).toBe('msg_1.1700000000.{"a":1}');
  });

  it('sends one v1 signature per secret in force, space-separated', () => {
    expect(webhookSignatureHeader(['AAA='])).toBe('v1,AAA=');
    expect(webhookSignatureHeader(['new=', 'old='])).toBe('v1,new= v1,old=');
  });

  it('keeps one webhook-id per event', () => {
    expect(webhookId('0b0e')).toBe('msg_0b0e');
  });
});

describe('the retry schedule', () => {
  it('starts near 10 s, doubles, and stops growing at 1 h', () => {
    expect(retryDelayMs(1, 0)).toBe(5_000);
    expect(retryDelayMs(1, 0.999999)).toBeCloseTo(10_000, -1);
    expect(retryDelayMs(2, 1)).toBe(20_000);
    expect(retryDelayMs(3, 1)).toBe(40_000);
    expect(retryDelayMs(20, 1)).toBe(3_600_000);
    expect(retryDelayMs(500, 0)).toBe(1_800_000);
  });

  it('never waits less than half or more than all of the doubled delay', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempts, random) => {
        const full = Math.min(3_600_000, 10_000 * 2 ** (attempts - 1));
        const delay = retryDelayMs(attempts, random);
        return delay >= full / 2 && delay <= full;
      }),
    );
  });

  it('gives up once the next attempt would fall past 24 h from the first', () => {
    const first = 0;
    expect(nextAttemptAt(first, 60_000, 1, 0.5)).toBe(60_000 + 7_500);
    expect(nextAttemptAt(first, DEFAULT_RETRY_POLICY.giveUpAfterMs - 10 * 60_000, 30, 0.5)).toBeNull();
  });

  it('tries about 40 times over a day against an endpoint that is always down', () => {
    let now = 0;
    let attempts = 0;
    for (;;) {
      attempts += 1;
      const next = nextAttemptAt(0, now, attempts, 0.5);
      if (next === null) break;
      now = next;
    }
    expect(attempts).toBeGreaterThan(30);
    expect(attempts).toBeLessThan(50);
    expect(now).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.giveUpAfterMs);
  });
});

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    '[::1]',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '172.15.0.1', '172.32.0.1', '192.169.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '2404:6800:4003:c00::64'])(
    'allows the public address %s',
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );
});

describe('webhookUrlProblem', () => {
  const parse = (url: string) => {
    try {
      return new URL(url);
    } catch {
      return null;
    }
  };

  it('takes only http(s) URLs without credentials', () => {
    expect(webhookUrlProblem(parse('ftp://gateway.example/hook'), false)).toBe('not_http');
    expect(webhookUrlProblem(parse('javascript:alert(1)'), false)).toBe('not_http');
    expect(webhookUrlProblem(parse('not a url'), false)).toBe('not_http');
    expect(webhookUrlProblem(parse('https://user:pass@gateway.example/hook'), false)).toBe('not_http');
    expect(webhookUrlProblem(parse('https://gateway.example/hook'), false)).toBeNull();
  });

  it('refuses private targets written as addresses or local names unless allowed', () => {
    for (const url of [
      'http://127.0.0.1:8080/',
      'http://localhost/',
      'http://[::1]/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://169.254.169.254/latest',
      'http://printer.local/',
    ]) {
      expect(webhookUrlProblem(parse(url), false)).toBe('private_target');
      expect(webhookUrlProblem(parse(url), true)).toBeNull();
    }
  });
});

describe('booking reminders', () => {
  const zone = 'Asia/Jakarta';
  // A slot at 10:00 WIB on 2 December; booked a week before.
  const booking = { day: '2026-12-02', startsAt: Date.parse('2026-12-02T03:00:00Z'), createdAt: Date.parse('2026-11-25T03:00:00Z') };
  const at = (iso: string) => Date.parse(iso);

  it('is due the day before from the office’s hour, then an hour before the slot, and not after it starts', () => {
    expect(bookingReminderAt('day_before', booking, 16, zone)).toBe(at('2026-12-01T09:00:00Z'));
    expect(bookingReminderAt('hour_before', booking, 16, zone)).toBe(at('2026-12-02T02:00:00Z'));
    expect(dueBookingReminder(booking, 16, zone, at('2026-12-01T08:59:59Z'))).toBeNull();
    expect(dueBookingReminder(booking, 16, zone, at('2026-12-01T09:00:00Z'))).toBe('day_before');
    expect(dueBookingReminder(booking, 16, zone, at('2026-12-02T01:59:59Z'))).toBe('day_before');
    expect(dueBookingReminder(booking, 16, zone, at('2026-12-02T02:00:00Z'))).toBe('hour_before');
    expect(dueBookingReminder(booking, 16, zone, at('2026-12-02T02:59:59Z'))).toBe('hour_before');
    expect(dueBookingReminder(booking, 16, zone, at('2026-12-02T03:00:00Z'))).toBeNull();
  });

  it('reads the hour in the office’s own zone', () => {
    expect(bookingReminderAt('day_before', booking, 16, 'Asia/Jayapura')).toBe(at('2026-12-01T07:00:00Z'));
    expect(bookingReminderAt('day_before', booking, 0, zone)).toBe(at('2026-11-30T17:00:00Z'));
  });

  it('sends neither reminder to whoever booked after its moment', () => {
    const lastMinute = { ...booking, createdAt: at('2026-12-02T02:30:00Z') };
    expect(dueBookingReminder(lastMinute, 16, zone, at('2026-12-02T02:31:00Z'))).toBeNull();
    const thatMorning = { ...booking, createdAt: at('2026-12-02T00:30:00Z') };
    expect(dueBookingReminder(thatMorning, 16, zone, at('2026-12-02T01:00:00Z'))).toBeNull();
    expect(dueBookingReminder(thatMorning, 16, zone, at('2026-12-02T02:00:00Z'))).toBe('hour_before');
  });

  it('is never due outside [day-before moment, slot start), whatever the hour and the instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: -3 * 86_400_000, max: 86_400_000 }), (hour, offset) => {
        const now = booking.startsAt + offset;
        const due = dueBookingReminder(booking, hour, zone, now);
        const earliest = Math.min(bookingReminderAt('day_before', booking, hour, zone), bookingReminderAt('hour_before', booking, hour, zone));
        if (now < earliest || now >= booking.startsAt) expect(due).toBeNull();
        else expect(due).not.toBeNull();
      }),
    );
  });
});

describe('notification settings', () => {
  it('takes whole numbers within the limits, and names each field out of them', () => {
    expect(notificationSettingsProblems(DEFAULT_NOTIFICATION_SETTINGS)).toEqual([]);
    expect(DEFAULT_NOTIFICATION_SETTINGS).toEqual({ nearAhead: 3, nearMinutes: 10, reminderHour: 16 });
    expect(notificationSettingsProblems({ nearAhead: 51, nearMinutes: 2.5, reminderHour: 24 }).map((p) => p.field)).toEqual([
      'nearAhead',
      'nearMinutes',
      'reminderHour',
    ]);
    expect(notificationSettingsProblems({ nearAhead: 0, nearMinutes: 0, reminderHour: 0 })).toEqual([]);
  });
});

describe('webhook endpoints in the audit trail', () => {
  const endpoint = { url: 'https://gateway.example/hook', events: ['ticket.called' as const], enabled: true, description: 'WA' };

  it('keeps the URL without its query (shown as ?…) or fragment', () => {
    expect(webhookEndpointAudit(endpoint).url).toBe('https://gateway.example/hook');
    expect(webhookEndpointAudit({ ...endpoint, url: 'https://gateway.example/hook?token=abc&x=1' }).url).toBe('https://gateway.example/hook?…');
    expect(webhookEndpointAudit({ ...endpoint, url: 'https://gateway.example/hook#abc' }).url).toBe('https://gateway.example/hook');
    expect(webhookEndpointAudit({ ...endpoint, url: 'https://gateway.example/hook#a?b' }).url).toBe('https://gateway.example/hook');
  });

  it('names switching on or off alone as such, any other change as an update', () => {
    const before = webhookEndpointAudit(endpoint);
    expect(webhookChangeAction(before, { ...before, enabled: false })).toBe('webhook.disabled');
    expect(webhookChangeAction({ ...before, enabled: false }, before)).toBe('webhook.enabled');
    expect(webhookChangeAction(before, { ...before, enabled: false, description: 'SMS' })).toBe('webhook.updated');
    expect(webhookChangeAction(before, { ...before, events: ['ticket.called', 'ticket.near'] })).toBe('webhook.updated');
    expect(webhookChangeAction(before, before)).toBe('webhook.updated');
  });
});
