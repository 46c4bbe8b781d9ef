import { ref } from 'vue';
import { stubFetch } from '../../stores/fetch-stub';
import { STANDARDS_FRESH_MS, useKioskStandards } from './use-kiosk-standards';

const page = (procedure: string[]) => ({
  office: { slug: 'kantor', name: 'Kantor', address: '', city: '', timeZone: 'Asia/Jakarta' },
  services: [{ serviceId: 'svc-a', code: 'A', name: 'KTP-el', procedure }],
  maklumat: null,
});

describe('useKioskStandards', () => {
  it('asks once while what it has is fresh, and again once it is ten minutes old', async () => {
    const requests = stubFetch([
      { status: 200, body: page(['Ambil nomor']) },
      { status: 200, body: page(['Ambil nomor', 'Serahkan berkas']) },
    ]);
    const standards = useKioskStandards(ref('kantor'));

    await standards.refresh(1_000);
    await standards.refresh(1_000 + STANDARDS_FRESH_MS - 1);
    expect(requests.map((r) => r.url)).toEqual(['/api/v1/offices/kantor/standards']);
    expect(standards.of('svc-a')?.procedure).toEqual(['Ambil nomor']);

    await standards.refresh(1_000 + STANDARDS_FRESH_MS);
    expect(requests).toHaveLength(2);
    expect(standards.of('svc-a')?.procedure).toEqual(['Ambil nomor', 'Serahkan berkas']);
  });

  it('keeps what it has when a later ask fails, and says it failed only when it has nothing', async () => {
    stubFetch(['network-error', { status: 200, body: page(['Ambil nomor']) }, 'network-error']);
    const standards = useKioskStandards(ref('kantor'));

    await standards.refresh(0);
    expect(standards.failed.value).toBe(true);
    await standards.refresh(1);
    expect(standards.failed.value).toBe(false);
    await standards.refresh(1 + STANDARDS_FRESH_MS);
    expect(standards.failed.value).toBe(false);
    expect(standards.of('svc-a')?.procedure).toEqual(['Ambil nomor']);
  });
});
