import type { APIRequestContext } from '@playwright/test';
import { type SuiteOffice, expect, staffToken } from './fixtures.js';

/**
 * The calendar suites' hours are built around the server's time (the worker's development
 * clock, which other suites of the same worker move forward), not this machine's.
 */
export const TZ = 'Asia/Jakarta';

/** The office-local weekday (1 Monday … 7 Sunday) and minutes since midnight of an instant. */
export function local(at: Date): { weekday: number; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: TZ, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday) + 1;
  return { weekday, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** The server's "now": the board snapshot's `at` (at most the snapshot cache's 30 s old). */
export async function serverNow(request: APIRequestContext, office: SuiteOffice): Promise<Date> {
  const reply = await request.get(`/api/v1/offices/${office.slug}/board`);
  expect(reply.ok(), await reply.text()).toBe(true);
  return new Date(((await reply.json()) as { at: string }).at);
}

/**
 * The server's now inside the office-local minutes `from`–`to`, for a suite that builds hours
 * around now and needs room on both sides. CI runs at any hour, so when the worker's clock reads
 * outside them it is moved on (the development clock; never back) to half an hour after `from`,
 * today or the next day, instead of the suite skipping itself. Early, not mid-morning: the suites
 * after it on this worker then still find the fixtures' offices (open 08:00–15:00) closed, as at
 * the late hour it jumped from, rather than open with their counters late.
 */
export async function nowWithin(request: APIRequestContext, office: SuiteOffice, from: number, to: number): Promise<Date> {
  const now = await serverNow(request, office);
  const { minutes } = local(now);
  if (minutes >= from && minutes <= to) return now;
  const target = Math.min(from + 30, to);
  const ahead = minutes < target ? target - minutes : 24 * 60 - minutes + target;
  const reply = await request.post('/api/v1/dev/clock/advance', { data: { minutes: ahead } });
  expect(reply.ok(), `the API runs with the development clock: ${await reply.text()}`).toBe(true);
  return new Date(((await reply.json()) as { now: string }).now);
}

export const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export async function setHours(
  request: APIRequestContext,
  office: SuiteOffice,
  openingHours: { weekday: number; opens: string; closes: string }[],
): Promise<void> {
  const token = await staffToken(request, 'admin');
  const reply = await request.patch(`/api/v1/admin/offices/${office.id}`, { headers: { authorization: `Bearer ${token}` }, data: { openingHours } });
  expect(reply.ok(), await reply.text()).toBe(true);
}
