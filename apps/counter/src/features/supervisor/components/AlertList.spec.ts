/** @jest-environment jsdom */
import { mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import type { AlertView, ServiceFigures } from '@loket/domain';

const { default: AlertList } = await import('./AlertList.vue');
const { i18n } = await import('../../../i18n');

// 08:00 WIB; the wait alert is due at 08:00, so at 08:05:12 the ticket has waited its 10 minutes and 5.2 more.
const due = '2026-12-04T01:00:00.000Z';
const now = Date.parse('2026-12-04T01:05:12.000Z');
const alert = (over: Partial<AlertView>): AlertView => ({
  id: 'a1',
  officeId: 'o',
  kind: 'max_wait',
  key: 'max_wait:t1',
  serviceId: 's1',
  counterId: null,
  ticketId: 't1',
  agencyId: null,
  subject: 'A-001',
  since: due,
  raisedAt: due,
  details: { waitedMinutes: 10, limitMinutes: 10 },
  resolvedAt: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
  ...over,
});
const services = [{ serviceId: 's1', code: 'A', name: 'KTP-el' }] as ServiceFigures[];

function mountList(locale: 'id' | 'en') {
  i18n.global.locale.value = locale;
  const alerts = [alert({}), alert({ id: 'a2', key: 'max_wait:t2', subject: 'A-002', ticketId: 't2', resolvedAt: '2026-12-04T01:16:00.000Z' })];
  return mount(AlertList, { props: { alerts, services, timeZone: 'Asia/Jakarta', now }, global: { plugins: [i18n, createPinia()] } });
}

describe('the alert list writes figures and times in the screen’s language', () => {
  afterEach(() => {
    i18n.global.locale.value = 'id';
  });

  it('in English: a decimal point and the colon clock', () => {
    const text = mountList('en').text();
    expect(text).toContain('has waited 15.2 min; the limit is 10 min');
    expect(text).toContain('since 08:00');
    expect(text).toContain('Ended 08:16 · lasted 16 min');
    expect(text).not.toMatch(/\d,\d|\d\.\d\d\b/);
  });

  it('in Indonesian: a decimal comma and the dotted clock', () => {
    const text = mountList('id').text();
    expect(text).toContain('sudah menunggu 15,2 mnt; batas 10 mnt');
    expect(text).toContain('sejak 08.00');
    expect(text).toContain('Berakhir 08.16 · berlangsung 16 mnt');
  });
});
