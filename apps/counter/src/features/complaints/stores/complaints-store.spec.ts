import { jest } from '@jest/globals';
import { createPinia, setActivePinia } from 'pinia';
import type { ComplaintStaffView } from '@loket/domain';
import { complaintsApi } from '../complaints-api';
import { useComplaintsStore } from './complaints-store';

const complaint = (id: string, overrides: Partial<ComplaintStaffView> = {}): ComplaintStaffView => ({
  id,
  number: Number(id),
  serviceId: null,
  serviceName: null,
  ticketNumber: null,
  channel: 'web',
  category: 'waktu',
  description: 'Antrean lama',
  contactName: null,
  contact: null,
  status: 'diproses',
  filedAt: '2026-11-30T02:00:00.000Z',
  dueAt: '2026-12-04T09:00:00.000Z',
  overdue: false,
  rejectionReason: null,
  publicReply: null,
  repliedAt: null,
  closedAt: null,
  assignedTo: null,
  recordedBy: null,
  laporNumber: null,
  laporHandedAt: null,
  notes: [],
  ...overrides,
});

describe('the complaints store', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => jest.restoreAllMocks());

  it('asks for the list again after a change, so a complaint closed under "Belum selesai" leaves it and stays open beside it', async () => {
    const store = useComplaintsStore();
    store.officeSlug = 'kantor';
    store.filter = 'open';
    store.list = [complaint('1'), complaint('2')];
    store.selectedId = '1';
    const closed = complaint('1', { status: 'selesai', closedAt: '2026-12-01T03:00:00.000Z' });
    const list = jest.spyOn(complaintsApi, 'list').mockResolvedValue([complaint('2')]);

    expect(await store.change(async () => closed)).toBe(true);

    expect(list).toHaveBeenCalledWith('kantor', 'open');
    expect(store.list.map((c) => c.id)).toEqual(['2']);
    expect(store.selected?.status).toBe('selesai');
  });

  it('keeps the answered complaint in the list when the fresh list cannot be fetched', async () => {
    const store = useComplaintsStore();
    store.officeSlug = 'kantor';
    store.list = [complaint('1')];
    store.selectedId = '1';
    jest.spyOn(complaintsApi, 'list').mockRejectedValue(new Error('offline'));

    expect(await store.change(async () => complaint('1', { publicReply: 'Sudah kami tangani' }))).toBe(true);

    expect(store.list[0].publicReply).toBe('Sudah kami tangani');
    expect(store.problem).toBeNull();
  });
});
