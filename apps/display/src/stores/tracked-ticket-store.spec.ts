import { createPinia, setActivePinia } from 'pinia';
import type { SurveyAnswers, TrackedTicketView } from '@loket/domain';
import { trackedTicketView } from '@loket/domain/testing';
import { useTrackedTicketStore } from './tracked-ticket-store';
import { stubFetch } from './fetch-stub';
import { change, ticket } from './test-fixtures';

const CODE = 'ABCDE-FGHJK-MNPQR-STUVW';
const tracked = (overrides: Partial<TrackedTicketView> = {}): TrackedTicketView =>
  trackedTicketView({ ...ticket(5), trackingCode: CODE, placeInQueue: 2, estimatedWaitMinutes: 10, ...overrides });
const answers = { u1: 4, u2: 4, u3: 3, u4: 4, u5: 3, u6: 4, u7: 4, u8: 3, u9: 3 } as SurveyAnswers;

describe('useTrackedTicketStore', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('answers a malformed code without asking the API, and an unknown one as not found', async () => {
    const requests = stubFetch([{ status: 404, body: { statusCode: 404, error: 'Not Found', message: 'No ticket' } }]);
    const store = useTrackedTicketStore();

    await store.load('bukan-kode');
    expect(store.state).toBe('malformed');
    expect(requests).toHaveLength(0);

    await store.load(CODE);
    expect(store.state).toBe('not_found');
  });

  it('keeps showing the ticket when a refresh fails', async () => {
    stubFetch([{ status: 200, body: tracked() }, 'network-error']);
    const store = useTrackedTicketStore();
    await store.load(CODE);
    await store.load(CODE);

    expect(store.state).toBe('ready');
    expect(store.ticket?.placeInQueue).toBe(2);
  });

  it('refreshes for changes to its own ticket, and to its queue while it waits', () => {
    const store = useTrackedTicketStore();
    store.hydrate(tracked());

    expect(store.affects(change(1, 'called', ticket(1)))).toBe(true);
    expect(store.affects(change(1, 'issued', ticket(9, 'svc-b')))).toBe(false);

    store.hydrate(tracked({ status: 'serving' }));
    expect(store.affects(change(1, 'called', ticket(1)))).toBe(false);
    expect(store.affects(change(1, 'finished', { ...ticket(5), status: 'done' }))).toBe(true);
  });

  it('opens the survey once done, sends it once, and closes it', async () => {
    const requests = stubFetch([{ status: 201, body: { trackingCode: CODE, submittedAt: 'x' } }]);
    const store = useTrackedTicketStore();
    store.hydrate(tracked({ status: 'waiting' }));
    expect(store.surveyOpen).toBe(false);

    store.hydrate(tracked({ status: 'done' }));
    expect(store.surveyOpen).toBe(true);
    await store.rate(answers);
    await store.rate(answers);

    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ url: `/api/v1/tickets/track/${CODE}/survey`, method: 'POST', body: answers });
    expect(store.survey).toBe('sent');
    expect(store.surveyOpen).toBe(false);
  });

  it('says so when the API refuses a second survey', async () => {
    stubFetch([{ status: 409, body: { statusCode: 409, error: 'Conflict', message: 'already', code: 'survey_already_submitted' } }]);
    const store = useTrackedTicketStore();
    store.hydrate(tracked({ status: 'done' }));

    await store.rate(answers);

    expect(store.survey).toBe('refused');
    expect(store.surveyRefusal).toBe('survey_already_submitted');
  });

  it('cancels only a waiting ticket', async () => {
    const requests = stubFetch([{ status: 200, body: tracked({ status: 'cancelled', placeInQueue: null }) }]);
    const store = useTrackedTicketStore();
    store.hydrate(tracked({ status: 'called' }));
    await store.cancel();
    expect(requests).toHaveLength(0);

    store.hydrate(tracked());
    await store.cancel();
    expect(requests[0]).toMatchObject({ url: `/api/v1/tickets/track/${CODE}/cancel`, method: 'POST' });
    expect(store.status).toBe('cancelled');
  });
});
