import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { Locator, Page } from '@playwright/test';
import { expect, logInAt, screenshot, test } from './fixtures.js';
import { seriousViolations } from './axe.js';

// An admin sets up the office's notifications in the staff app (issue 18): when a citizen is
// told their turn is near, the reminder hour, and webhook endpoints to a gateway. A real
// local receiver stands in for the gateway (the e2e server allows private targets, as an
// office allows its own gateway): /ok answers 204, /broken answers 500.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

interface Hit {
  path: string;
  id: string;
  type: string;
}

let receiver: Server;
let receiverUrl = '';
const hits: Hit[] = [];

test.beforeAll(async () => {
  receiver = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string };
      hits.push({ path: request.url ?? '', id: String(request.headers['webhook-id']), type: body.type });
      if (request.url === '/broken') response.writeHead(500).end('gateway broke');
      else response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

/** Chromium logs each refusal the test makes on purpose: take the one 400 of `path` off the list, which must then be empty of it. */
function takeRefusal(consoleErrors: string[], path: string): void {
  const index = consoleErrors.findIndex((line) => line.includes('status of 400') && line.includes(path));
  expect(index, `the refused ${path} was logged`).toBeGreaterThanOrEqual(0);
  consoleErrors.splice(index, 1);
}

/** Reloads the deliveries until the row of `type` shows `status`: the dispatcher sends within a second or so. */
async function waitForDelivery(deliveries: Locator, type: string, status: string): Promise<Locator> {
  const row = deliveries.locator(`tr[data-delivery="${type}"]`).first();
  await expect(async () => {
    await deliveries.getByRole('button', { name: 'Muat ulang' }).click();
    await expect(row).toHaveAttribute('data-status', status, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  return row;
}

test('an admin sets when citizens are told, adds a gateway with its secret shown once, tests it, rotates, disables and removes it', async ({
  page,
  office,
  consoleErrors,
}, testInfo) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await logInAt(page, '/counter/admin', 'admin');
  await page.getByTestId('admin-office').selectOption(office.id);
  await page.getByRole('tab', { name: 'Notifikasi' }).click();
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('heading', { name: 'Notifikasi' })).toBeVisible();

  // The near rule and the reminder hour: the defaults, a refusal beside its field, then a save.
  const settings = panel.getByTestId('notification-settings');
  await expect(settings.getByLabel('Giliran dekat: paling banyak sekian antrean di depannya')).toHaveValue('3');
  await expect(settings.getByLabel('… atau perkiraan tunggu kurang dari (menit)')).toHaveValue('10');
  const hour = settings.getByLabel('Jam pengingat booking sehari sebelumnya');
  await expect(hour).toHaveValue('16');
  await expect(panel.getByText('Belum ada endpoint.', { exact: false })).toBeVisible();
  await expectAccessible(page);
  await hour.fill('24');
  await settings.getByRole('button', { name: 'Simpan pengaturan' }).click();
  await expect(settings.getByText('Isi jam 0–23.')).toBeVisible();
  await expect(hour).toHaveAttribute('aria-invalid', 'true');
  takeRefusal(consoleErrors, '/notification-settings');
  await hour.fill('18');
  await settings.getByLabel('Giliran dekat: paling banyak sekian antrean di depannya').fill('5');
  await settings.getByRole('button', { name: 'Simpan pengaturan' }).click();
  await expect(settings.getByRole('status')).toHaveText('Pengaturan notifikasi disimpan.');

  // A new endpoint: an address that is not http(s) is refused beside the field.
  await panel.getByRole('button', { name: 'Tambah endpoint' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tambah endpoint webhook' });
  const url = dialog.getByLabel('Alamat (URL)');
  await url.fill('ftp://gateway.example/hook');
  await dialog.getByRole('button', { name: 'Simpan' }).click();
  await expect(dialog.getByText('Alamat webhook harus berupa URL http:// atau https://', { exact: false }).first()).toBeVisible();
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  takeRefusal(consoleErrors, '/webhooks');
  await expectAccessible(page);
  await url.fill(`${receiverUrl}/ok`);
  await dialog.getByLabel('Keterangan').fill('Gateway WhatsApp uji');
  // The catalogue, chosen by name: near and called are ticked for a new endpoint; add the reminder.
  await expect(dialog.getByRole('checkbox', { name: /Giliran sudah dekat/ })).toBeChecked();
  await dialog.getByRole('checkbox', { name: /Pengingat booking/ }).check();
  await expect(dialog.getByRole('checkbox', { name: /Peringatan supervisor.*khusus petugas/ })).not.toBeChecked();
  await dialog.getByRole('button', { name: 'Simpan' }).click();
  await expect(dialog).toBeHidden();

  // Its secret, this once, with a copy button.
  const secretBox = panel.getByTestId('webhook-secret');
  const secret = (await secretBox.locator('.code code').textContent())!.trim();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
  await secretBox.getByRole('button', { name: 'Salin rahasia' }).click();
  await expect(secretBox.getByRole('status')).toHaveText('Rahasia disalin.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  const row = panel.locator(`tr[data-endpoint="${receiverUrl}/ok"]`);
  await expect(row).toContainText('3 peristiwa');
  await expect(row.locator('.badge')).toHaveText('Aktif');
  await expectAccessible(page);
  await screenshot(page, testInfo, 'admin-webhooks-secret-1920');
  await secretBox.getByRole('button', { name: 'Selesai, sembunyikan rahasia' }).click();
  await expect(page.getByText(secret)).toHaveCount(0);

  // "Kirim uji": queued, sent by the dispatcher, and shown delivered with the receiver's 204.
  await row.getByRole('button', { name: `Kirim uji ${receiverUrl}/ok` }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Peristiwa uji' })).toBeVisible();
  const deliveries = panel.getByTestId('webhook-deliveries');
  const delivered = await waitForDelivery(deliveries, 'webhook.test', 'delivered');
  await expect(delivered).toContainText('Terkirim');
  await expect(delivered.locator('td.num').nth(1)).toHaveText('204');
  expect(hits.filter((hit) => hit.path === '/ok').map((hit) => hit.type)).toEqual(['webhook.test']);

  // A gateway answering 500: the delivery waits for its retry, with the code and when.
  await panel.getByRole('button', { name: 'Tambah endpoint' }).click();
  await dialog.getByLabel('Alamat (URL)').fill(`${receiverUrl}/broken`);
  await dialog.getByRole('button', { name: 'Simpan' }).click();
  await expect(dialog).toBeHidden();
  await panel.getByTestId('webhook-secret').getByRole('button', { name: 'Selesai, sembunyikan rahasia' }).click();
  const broken = panel.locator(`tr[data-endpoint="${receiverUrl}/broken"]`);
  await broken.getByRole('button', { name: `Kirim uji ${receiverUrl}/broken` }).click();
  await expect(deliveries.getByRole('heading')).toContainText(`${receiverUrl}/broken`);
  const waiting = deliveries.locator('tr[data-delivery="webhook.test"]').first();
  await expect(async () => {
    await deliveries.getByRole('button', { name: 'Muat ulang' }).click();
    await expect(waiting.locator('td.num').nth(1)).toHaveText('500', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(waiting).toContainText('Menunggu');
  // The endpoint's line counts it, read again with the deliveries.
  await expect(broken).toContainText('1 menunggu · 0 gagal');
  await expect(waiting).toContainText('HTTP 500 · dicoba lagi');
  await expect(waiting.getByRole('button', { name: /Kirim ulang/ })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, testInfo, 'admin-webhooks-deliveries-1920');

  // Rotating asks first, shows the new secret once, and says until when the old one signs.
  await row.getByRole('button', { name: `Ganti rahasia ${receiverUrl}/ok` }).click();
  const rotate = page.getByRole('dialog', { name: `Ganti rahasia ${receiverUrl}/ok?` });
  await rotate.getByTestId('confirm').click();
  const rotated = (await panel.getByTestId('webhook-secret').locator('.code code').textContent())!.trim();
  expect(rotated).toMatch(/^whsec_/);
  expect(rotated).not.toBe(secret);
  await expect(panel.getByTestId('webhook-secret')).toContainText('Rahasia lama masih berlaku sampai');
  await expect(row).toContainText('Rahasia lama berlaku sampai');
  await panel.getByTestId('webhook-secret').getByRole('button', { name: 'Selesai, sembunyikan rahasia' }).click();

  // Off and on, then removed after a confirmation.
  await row.getByRole('button', { name: `Nonaktifkan ${receiverUrl}/ok` }).click();
  await expect(row.locator('.badge')).toHaveText('Nonaktif');
  await row.getByRole('button', { name: `Aktifkan ${receiverUrl}/ok` }).click();
  await expect(row.locator('.badge')).toHaveText('Aktif');
  await broken.getByRole('button', { name: `Hapus ${receiverUrl}/broken` }).click();
  await page
    .getByRole('dialog', { name: `Hapus endpoint ${receiverUrl}/broken?` })
    .getByTestId('confirm')
    .click();
  await expect(broken).toHaveCount(0);
  await expect(row).toBeVisible();

  // What was saved is what the server keeps.
  await page.reload();
  await page.getByTestId('admin-office').selectOption(office.id);
  await page.getByRole('tab', { name: 'Notifikasi' }).click();
  await expect(page.getByLabel('Jam pengingat booking sehari sebelumnya')).toHaveValue('18');
  await expect(page.getByLabel('Giliran dekat: paling banyak sekian antrean di depannya')).toHaveValue('5');
  await expect(page.locator(`tr[data-endpoint="${receiverUrl}/ok"]`)).toContainText('3 peristiwa');
  await screenshot(page, testInfo, 'admin-notifications-1920');

  // English, the second language.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Webhook endpoints' })).toBeVisible();
  await expect(page.getByLabel('Hour of the day-before booking reminder')).toHaveValue('18');
  await expect(page.locator(`tr[data-endpoint="${receiverUrl}/ok"]`)).toContainText('3 events');
  await expectAccessible(page);
  await screenshot(page, testInfo, 'admin-notifications-en-1920');
});
