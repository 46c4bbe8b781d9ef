import type { OfficeCalendar } from './calendar.js';
import {
  COMPLAINT_CODE_PATTERN,
  type ComplaintFact,
  ComplaintTransitionError,
  changeComplaintStatus,
  complaintAlerts,
  complaintDueAt,
  complaintFigures,
  complaintReport,
  isComplaintOverdue,
} from './complaints.js';
import { alertFigures } from './supervision-alerts.js';
import type { OpeningHours } from './views.js';

const TZ = 'Asia/Jakarta';
const HOURS: OpeningHours[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '15:00' }));
const at = (iso: string) => new Date(iso).getTime();
const calendar = (over: Partial<OfficeCalendar> = {}): OfficeCalendar => ({ timeZone: TZ, openingHours: HOURS, ownDays: [], closures: [], ...over });
const HOUR = 3_600_000;

describe('complaint statuses', () => {
  it('moves received → in progress → resolved once a public reply is written', () => {
    expect(changeComplaintStatus({ status: 'diterima', publicReply: null }, { to: 'diproses' })).toBe('diproses');
    expect(changeComplaintStatus({ status: 'diproses', publicReply: 'Sudah kami perbaiki.' }, { to: 'selesai' })).toBe('selesai');
  });

  it('refuses an illegal move naming the current status', () => {
    const refuse = () => changeComplaintStatus({ status: 'selesai', publicReply: 'x' }, { to: 'diproses' });
    expect(refuse).toThrow(ComplaintTransitionError);
    expect(refuse).toThrow('A complaint that is selesai cannot become diproses');
    try {
      refuse();
    } catch (error) {
      expect((error as ComplaintTransitionError).details).toEqual({ status: 'selesai', to: 'diproses' });
    }
    expect(() => changeComplaintStatus({ status: 'diterima', publicReply: 'x' }, { to: 'selesai' })).toThrow('is diterima');
    expect(() => changeComplaintStatus({ status: 'ditolak', publicReply: null }, { to: 'diterima' })).toThrow('is ditolak');
  });

  it('rejects only with a reason, and resolves only with a reply', () => {
    expect(() => changeComplaintStatus({ status: 'diterima', publicReply: null }, { to: 'ditolak', reason: '  ' })).toThrow(
      expect.objectContaining({ code: 'reason_required' }),
    );
    expect(changeComplaintStatus({ status: 'diterima', publicReply: null }, { to: 'ditolak', reason: 'Bukan wewenang kantor ini' })).toBe('ditolak');
    expect(() => changeComplaintStatus({ status: 'diproses', publicReply: ' ' }, { to: 'selesai' })).toThrow(
      expect.objectContaining({ code: 'reply_required' }),
    );
  });
});

describe('the response deadline', () => {
  it('is the close of the fifth working day after filing', () => {
    // Filed Monday 7 December 2026: Tue–Fri and Monday the 14th are the five days.
    expect(complaintDueAt(calendar(), at('2026-12-07T10:00:00+07:00'), 5)).toBe(at('2026-12-14T15:00:00+07:00'));
  });

  it('skips weekends, national holidays, cuti bersama and whole-day closures', () => {
    // Filed Tuesday 22 December: the 24th (cuti bersama) and 25th (Christmas) do not count, nor the 29th (closed all day).
    const closures = [{ from: at('2026-12-29T00:00:00+07:00'), to: at('2026-12-30T00:00:00+07:00'), reason: 'Pindah gedung' }];
    // An own holiday on a national one (2027-01-01) changes nothing: the day is closed either way.
    const ownDays = [{ day: '2027-01-01', kind: 'holiday' as const, name: 'Tahun Baru 2027 Masehi' }];
    // Working days: 23, 28, 30, 31 December, then (1 January a holiday, 2–3 a weekend) Monday 4 January.
    expect(complaintDueAt(calendar({ closures, ownDays }), at('2026-12-22T09:00:00+07:00'), 5)).toBe(at('2027-01-04T15:00:00+07:00'));
  });

  it('counts every day in an office without opening hours', () => {
    expect(complaintDueAt(calendar({ openingHours: [] }), at('2026-12-05T10:00:00+07:00'), 2)).toBe(at('2026-12-08T00:00:00+07:00'));
  });

  it('is overdue only while open past the deadline', () => {
    const dueAt = at('2026-12-14T15:00:00+07:00');
    expect(isComplaintOverdue({ status: 'diproses', dueAt }, dueAt)).toBe(false);
    expect(isComplaintOverdue({ status: 'diproses', dueAt }, dueAt + 1)).toBe(true);
    expect(isComplaintOverdue({ status: 'selesai', dueAt }, dueAt + 1)).toBe(false);
  });

  it('raises one supervisor alert per overdue complaint, counting the time past the deadline', () => {
    const dueAt = at('2026-12-14T15:00:00+07:00');
    const now = dueAt + 90 * 60_000;
    const alerts = complaintAlerts(
      [
        { id: 'c1', number: 7, serviceId: 's1', dueAt },
        { id: 'c2', number: 8, serviceId: null, dueAt: now + 1 },
      ],
      now,
    );
    expect(alerts).toEqual([
      {
        key: 'complaint_overdue:c1',
        kind: 'complaint_overdue',
        serviceId: 's1',
        counterId: null,
        ticketId: null,
        subject: '#7',
        since: dueAt,
        details: { overdueMinutes: 90 },
      },
    ]);
    const view = { kind: alerts[0].kind, since: new Date(dueAt).toISOString(), details: alerts[0].details, resolvedAt: null };
    expect(alertFigures(view, now + 30 * 60_000).overdueMinutes).toBe(120);
  });
});

describe('complaint figures', () => {
  const t0 = at('2026-12-07T10:00:00+07:00');
  const fact = (over: Partial<ComplaintFact>): ComplaintFact => ({
    serviceId: 's1',
    status: 'diterima',
    filedAt: t0,
    dueAt: t0 + 100 * HOUR,
    closedAt: null,
    ...over,
  });

  it('counts the share closed by the deadline among those decided, and the median time to close', () => {
    const facts = [
      fact({ status: 'selesai', closedAt: t0 + 10 * HOUR }),
      fact({ status: 'ditolak', closedAt: t0 + 20 * HOUR }),
      fact({ status: 'selesai', closedAt: t0 + 130 * HOUR }),
      // Overdue and open: counts against the share.
      fact({ status: 'diproses', dueAt: t0 + 50 * HOUR }),
      // Open, not yet due: counts neither way.
      fact({ status: 'diterima' }),
    ];
    expect(complaintFigures(facts, t0 + 60 * HOUR)).toEqual({
      count: 5,
      open: 2,
      resolved: 2,
      rejected: 1,
      overdue: 1,
      withinDeadlineShare: 2 / 4,
      medianHoursToClose: 20,
    });
  });

  it('has no share and no median without closed or overdue complaints', () => {
    expect(complaintFigures([fact({})], t0)).toMatchObject({ count: 1, withinDeadlineShare: null, medianHoursToClose: null });
  });

  it('reports per service, complaints with no service on a row of their own', () => {
    const report = complaintReport([fact({}), fact({ serviceId: null }), fact({ serviceId: 's2' }), fact({})], t0);
    expect(report.rows.map((row) => [row.serviceId, row.count])).toEqual([
      ['s1', 2],
      [null, 1],
      ['s2', 1],
    ]);
    expect(report.total.count).toBe(4);
  });
});

describe('the complaint tracking code', () => {
  it('takes PGD- and four groups of five, refusing look-alike letters', () => {
    expect(COMPLAINT_CODE_PATTERN.test('PGD-7KQ2M-XH9PD-3RWNA-EZ4TB')).toBe(true);
    expect(COMPLAINT_CODE_PATTERN.test('7KQ2M-XH9PD-3RWNA-EZ4TB')).toBe(false);
    expect(COMPLAINT_CODE_PATTERN.test('PGD-OKQ2M-XH9PD-3RWNA-EZ4TB')).toBe(false);
    expect(COMPLAINT_CODE_PATTERN.test('pgd-7kq2m-xh9pd-3rwna-ez4tb')).toBe(false);
  });
});
