import type { TrackedTicketView } from '@loket/domain';
import { createOffice, type OfficeFixture } from './support/fixtures.js';
import { backgroundSettled, queriesDuring } from './support/query-log.js';
import { useTestApp } from './support/test-app.js';

/** The phone page's reads (`GET /tickets/track/:code`), answered from the office's shared snapshot (issue 15). */
describe('tracking reads: from what the instance keeps, no query per phone', () => {
  // No finish's scan a second later, when the window is already open (none on its timer in tests: quiet-timers.ts).
  process.env.SUPERVISION_REACT_MS = '0';
  const t = useTestApp();
  let office: OfficeFixture;
  let tickets: TrackedTicketView[];

  beforeEach(async () => {
    office = await createOffice(t, { services: [{ code: 'A' }, { code: 'B' }], counters: [{ number: 1, services: ['A', 'B'] }] });
    tickets = [];
    for (let n = 0; n < 6; n += 1) {
      const issued = await t.api.post<TrackedTicketView>(`/offices/${office.slug}/tickets`, { serviceId: office.services[n % 2 ? 'B' : 'A'] });
      expect(issued.status).toBe(201);
      tickets.push(issued.body);
    }
    expect((await t.api.post(`/counters/${office.counters[1]}/open`, undefined, office.officers[1].token)).status).toBe(200);
  });

  const track = async (code: string) => (await t.api.get<TrackedTicketView>(`/tickets/track/${code}`)).body;
  const officer = () => office.officers[1].token;

  it('answers a hundred polls of waiting, called and done tickets with no query, and each as the database has it', async () => {
    // Ticket 0 is called and served, ticket 2 called: the rest wait.
    const first = (await t.api.post<{ id: string }>(`/counters/${office.counters[1]}/call-next`, undefined, officer())).body;
    expect(first.id).toBe(tickets[0].id);
    await t.api.post(`/tickets/${first.id}/start`, undefined, officer());
    await t.api.post(`/tickets/${first.id}/finish`, {}, officer());
    const second = (await t.api.post<{ id: string }>(`/counters/${office.counters[1]}/call-next`, undefined, officer())).body;
    expect(second.id).toBe(tickets[1].id);
    // The done ticket's view is read once, then kept.
    expect(await track(tickets[0].trackingCode)).toMatchObject({ status: 'done', placeInQueue: null, estimatedWaitMinutes: null, surveySubmitted: false });
    await backgroundSettled(t);

    let views: TrackedTicketView[] = [];
    const queries = await queriesDuring(t, async () => {
      views = await Promise.all(Array.from({ length: 100 }, (_, n) => track(tickets[n % tickets.length].trackingCode)));
    });

    expect(queries).toEqual([]);
    const [done, called, ...waiting] = views.slice(0, 6);
    expect(done).toMatchObject({ id: tickets[0].id, status: 'done', counterName: 'Loket 1' });
    expect(called).toMatchObject({ id: tickets[1].id, status: 'called', counterName: 'Loket 1', placeInQueue: null, officeSlug: office.slug });
    // Places within each service, in call order: A 2, 4 → 1, 2; B 3, 5 → 1, 2.
    expect(waiting.map((view) => [view.serviceCode, view.placeInQueue])).toEqual([
      ['A', 1],
      ['B', 1],
      ['A', 2],
      ['B', 2],
    ]);
    for (const view of waiting) expect(view.estimatedWaitMinutes).toEqual(expect.any(Number));
    // Each answers for its own code.
    for (const view of views.slice(0, 6)) expect(view.trackingCode).toBe(tickets.find((ticket) => ticket.id === view.id)!.trackingCode);
  });

  it('shows each change at the next poll: a call, a finish, a survey, a reinstated no-show', async () => {
    const mine = tickets[0];
    expect(await track(mine.trackingCode)).toMatchObject({ status: 'waiting', placeInQueue: 1 });
    await t.api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer());
    expect(await track(mine.trackingCode)).toMatchObject({ status: 'called', counterName: 'Loket 1' });
    expect(await track(tickets[2].trackingCode)).toMatchObject({ status: 'waiting', placeInQueue: 1 });
    await t.api.post(`/tickets/${mine.id}/start`, undefined, officer());
    await t.api.post(`/tickets/${mine.id}/finish`, {}, officer());
    expect(await track(mine.trackingCode)).toMatchObject({ status: 'done', surveySubmitted: false });
    const survey = await t.api.post(`/tickets/track/${mine.trackingCode}/survey`, { u1: 4, u2: 3, u3: 3, u4: 4, u5: 3, u6: 4, u7: 4, u8: 2, u9: 3 });
    expect(survey.status).toBe(201);
    expect(await track(mine.trackingCode)).toMatchObject({ status: 'done', surveySubmitted: true });

    // A no-show, then reinstated: back in the queue at the next poll.
    const next = (await t.api.post<{ id: string }>(`/counters/${office.counters[1]}/call-next`, undefined, officer())).body;
    const code = tickets.find((ticket) => ticket.id === next.id)!.trackingCode;
    await t.api.post(`/tickets/${next.id}/no-show`, undefined, officer());
    expect(await track(code)).toMatchObject({ status: 'no_show' });
    expect((await t.api.post(`/tickets/${next.id}/reinstate`, undefined, office.supervisor.token)).status).toBe(200);
    expect(await track(code)).toMatchObject({ status: 'waiting', placeInQueue: expect.any(Number) });
  });

  it('answers an unknown code 404, reading the database for it once only', async () => {
    const unknown = 'ZZZZZ-ZZZZZ-ZZZZZ-ZZZ22';
    await backgroundSettled(t);
    const first = await queriesDuring(t, async () => expect((await t.api.get(`/tickets/track/${unknown}`)).status).toBe(404));
    expect(first).toEqual([expect.stringContaining('WHERE t.tracking_code = $1')]);
    const again = await queriesDuring(t, async () => {
      for (let n = 0; n < 20; n += 1) expect((await t.api.get(`/tickets/track/${unknown}`)).body).toMatchObject({ statusCode: 404 });
    });
    expect(again).toEqual([]);
  });
});
