import type { OfficeView, StaffView } from '@loket/domain';
import { ApiError } from '../../../shared/api/http';
import { periodParams } from '../reports-api';
import { fillResolvedPeriod, reportProblem, reportableOffices, shownPeriod } from './reports-store';

const office = (id: string): OfficeView => ({
  id,
  slug: `kantor-${id}`,
  name: `Kantor ${id}`,
  timeZone: 'Asia/Jakarta',
  openingHours: [],
  priorityMaxWaitMinutes: 10,
  noShowAfterMinutes: 2,
  offlineAfterMinutes: 5,
  shiftEndGraceMinutes: 30,
  address: '',
  city: '',
});
const staff = (role: StaffView['role'], officeIds: string[]): StaffView => ({ id: 's', username: 'u', name: 'N', nip: null, role, officeIds }) as StaffView;

describe('the reports store', () => {
  it('offers a supervisor only the offices they are assigned to, and an admin every office', () => {
    const offices = [office('1'), office('2'), office('3')];
    expect(reportableOffices(offices, staff('supervisor', ['2'])).map((o) => o.id)).toEqual(['2']);
    expect(reportableOffices(offices, staff('admin', [])).map((o) => o.id)).toEqual(['1', '2', '3']);
  });

  it('asks for a preset around a day, or for a custom from–to, never both', () => {
    expect(periodParams({ preset: 'week', date: '2026-12-03', from: '2026-11-01', to: '2026-11-02' }).toString()).toBe('preset=week&date=2026-12-03');
    expect(periodParams({ preset: 'day', date: '', from: '', to: '' }).toString()).toBe('preset=day');
    expect(periodParams({ preset: 'custom', date: '2026-12-03', from: '2026-11-01', to: '2026-11-30' }).toString()).toBe('from=2026-11-01&to=2026-11-30');
  });

  it('names why a report is missing: the server’s word on a bad period, or being offline', () => {
    expect(reportProblem(new ApiError(400, { statusCode: 400, error: 'Bad Request', message: 'from (2026-12-01) must not be after to (2026-11-30)' }))).toEqual(
      {
        key: 'invalidPeriod',
        message: 'from (2026-12-01) must not be after to (2026-11-30)',
      },
    );
    expect(reportProblem(new ApiError(0, null)).key).toBe('offline');
    expect(reportProblem(new ApiError(403, null)).key).toBe('forbidden');
  });

  it('shows the days the server resolved in the form, and downloads the period on screen, not the form half edited', () => {
    const today = { preset: 'month' as const, date: '', from: '', to: '' };
    fillResolvedPeriod(today, { from: '2026-11-01', to: '2026-11-30' });
    expect(today).toEqual({ preset: 'month', date: '2026-11-30', from: '2026-11-01', to: '2026-11-30' });
    const chosen = { preset: 'week' as const, date: '2026-12-03', from: '2026-10-01', to: '2026-10-02' };
    fillResolvedPeriod(chosen, { from: '2026-11-30', to: '2026-12-06' });
    expect(chosen).toEqual({ preset: 'week', date: '2026-12-03', from: '2026-10-01', to: '2026-10-02' });
    expect(shownPeriod({ from: '2026-11-30', to: '2026-12-06' })).toEqual({ preset: 'custom', date: '', from: '2026-11-30', to: '2026-12-06' });
  });
});
