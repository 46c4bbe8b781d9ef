import { jest } from '@jest/globals';
import { effectScope, ref } from 'vue';
import { createPinia, setActivePinia } from 'pinia';
import type { OfficeOpenState } from '@loket/domain';
import { stubFetch } from '../stores/fetch-stub';
import { useOfficeStore } from '../stores/office-store';
import { snapshot } from '../stores/test-fixtures';
import { useOfficeOpen } from './use-office-open';

const open: OfficeOpenState = {
  open: true,
  closesAt: '2026-12-07T07:59:30.000Z',
  opensAt: null,
  reason: null,
  reasonText: null,
  holidayToday: null,
  closureToday: null,
};
const closed: OfficeOpenState = {
  open: false,
  closesAt: null,
  opensAt: '2026-12-08T01:00:00.000Z',
  reason: 'outside_hours',
  reasonText: null,
  holidayToday: null,
  closureToday: null,
};

describe('the public screens keep "open or closed" current', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    jest.useFakeTimers();
  });
  afterEach(() => jest.useRealTimers());

  it('reads the calendar again just after closing time, on the server clock, not the screen clock', async () => {
    // The screen's clock runs two minutes behind the server's.
    jest.setSystemTime(new Date('2026-12-07T07:57:00.000Z'));
    const store = useOfficeStore();
    store.hydrate(snapshot({ at: '2026-12-07T07:59:00.000Z', calendar: open }));
    const requests = stubFetch([{ status: 200, body: snapshot({ at: '2026-12-07T07:59:31.000Z', calendar: closed }) }]);
    const scope = effectScope();
    scope.run(() => useOfficeOpen(ref('kantor')));

    // Closing is 30 s away on the server's clock (two and a half minutes on the screen's).
    await jest.advanceTimersByTimeAsync(29_000);
    expect(requests).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(3_000);
    expect(requests.map((request) => request.url)).toEqual(['/api/v1/offices/kantor/board']);
    expect(store.calendar).toEqual(closed);
    scope.stop();
  });
});
