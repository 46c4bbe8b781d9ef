import { createOffice } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

/** The value of one sample in a Prometheus exposition, or undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text.split('\n').find((row) => row.startsWith(`${name}{`) && wanted.every((label) => row.includes(label)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('health probes and Prometheus metrics', () => {
  const t = useTestApp();
  const api = t.api;

  it('answers liveness without the database, and readiness with it', async () => {
    expect(await api.get('/health/live')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await api.get('/health/ready')).toEqual({ status: 200, body: { status: 'ok', database: 'ok' } });
    expect(await api.get('/health')).toEqual({ status: 200, body: { status: 'ok', database: 'ok' } });
  });

  it('reports waiting and overdue tickets per service and counters per state, read from the database', async () => {
    const office = await createOffice(t, { services: [{ code: 'A', maxWaitMinutes: 30 }, { code: 'B' }], counters: [{ number: 1, services: ['A'] }] });
    for (let i = 0; i < 3; i++) await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A });
    await api.post(`/counters/${office.counters[1]}/open`, undefined, office.officers[1].token);
    await api.post(`/counters/${office.counters[1]}/call-next`, undefined, office.officers[1].token);
    t.clock.advanceMinutes(31);

    const reply = await fetch(`${t.url}/api/v1/metrics`);
    const text = await reply.text();

    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('text/plain');
    expect(sample(text, 'loket_tickets_waiting', { office: office.slug, service: 'A' })).toBe(2);
    expect(sample(text, 'loket_tickets_overdue', { office: office.slug, service: 'A' })).toBe(2);
    expect(sample(text, 'loket_tickets_waiting', { office: office.slug, service: 'B' })).toBe(0);
    expect(sample(text, 'loket_counters', { office: office.slug, state: 'open' })).toBe(1);
    expect(sample(text, 'loket_counters', { office: office.slug, state: 'paused' })).toBe(0);
    expect(text).toMatch(/^loket_database_up 1$/m);
  });

  it('counts requests by route template and status, never by raw path', async () => {
    const office = await createOffice(t, { services: [{ code: 'A' }], counters: [] });
    await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A });
    await api.post(`/offices/${office.slug}/tickets`, { serviceId: 'not-a-uuid' });
    await api.get('/no/such/route');

    const text = await (await fetch(`${t.url}/api/v1/metrics`)).text();

    const route = '/api/v1/offices/:slug/tickets';
    expect(sample(text, 'loket_http_requests_total', { method: 'POST', route, status: '201' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'loket_http_requests_total', { method: 'POST', route, status: '400' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'loket_http_request_duration_seconds_count', { method: 'POST', route, status: '201' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'loket_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(office.slug + '/tickets');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('counts the statements sent to the database, so a bench can divide them by the work done', async () => {
    const office = await createOffice(t, { services: [{ code: 'A' }], counters: [] });
    const statements = async () => Number(/^loket_database_statements_total (\d+)$/m.exec(await (await fetch(`${t.url}/api/v1/metrics`)).text())?.[1]);
    const before = await statements();
    const quiet = await statements();
    await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A });
    const after = await statements();

    expect(before).toBeGreaterThan(0);
    // A scrape's own reads are counted too; an issue sends more than they do.
    expect(after - quiet).toBeGreaterThan(quiet - before);
  });
});
