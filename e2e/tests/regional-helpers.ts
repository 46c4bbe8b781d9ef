import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { KIOSK_TOKEN_HEADER, PASSWORD, type SuiteOffice, expect, staffToken } from './fixtures.js';

/** A region of two offices (issue 20): the suite's office and a small kecamatan office, and the regional head overseeing both. */
export interface Region {
  kecamatan: { id: string; slug: string; name: string };
  /** The kecamatan's one service, K, with a 1-minute maximum wait. */
  service: { id: string };
  kecamatanKiosk: string;
  /** The regional head's username (password: PASSWORD). */
  head: string;
}

async function asAdmin<T>(request: APIRequestContext, path: string, data: unknown): Promise<T> {
  const reply = await request.post(`/api/v1${path}`, { headers: { authorization: `Bearer ${await staffToken(request, 'admin')}` }, data });
  expect(reply.ok(), `POST ${path}: ${await reply.text()}`).toBe(true);
  return (await reply.json()) as T;
}

/** A citizen takes a ticket of `serviceId` at the office's paired kiosk. */
export async function issue(request: APIRequestContext, slug: string, serviceId: string, kioskToken: string): Promise<void> {
  const reply = await request.post(`/api/v1/offices/${slug}/tickets`, { headers: { [KIOSK_TOKEN_HEADER]: kioskToken }, data: { serviceId } });
  expect(reply.ok(), await reply.text()).toBe(true);
}

/** The admin adds the kecamatan office (a service, a counter, a paired kiosk) and a regional head over it and `office`. */
export async function createRegion(request: APIRequestContext, office: SuiteOffice): Promise<Region> {
  const tag = randomBytes(3).toString('hex');
  const kecamatan = await asAdmin<{ id: string; slug: string; name: string }>(request, '/admin/offices', {
    name: `Wilayah Kecamatan Sukamaju ${tag}`,
    slug: `e2e-regional-${tag}`,
    timeZone: 'Asia/Jakarta',
    openingHours: [],
    priorityMaxWaitMinutes: 10,
    noShowAfterMinutes: 0,
    address: 'Jl. Desa No. 2',
    city: 'Sukamaju',
  });
  const service = await asAdmin<{ id: string }>(request, `/admin/offices/${kecamatan.id}/services`, {
    code: 'K',
    name: 'Surat Keterangan',
    maxWaitMinutes: 1,
    serviceTimeMinutes: 5,
    dailyQuota: null,
    costRupiah: 0,
    requirements: ['KTP-el'],
    completionTime: 'Selesai di tempat',
    active: true,
  });
  await asAdmin(request, `/admin/offices/${kecamatan.id}/counters`, {
    number: 1,
    name: 'Loket 1',
    serviceIds: [service.id],
    schedule: [],
    priorityOnly: false,
    active: true,
  });
  const kiosk = await asAdmin<{ token: string }>(request, `/admin/offices/${kecamatan.id}/kiosks`, { name: 'Kios kecamatan' });
  const head = `wilayah-${tag}`;
  await asAdmin(request, '/admin/staff', {
    username: head,
    name: 'Kepala Dinas Wilayah',
    role: 'regional',
    officeIds: [office.id, kecamatan.id],
    password: PASSWORD,
  });
  return { kecamatan, service, kecamatanKiosk: kiosk.token, head };
}
