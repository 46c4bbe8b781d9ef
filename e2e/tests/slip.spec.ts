import type { Page } from '@playwright/test';
import { PASSWORD, expect, screenshot, test } from './fixtures.js';

// This file works an office of its own (the fixture's): a paired kiosk takes PL (Pengaduan)
// tickets after two citizens already wait for PL, and the slip is printed to PDF on the
// kiosk's roll width. Nothing here moves the development clock. petugas5 unlocks the kiosk's
// settings (staff only) to pair it and choose the paper.
test.use({ officeStaff: ['petugas5'] });

/** Each page's size in millimetres (one decimal), from the PDF's page objects (Chromium writes them uncompressed). */
function pdfPages(pdf: Buffer): { widthMm: number; heightMm: number }[] {
  const text = pdf.toString('latin1');
  const mm = (points: number) => Math.round(((points * 25.4) / 72) * 10) / 10;
  return [...text.matchAll(/\/Type\s*\/Page\b(?!s)(?:(?!endobj).)*?\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/gs)].map((m) => ({
    widthMm: mm(Number(m[3]) - Number(m[1])),
    heightMm: mm(Number(m[4]) - Number(m[2])),
  }));
}

async function takePlTicket(page: Page, kioskToken: string, slug: string, username: string, width: 58 | 80): Promise<void> {
  await page.goto(`/kiosk?office=${slug}`);
  await page.getByText('Pengaturan kios', { exact: true }).click();
  const unlock = page.getByTestId('kiosk-unlock');
  await unlock.getByLabel('Nama pengguna').fill(username);
  await unlock.getByLabel('Kata sandi').fill(PASSWORD);
  await unlock.getByRole('button', { name: 'Masuk' }).click();
  await page.getByLabel('Kode pemasangan').fill(kioskToken.toLowerCase());
  await page.getByRole('button', { name: 'Pasangkan' }).click();
  await expect(page.getByText('Kios ini terpasang ke kantor.')).toBeVisible();
  await page.getByLabel(`${width} mm`).check();
  await page.getByText('Pengaturan kios', { exact: true }).click();
  await page.locator('button[data-service="PL"]').click();
  await page.locator('button[data-priority="none"]').click();
  await expect(page.getByTestId('ticket-slip')).toBeVisible();
  await expect(page.getByTestId('ticket-qr')).toBeVisible();
}

for (const width of [80, 58] as const) {
  test(`the ${width} mm slip prints on one page as long as its content, with the address, today's validity and the people ahead`, async ({
    page,
    request,
    office,
  }, testInfo) => {
    await page.addInitScript(() => {
      window.print = () => {};
    });
    // Two citizens are already waiting for PL.
    for (let i = 0; i < 2; i += 1)
      expect((await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: office.services.PL.id } })).ok()).toBe(true);
    await page.setViewportSize({ width: 1080, height: 1920 });
    await takePlTicket(page, office.kioskToken, office.slug, office.staff.petugas5!.username, width);

    const slip = page.getByTestId('ticket-slip');
    const trackingCode = (await slip.locator('.code').textContent())!.trim();
    const tracked = (await (await request.get(`/api/v1/tickets/track/${trackingCode}`)).json()) as { placeInQueue: number };
    const ahead = tracked.placeInQueue - 1;
    expect(ahead).toBeGreaterThanOrEqual(2);
    for (const text of [office.address, 'Berlaku hari ini', `${ahead} orang di depan Anda`]) await expect(slip).toContainText(text);

    await page.emulateMedia({ media: 'print' });
    const paper = page.getByTestId('ticket-paper');
    await expect(paper).toBeVisible();
    await expect(slip).toBeHidden();
    for (const text of [office.name, office.address, 'Berlaku hari ini', `${ahead} orang di depan Anda`, trackingCode]) await expect(paper).toContainText(text);
    // The tracking code on one line: its text makes a single line box.
    const codeLines = await paper.locator('.code').evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    });
    expect(codeLines).toBe(1);
    await screenshot(page, testInfo, `slip-${width}-print`);
    const pdf = await page.pdf({ path: testInfo.outputPath(`slip-${width}.pdf`), preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });

    // One page, the roll's width, only as long as the slip (not 279 mm of blank paper).
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(1);
    expect(pages[0].widthMm).toBeCloseTo(width, 0);
    expect(pages[0].heightMm).toBeGreaterThan(60);
    expect(pages[0].heightMm).toBeLessThan(150);
  });
}
