import type { APIRequestContext } from '@playwright/test';
import { type SuiteOffice, expect, openPaired, screenshot, staffToken, test } from './fixtures.js';
import { seriousViolations } from './axe.js';

// A Mal Pelayanan Publik's kiosk (issue 20): three agencies, 45 services. The agencies come first
// as large tiles, then the chosen agency's services; a search box and the day's six most used
// services stand on the first screen. The suite's office gets two more agencies and 40 more
// services through the admin API; its own five services go to the first agency, renamed Dukcapil.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const EXTRA: Record<'Dukcapil' | 'Imigrasi' | 'Samsat', { color: string; name: string; services: [string, string][] }> = {
  Dukcapil: {
    color: '#1d4ed8',
    name: 'Dinas Kependudukan dan Pencatatan Sipil',
    services: [
      ['DA', 'Akta Perkawinan'],
      ['DB', 'Akta Perceraian'],
      ['DC', 'Kartu Identitas Anak'],
      ['DD', 'Perubahan Biodata'],
      ['DE', 'Legalisasi Dokumen Kependudukan'],
      ['DF', 'Akta Pengakuan Anak'],
      ['DG', 'Surat Keterangan Pindah Luar Negeri'],
      ['DH', 'Pencatatan Pengangkatan Anak'],
      ['DI', 'KTP-el Hilang atau Rusak'],
      ['DJ', 'Aktivasi Identitas Kependudukan Digital'],
    ],
  },
  Imigrasi: {
    color: '#facc15',
    name: 'Kantor Imigrasi',
    services: [
      ['IA', 'Paspor Baru'],
      ['IB', 'Penggantian Paspor Habis Berlaku'],
      ['IC', 'Paspor Hilang'],
      ['ID', 'Paspor Rusak'],
      ['IE', 'Paspor Anak'],
      ['IF', 'Izin Tinggal Terbatas'],
      ['IG', 'Izin Tinggal Tetap'],
      ['IH', 'Perpanjangan Izin Tinggal'],
      ['II', 'Surat Perjalanan Laksana Paspor'],
      ['IJ', 'Pengambilan Paspor'],
      ['IK', 'Konsultasi Keimigrasian'],
      ['IL', 'Affidavit Anak Berkewarganegaraan Ganda'],
      ['IM', 'Visa Kunjungan'],
      ['IN', 'Alih Status Izin Tinggal'],
      ['IO', 'Pengaduan Keimigrasian'],
    ],
  },
  Samsat: {
    color: '#15803d',
    name: 'Sistem Administrasi Manunggal Satu Atap',
    services: [
      ['SA', 'Pajak Kendaraan Tahunan'],
      ['SB', 'Perpanjangan STNK Lima Tahunan'],
      ['SC', 'Balik Nama Kendaraan'],
      ['SD', 'Mutasi Kendaraan Masuk'],
      ['SE', 'Mutasi Kendaraan Keluar'],
      ['SF', 'Kendaraan Baru'],
      ['SG', 'Blokir Kendaraan'],
      ['SH', 'Ubah Bentuk Kendaraan'],
      ['SI', 'Ganti Warna Kendaraan'],
      ['SJ', 'Duplikat BPKB'],
      ['SK', 'Penerbitan TNKB'],
      ['SL', 'Cek Fisik Kendaraan'],
      ['SM', 'Pembayaran Denda Pajak'],
      ['SN', 'Informasi Pajak Kendaraan'],
      ['SO', 'Pengaduan Samsat'],
    ],
  },
};
/** Tickets issued before the kiosk opens, by service code. */
const ISSUED: [string, number][] = [
  ['SA', 5],
  ['IA', 4],
  ['A', 3],
  ['SC', 2],
  ['IJ', 2],
  ['DC', 1],
  ['B', 1],
];

async function send<T>(request: APIRequestContext, token: string, method: 'POST' | 'PATCH' | 'GET', path: string, data?: unknown): Promise<T> {
  const reply = await request.fetch(`/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}` }, data });
  if (!reply.ok()) throw new Error(`${method} ${path}: ${reply.status()} ${await reply.text()}`);
  return (await reply.json()) as T;
}

/** Makes the suite's office a three-agency building of 45 services, each served by a counter, and issues the morning's tickets. */
async function makeBuilding(request: APIRequestContext, office: SuiteOffice): Promise<Record<string, string>> {
  const token = await staffToken(request, 'admin');
  const [first] = await send<{ id: string }[]>(request, token, 'GET', `/admin/offices/${office.id}/agencies`);
  await send(request, token, 'PATCH', `/admin/agencies/${first.id}`, { name: EXTRA.Dukcapil.name, shortName: 'Dukcapil', color: EXTRA.Dukcapil.color });
  const ids: Record<string, string> = Object.fromEntries(Object.values(office.services).map((service) => [service.code, service.id]));
  let counterNumber = 10;
  for (const [shortName, agency] of Object.entries(EXTRA)) {
    const agencyId =
      shortName === 'Dukcapil'
        ? first.id
        : (await send<{ id: string }>(request, token, 'POST', `/admin/offices/${office.id}/agencies`, { name: agency.name, shortName, color: agency.color }))
            .id;
    const created: string[] = [];
    for (const [code, name] of agency.services) {
      const service = await send<{ id: string }>(request, token, 'POST', `/admin/offices/${office.id}/services`, {
        agencyId,
        code,
        name,
        maxWaitMinutes: 30,
        serviceTimeMinutes: 10,
        costRupiah: 0,
        requirements: ['KTP-el'],
        completionTime: '1 hari kerja',
        dailyQuota: null,
        active: true,
      });
      ids[code] = service.id;
      created.push(service.id);
    }
    counterNumber += 1;
    await send(request, token, 'POST', `/admin/offices/${office.id}/counters`, {
      agencyId,
      number: counterNumber,
      name: `Loket ${shortName} 1`,
      serviceIds: created,
      schedule: [],
      priorityOnly: false,
      active: true,
    });
  }
  for (const [code, count] of ISSUED) {
    for (let n = 0; n < count; n += 1) {
      const reply = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: ids[code] } });
      expect(reply.status(), `issue ${code}`).toBe(201);
    }
  }
  return ids;
}

test.describe('a kiosk with three agencies and 45 services', () => {
  test.beforeAll(async ({ request, office }) => {
    await makeBuilding(request, office);
  });

  test('shows the agencies first with who waits, and the day’s six most used services', async ({ page, office }, testInfo) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openPaired(page, office);
    await expect(page.getByRole('heading', { level: 2, name: 'Sentuh instansi yang Anda tuju' })).toBeVisible();
    const tiles = page.getByTestId('kiosk-agencies').locator('button[data-agency]');
    await expect(tiles).toHaveCount(3);
    // Dukcapil waits for A ×3, DC, B; Imigrasi for IA ×4, IJ ×2; Samsat for SA ×5, SC ×2.
    await expect(page.locator('button[data-agency="Dukcapil"]')).toContainText('5 orang menunggu');
    await expect(page.locator('button[data-agency="Imigrasi"]')).toContainText('6 orang menunggu');
    await expect(page.locator('button[data-agency="Samsat"]')).toContainText('7 orang menunggu');
    // The day's most used: most tickets first, ties in the office's order (Dukcapil's A before Samsat's SC).
    await expect(page.getByTestId('kiosk-top-services').locator('button[data-top]')).toHaveCount(6);
    const top = await page
      .getByTestId('kiosk-top-services')
      .locator('button[data-top]')
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-top')));
    expect(top).toEqual(['SA', 'IA', 'A', 'IJ', 'SC', 'B']);
    // Large targets for a finger: every agency tile and top button at least 64 px high.
    for (const box of [...(await tiles.all()), ...(await page.locator('button[data-top]').all())].map((tile) => tile.boundingBox())) {
      expect((await box)!.height).toBeGreaterThanOrEqual(64);
    }
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, testInfo, 'kiosk-agencies');
  });

  test('finds a service by search from the on-screen keys, across agencies', async ({ page, office }, testInfo) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openPaired(page, office);
    await page.getByTestId('kiosk-search').click();
    for (const letter of 'PASPOR') await page.locator(`button[data-key="${letter}"]`).click();
    await expect(page.getByTestId('kiosk-search')).toHaveValue('paspor');
    await expect(page.getByRole('heading', { level: 2, name: /Hasil pencarian: 7 layanan/ })).toBeVisible();
    const found = page.getByTestId('kiosk-search-results').locator('button[data-service]');
    // Names that begin with the word first (Paspor Baru, Hilang, Rusak, Anak), then the rest in the office's order.
    await expect(found).toHaveCount(7);
    expect(await found.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-service')))).toEqual(['IA', 'IC', 'ID', 'IE', 'IB', 'II', 'IJ']);
    await expect(found.first()).toContainText('Imigrasi');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, testInfo, 'kiosk-search');

    // A word no service has says so; typing on a physical keyboard works as well.
    await page.getByTestId('kiosk-search').fill('pajak motor');
    await expect(page.getByTestId('kiosk-search-none')).toContainText('pajak motor');
    await page.getByTestId('kiosk-search').fill('stnk');
    await expect(found).toHaveCount(1);
    await found.first().click();
    await expect(page.locator('button[data-priority="none"]')).toBeVisible();
    await page.locator('button[data-priority="none"]').click();
    await expect(page.getByTestId('ticket-number')).toHaveText(/^SB-\d{3}$/);
  });

  test('an agency tile opens that agency’s services, and the way back leads to all agencies', async ({ page, office }) => {
    await openPaired(page, office);
    await page.locator('button[data-agency="Samsat"]').click();
    await expect(page.getByRole('heading', { level: 2, name: 'Samsat: sentuh layanan yang Anda perlukan' })).toBeFocused();
    await expect(page.locator('button[data-service]')).toHaveCount(15);
    await expect(page.getByTestId('kiosk-top-services')).toHaveCount(0);
    // A service chosen, then "Kembali": back to Samsat's list, not to the start.
    await page.locator('button[data-service="SC"]').click();
    await page.getByRole('button', { name: 'Kembali' }).click();
    await expect(page.getByRole('heading', { level: 2, name: /^Samsat/ })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('kiosk-all-agencies').click();
    await expect(page.getByTestId('kiosk-agencies').locator('button[data-agency]')).toHaveCount(3);
    // A top service takes its ticket straight away.
    await page.locator('button[data-top="IA"]').click();
    await page.locator('button[data-priority="none"]').click();
    await expect(page.getByTestId('ticket-number')).toHaveText(/^IA-\d{3}$/);
  });
});
