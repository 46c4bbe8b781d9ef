/**
 * The day played against the real product, over HTTP and socket.io, as the kiosk, the six
 * counters, a board and the citizens' phones would. The API's clock runs fast (CLOCK_SPEED),
 * so the simulator sleeps in simulated minutes too.
 */
import {
  type AdminCounterView,
  ClientEvent,
  type ChecklistSubmission,
  type ChecklistTemplateView,
  MINUTE_MS,
  type OfficeEvent,
  OfficeFeed,
  type OfficeSnapshot,
  type Ack,
  ServerEvent,
  type StaffCounterView,
  type TicketView,
  type TrackedTicketView,
  type OfficerTodayView,
  type ServiceView,
  activeItems,
  estimateWaitMinutes,
  maxWaitFor,
  serviceDay,
} from '@loket/domain';
import { io, type Socket } from 'socket.io-client';
import { type Arrival, type CounterPlan, type DayTrace, counterBreaks } from './day.js';
import type { TicketRecord } from './engine.js';
import { Api, ApiError } from './http.js';

export interface LiveOptions {
  baseUrl: string;
  slug: string;
  trace: DayTrace;
  speed: number;
  /** Simulated epoch ms of minute 0 (the office opening). */
  dayStart: number;
  password: string;
  /** Demo: keep drawing new days until stopped. */
  nextTrace?: () => DayTrace;
  log: (line: string) => void;
  stop: { requested: boolean };
}

export interface LiveResult {
  tickets: TicketRecord[];
  /** The API's own punctuality and promptness figures, per officer (GET /staff/me/today). */
  officers: { username: string; counter: number; today: OfficerTodayView | null }[];
  board: { events: number; gaps: number; resyncs: number };
  surveys: number;
  errors: string[];
  requests: number;
  simulatedMinutes: number;
  realSeconds: number;
}

interface IssuedTicket {
  arrival: Arrival;
  id: string;
  trackingCode: string;
  issuedAt: number;
  calledAt: number | null;
  apiEstimate: number | null;
  apiRange: { lo: number; hi: number } | null;
  naive: number | null;
  outcome: TicketRecord['outcome'];
  transferred: boolean;
}

/**
 * Writes the day's planned breaks into the counters' schedules in the product, on the day's
 * weekday: the simulated day staggers the ishoma, while the demo seed gives every counter
 * 12:00–13:00, so without this the forecast and the break measures would expect breaks the
 * officers do not take.
 */
async function keepPlannedBreaks(publicApi: Api, office: OfficeSnapshot['office'], trace: DayTrace, options: LiveOptions): Promise<void> {
  const login = await publicApi.post<{ accessToken: string }>('/auth/login', { username: 'admin', password: options.password });
  const admin = publicApi.withToken(login.accessToken);
  const weekday = new Date(`${serviceDay(options.dayStart, office.timeZone)}T00:00:00Z`).getUTCDay();
  const planned = new Set(trace.counters.map((plan) => plan.number));
  for (const counter of await admin.get<AdminCounterView[]>(`/admin/offices/${office.id}/counters`)) {
    if (!planned.has(counter.number)) continue;
    const breaks = counterBreaks(counter.number, trace.options.dayType);
    const schedule = counter.schedule.map((day) => (day.weekday === weekday ? { ...day, breaks } : day));
    await admin.request('PATCH', `/admin/counters/${counter.id}`, { schedule });
  }
}

export async function runLive(options: LiveOptions): Promise<LiveResult> {
  const { speed, stop } = options;
  const publicApi = new Api(options.baseUrl);
  const startedReal = Date.now();
  let requests = 0;
  const counted = <T>(promise: Promise<T>) => {
    requests += 1;
    return promise;
  };
  const errors: string[] = [];
  const noteError = (what: string, error: unknown) => {
    const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
    if (errors.length < 50) errors.push(message);
    options.log(`  ! ${message}`);
  };

  // The API's simulated now, anchored once: its clock runs `speed` times real time.
  // The quickest of a few round trips places the API's instant best.
  let anchor = { sim: 0, real: 0, roundTrip: Number.POSITIVE_INFINITY };
  let priorityMaxWaitMinutes = 0;
  let office: OfficeSnapshot['office'] | null = null;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const before = Date.now();
    const snapshot = await publicApi.get<OfficeSnapshot>(`/offices/${options.slug}/board`);
    office = snapshot.office;
    const after = Date.now();
    priorityMaxWaitMinutes = snapshot.office.priorityMaxWaitMinutes;
    if (after - before < anchor.roundTrip) anchor = { sim: Date.parse(snapshot.at), real: (before + after) / 2, roundTrip: after - before };
  }
  const simNow = () => anchor.sim + (Date.now() - anchor.real) * speed;
  const minuteNow = () => (simNow() - options.dayStart) / MINUTE_MS;
  const sleepReal = (ms: number) => new Promise<void>((done) => setTimeout(done, Math.max(0, ms)));
  const sleepMinutes = (minutes: number) => sleepReal((minutes * MINUTE_MS) / speed);
  const sleepUntilMinute = (minute: number) => sleepReal((options.dayStart + minute * MINUTE_MS - simNow()) / speed);

  const services = new Map((await publicApi.get<ServiceView[]>(`/offices/${options.slug}/services`)).map((service) => [service.code, service]));

  // Before the board connects: the schedule changes would reach it as a gap it resyncs on.
  await keepPlannedBreaks(publicApi, office!, options.trace, options);

  // The board: a socket.io client kept current by the same reducer the board app uses.
  const board = await connectBoard(options.baseUrl, options.slug);
  let wakeUp: () => void = () => undefined;
  let woken = new Promise<void>((done) => (wakeUp = done));
  const wake = () => {
    const release = wakeUp;
    woken = new Promise<void>((done) => (wakeUp = done));
    release();
  };
  board.onEvent = (event) => {
    if (event.kind === 'ticket' && ['issued', 'transferred', 'returned', 'reinstated'].includes(event.type)) wake();
    if (event.kind === 'counter' && event.type === 'resumed') wake();
  };
  const issued = new Map<string, IssuedTicket>();
  let surveys = 0;
  let busy = 0;
  let kioskDone = false;

  /** The naive estimate for a ticket just issued, from what the board holds: people ahead × average ÷ open counters. */
  const naiveFor = (ticket: TrackedTicketView): number | null => {
    const state = board.state();
    if (!state || ticket.placeInQueue === null) return null;
    const service = state.services.find((candidate) => candidate.id === ticket.serviceId);
    if (!service) return null;
    const openCounters = state.counters.filter((counter) => counter.state === 'open' && counter.serviceIds.includes(ticket.serviceId)).length;
    return estimateWaitMinutes({ ahead: ticket.placeInQueue - 1, openCounters, averageServiceMinutes: service.averageServiceMinutes });
  };

  const kiosk = async (trace: DayTrace, offset: number) => {
    for (const arrival of trace.arrivals) {
      await sleepUntilMinute(offset + arrival.atMinute);
      if (stop.requested) return;
      const service = services.get(arrival.service)!;
      try {
        const ticket = await counted(
          publicApi.post<TrackedTicketView>(`/offices/${options.slug}/tickets`, { serviceId: service.id, priority: arrival.priority }),
        );
        const issuedAt = Date.parse(ticket.issuedAt);
        issued.set(ticket.id, {
          arrival,
          id: ticket.id,
          trackingCode: ticket.trackingCode,
          issuedAt,
          calledAt: null,
          apiEstimate: ticket.estimatedWaitMinutes,
          apiRange: ticket.estimatedWaitRange,
          naive: naiveFor(ticket),
          outcome: 'unserved',
          transferred: false,
        });
      } catch (error) {
        noteError(`issue ${arrival.service}`, error);
      }
    }
  };

  const counterAgent = async (plan: CounterPlan, offset: number) => {
    const username = `petugas${plan.number}`;
    const login = await counted(publicApi.post<{ accessToken: string }>('/auth/login', { username, password: options.password }));
    const api = publicApi.withToken(login.accessToken);
    const counter = (await api.get<StaffCounterView[]>(`/offices/${options.slug}/counters`)).find((candidate) => candidate.number === plan.number);
    if (!counter) throw new Error(`No counter ${plan.number} in ${options.slug}`);
    const templates = await api.get<ChecklistTemplateView[]>(`/offices/${options.slug}/checklists`);
    const allChecked = (kind: ChecklistTemplateView['kind']): ChecklistSubmission => ({
      method: 'one_key',
      answers: activeItems(templates.find((template) => template.kind === kind)!).map((item) => ({ code: item.code, answer: 'checked' })),
    });
    const act = async (what: string, path: string, body: unknown = {}) => {
      try {
        return await counted(api.request<TicketView>('POST', path, body));
      } catch (error) {
        noteError(`loket ${plan.number} ${what}`, error);
        return null;
      }
    };

    await sleepUntilMinute(offset + plan.openAtMinute);
    if (stop.requested) return { username, counter: plan.number, token: login.accessToken };
    await act('open', `/counters/${counter.id}/open`, { checklist: allChecked('shift_start') });
    const breaks = [...plan.breaks];
    while (!stop.requested) {
      if (breaks.length > 0 && minuteNow() >= offset + breaks[0].atMinute) {
        const pause = breaks.shift()!;
        await act('pause', `/counters/${counter.id}/pause`, { reason: 'ishoma' });
        await sleepMinutes(pause.minutes);
        await act('resume', `/counters/${counter.id}/resume`);
        continue;
      }
      if (kioskDone && busy === 0 && (board.state()?.waiting.length ?? 0) === 0 && !options.nextTrace) break;
      const called = await act('call-next', `/counters/${counter.id}/call-next`);
      if (!called || called.status === 204) {
        await Promise.race([woken, sleepMinutes(1)]);
        continue;
      }
      busy += 1;
      const ticket = called.data;
      // A counter woken by the board's "issued" event can call a ticket before the kiosk has its answer: wait for it.
      for (let tries = 0; tries < 100 && !issued.has(ticket.id) && !kioskDone; tries += 1) await sleepReal(30);
      const record = issued.get(ticket.id);
      if (record && record.calledAt === null) record.calledAt = Date.parse(ticket.calledAt!);
      const arrival = record?.arrival;
      await sleepMinutes(arrival?.walkUpMinutes ?? 1);
      if (arrival?.noShow) {
        await sleepMinutes(2);
        await act('recall', `/tickets/${ticket.id}/recall`);
        // The office's wait after the last call before a no-show (2 minutes by default).
        await sleepMinutes(2);
        await act('no-show', `/tickets/${ticket.id}/no-show`);
        if (record) record.outcome = 'no_show';
        busy -= 1;
        continue;
      }
      await act('start', `/tickets/${ticket.id}/start`);
      const transferNow = arrival?.transfer && record && !record.transferred;
      await sleepMinutes(record?.transferred ? arrival!.transfer!.serviceMinutes : (arrival?.serviceMinutes ?? 10));
      if (transferNow) {
        record.transferred = true;
        await act('transfer', `/tickets/${ticket.id}/transfer`, { serviceId: services.get(arrival!.transfer!.service)!.id });
      } else {
        await act('finish', `/tickets/${ticket.id}/finish`, { checklist: allChecked('interaction'), outcome: 'selesai' });
        if (record) record.outcome = record.transferred ? 'transferred_done' : 'done';
        if (record && arrival?.survey) {
          // The citizen answers on the phone page a little later.
          void sleepMinutes(2)
            .then(() => counted(publicApi.post(`/tickets/track/${record.trackingCode}/survey`, arrival.survey)))
            .then(() => (surveys += 1))
            .catch((error) => noteError('survey', error));
        }
      }
      busy -= 1;
    }
    await act('close', `/counters/${counter.id}/close`);
    return { username, counter: plan.number, token: login.accessToken };
  };

  let trace = options.trace;
  let offset = 0;
  const agents = Promise.all(trace.counters.map((plan) => counterAgent(plan, 0)));
  for (;;) {
    await kiosk(trace, offset);
    if (!options.nextTrace || stop.requested) break;
    // Demo: another day's citizens keep coming, counted from now.
    offset = Math.ceil(minuteNow());
    trace = options.nextTrace();
  }
  kioskDone = true;
  wake();
  const finished = await agents;
  await sleepMinutes(3);
  const officers = await Promise.all(
    finished.map(async (agent) => ({
      username: agent.username,
      counter: agent.counter,
      today: await publicApi
        .withToken(agent.token)
        .get<OfficerTodayView>('/staff/me/today')
        .catch((error) => (noteError('staff/me/today', error), null)),
    })),
  );
  const stats = board.stats();
  board.close();

  const tickets: TicketRecord[] = [...issued.values()].map((ticket) => ({
    index: ticket.arrival.index,
    service: ticket.arrival.service,
    priority: ticket.arrival.priority !== null,
    issuedAt: (ticket.issuedAt - options.dayStart) / MINUTE_MS,
    waitMinutes: ticket.calledAt === null ? null : (ticket.calledAt - ticket.issuedAt) / MINUTE_MS,
    maxWaitMinutes: maxWaitFor(services.get(ticket.arrival.service)!.standard.maxWaitMinutes, ticket.arrival.priority !== null, priorityMaxWaitMinutes),
    estimate: { ours: ticket.apiEstimate, naive: ticket.naive, informed: null, range: ticket.apiRange },
    outcome: ticket.outcome,
    // The live day books nothing: every citizen walks in.
    booking: null,
  }));
  return { tickets, officers, board: stats, surveys, errors, requests, simulatedMinutes: minuteNow(), realSeconds: (Date.now() - startedReal) / 1000 };
}

interface BoardClient {
  state(): OfficeSnapshot | null;
  stats(): { events: number; gaps: number; resyncs: number };
  onEvent: (event: OfficeEvent) => void;
  close(): void;
}

/** A board on socket.io: subscribes, applies every numbered event, asks for a snapshot on a gap. */
async function connectBoard(baseUrl: string, slug: string): Promise<BoardClient> {
  const socket: Socket = io(baseUrl, { transports: ['websocket'], reconnection: true });
  const feed = new OfficeFeed();
  let state: OfficeSnapshot | null = null;
  let events = 0;
  let gaps = 0;
  let resyncs = 0;
  const client: BoardClient = {
    state: () => state,
    stats: () => ({ events, gaps, resyncs }),
    onEvent: () => undefined,
    close: () => socket.close(),
  };
  const hydrate = (snapshot: OfficeSnapshot) => {
    state = snapshot;
    feed.hydrate(snapshot);
  };
  const ask = (event: string) =>
    new Promise<void>((done, fail) =>
      socket.timeout(10_000).emit(event, { officeSlug: slug }, (error: Error | null, result: Ack<OfficeSnapshot>) => {
        if (error) return fail(error);
        if (!result.ok) return fail(new ApiError(result.error.statusCode, result.error, event));
        hydrate(result.data);
        done();
      }),
    );
  socket.on(ServerEvent.event, (event: OfficeEvent) => {
    events += 1;
    const decision = feed.offer(event);
    if (decision === 'gap') {
      gaps += 1;
      resyncs += 1;
      void ask(ClientEvent.resync).catch(() => undefined);
    }
    client.onEvent(event);
  });
  socket.on('connect', () => void ask(ClientEvent.subscribe).catch(() => undefined));
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error('The board could not subscribe within 15 s')), 15_000);
    const check = setInterval(() => {
      if (state) {
        clearInterval(check);
        clearTimeout(timer);
        done();
      }
    }, 50);
  });
  return client;
}
