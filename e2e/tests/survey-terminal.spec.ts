import type { APIRequestContext } from '@playwright/test';
import { type SuiteOffice, expect, openPaired, screenshot, staffApi, test } from './fixtures.js';
import { seriousViolations } from './axe.js';

// Issue 19: the survey terminal beside a counter, for citizens without a smartphone. A tablet
// paired as the office's device shows the survey for the ticket just finished at its counter,
// one question a screen, and goes back to idle by itself (the page's clock is moved, never
// waited for).
test.describe.configure({ mode: 'serial', timeout: 240_000 });
test.use({ officeStaff: ['petugas1', 'supervisor'] });

// The answer given to each of the nine questions, in order: the best one, as worded on screen.
const BEST = [
  'Sangat sesuai',
  'Sangat mudah',
  'Sangat cepat',
  'Gratis',
  'Sangat sesuai',
  'Sangat kompeten',
  'Sangat sopan dan ramah',
  'Dikelola dengan baik',
  'Sangat baik',
];

/** Loket 1 serves one ticket start to finish, through the API as its officer: the ticket's number. */
async function serveOneAtLoket1(request: APIRequestContext, office: SuiteOffice, officer: string) {
  const issued = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: office.services.A.id } });
  expect(issued.ok(), await issued.text()).toBe(true);
  const ticket = (await issued.json()) as { id: string; number: string };
  await staffApi(request, 'POST', `/counters/${office.counters[1].id}/call`, officer, {
    ticketId: ticket.id,
    reason: 'e2e: the terminal test serves its own ticket',
  });
  await staffApi(request, 'POST', `/tickets/${ticket.id}/start`, officer);
  await staffApi(request, 'POST', `/tickets/${ticket.id}/finish`, officer, {});
  return ticket;
}

test('the survey terminal takes a survey after a finish at its counter, and returns to idle by itself', async ({ browser, request, office }, testInfo) => {
  const petugas = office.staff.petugas1!.username;
  const supervisor = office.staff.supervisor!.username;
  await staffApi(request, 'POST', `/counters/${office.counters[1].id}/open`, petugas, {});

  // A portrait tablet beside Loket 1, paired with the office's device code.
  const context = await browser.newContext({ viewport: { width: 800, height: 1280 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta', hasTouch: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  await page.clock.install();
  await openPaired(page, office, `/survey-terminal?office=${office.slug}&counter=1`);
  const terminal = page.getByTestId('survey-terminal');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Survei Kepuasan Masyarakat');
  await expect(terminal).toContainText(`${office.name} · Loket 1`);
  await expect(page.getByTestId('terminal-not-paired')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'terminal-idle-800x1280');

  // A finish at Loket 1: the terminal offers the survey for that ticket.
  const served = await serveOneAtLoket1(request, office, petugas);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Terima kasih, nomor ${served.number} sudah selesai dilayani`);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'terminal-offer-800x1280');
  await page.getByTestId('terminal-yes').click();

  // Nine questions, one a screen, answered by touch.
  for (const [index, answer] of BEST.entries()) {
    await expect(terminal).toContainText(`Pertanyaan ${index + 1} dari 9`);
    if (index === 0) {
      await expect(terminal).toContainText('Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, testInfo, 'terminal-question-800x1280');
      // Each answer is a finger's target.
      const box = await page.getByRole('button', { name: answer, exact: true }).boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(88);
    }
    await page.getByRole('button', { name: answer, exact: true }).tap();
  }

  // The optional profile, in the regulation's categories, then send.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Satu langkah lagi');
  await page.getByLabel('Pendidikan terakhir').selectOption({ label: 'SMA' });
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'terminal-profile-800x1280');
  await page.getByTestId('terminal-send').click();
  await expect(page.getByTestId('terminal-thanks')).toContainText('Jawaban Anda sudah kami terima');
  expect(await seriousViolations(page)).toEqual([]);

  // Counted as a terminal response, with the profile given.
  const report = await staffApi<{ channels: { phone: number; terminal: number }; profile: { field: string; counts: { category: string; count: number }[] }[] }>(
    request,
    'GET',
    `/offices/${office.slug}/reports/skm?preset=year`,
    supervisor,
  );
  expect(report.channels).toEqual({ phone: 0, terminal: 1 });
  expect(report.profile.find((table) => table.field === 'education')!.counts.find((entry) => entry.category === 'sma')!.count).toBe(1);

  // The thanks go by themselves.
  await page.clock.fastForward(9_000);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Survei Kepuasan Masyarakat');

  // An offer nobody takes, and a survey left half-way: back to idle after a minute untouched, answers dropped.
  const second = await serveOneAtLoket1(request, office, petugas);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(second.number);
  await page.getByTestId('terminal-yes').click();
  await page.getByRole('button', { name: BEST[0], exact: true }).tap();
  await expect(terminal).toContainText('Pertanyaan 2 dari 9');
  await page.clock.fastForward(61_000);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Survei Kepuasan Masyarakat');
  expect(
    (await staffApi<{ channels: { terminal: number } }>(request, 'GET', `/offices/${office.slug}/reports/skm?preset=year`, supervisor)).channels.terminal,
  ).toBe(1);

  expect(errors).toEqual([]);
  await context.close();
});
