import fc from 'fast-check';
import { canServe, compareForCall, type CounterScope, dueTime, pickNext, placeInQueue, type QueueEntry, queueFor } from './call-order.js';
import { PRIORITY_CATEGORIES, type PriorityCategory } from './priority.js';
import { MINUTE_MS } from './time.js';

const OPENING = Date.parse('2026-11-28T01:00:00Z'); // 08:00 WIB
const SERVICE_IDS = ['ktp', 'kk', 'akta', 'kia'] as const;

interface Office {
  maxWait: Record<string, number>;
  priorityMaxWait: number;
}

const entry = (office: Office, id: string, serviceId: string, issuedAt: number, priority: PriorityCategory | null = null): QueueEntry => ({
  id,
  serviceId,
  issuedAt,
  dueAt: dueTime(issuedAt, office.maxWait[serviceId], priority, office.priorityMaxWait),
  priority,
});

// Arbitraries. Issue times are whole minutes some of the time, so equal due times (ties) happen.
const officeArb: fc.Arbitrary<Office> = fc.record({
  maxWait: fc.record(Object.fromEntries(SERVICE_IDS.map((id) => [id, fc.integer({ min: 1, max: 120 })])) as Record<string, fc.Arbitrary<number>>),
  priorityMaxWait: fc.integer({ min: 1, max: 30 }),
});
const issuedAtArb = fc.oneof(
  fc.integer({ min: 0, max: 8 * 60 }).map((minute) => OPENING + minute * MINUTE_MS),
  fc.integer({ min: 0, max: 8 * 60 * MINUTE_MS }).map((ms) => OPENING + ms),
);
const priorityArb: fc.Arbitrary<PriorityCategory | null> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom(...PRIORITY_CATEGORIES) },
);
const ticketSpecArb = fc.record({ serviceId: fc.constantFrom(...SERVICE_IDS), issuedAt: issuedAtArb, priority: priorityArb });
const counterArb = (priorityOnly?: boolean): fc.Arbitrary<CounterScope> =>
  fc.record({
    serviceIds: fc.subarray([...SERVICE_IDS]),
    priorityOnly: priorityOnly === undefined ? fc.boolean() : fc.constant(priorityOnly),
  });
const waitingArb = (office: Office) =>
  fc.array(ticketSpecArb, { maxLength: 40 }).map((specs) => specs.map((spec, i) => entry(office, `t${i}`, spec.serviceId, spec.issuedAt, spec.priority)));
const sceneArb = (priorityOnly?: boolean) =>
  officeArb.chain((office) => fc.record({ office: fc.constant(office), waiting: waitingArb(office), counter: counterArb(priorityOnly) }));

const mayServe = (counter: CounterScope, ticket: QueueEntry) => counter.serviceIds.includes(ticket.serviceId);
const comesBefore = (a: QueueEntry, b: QueueEntry) => a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.issuedAt <= b.issuedAt);

describe('dueTime', () => {
  const issuedAt = OPENING;

  it('is issue plus the service maximum wait for a regular ticket', () => {
    expect(dueTime(issuedAt, 30, null, 10)).toBe(issuedAt + 30 * MINUTE_MS);
  });

  it('is issue plus the priority maximum wait for a priority ticket', () => {
    expect(dueTime(issuedAt, 30, 'lanjut_usia', 10)).toBe(issuedAt + 10 * MINUTE_MS);
  });

  it('is never later for a priority ticket than for a regular one of a quicker service', () => {
    expect(dueTime(issuedAt, 5, 'wanita_hamil', 10)).toBe(issuedAt + 5 * MINUTE_MS);
  });
});

describe('compareForCall', () => {
  const base: QueueEntry = { id: 'b', serviceId: 'ktp', issuedAt: OPENING, dueAt: OPENING + 30 * MINUTE_MS, priority: null };

  it('puts the earlier due time first', () => {
    expect(compareForCall({ ...base, dueAt: base.dueAt - 1 }, base)).toBeLessThan(0);
    expect(compareForCall(base, { ...base, dueAt: base.dueAt - 1 })).toBeGreaterThan(0);
  });

  it('breaks a due-time tie by issue time, then by id', () => {
    expect(compareForCall({ ...base, issuedAt: base.issuedAt - 1 }, base)).toBeLessThan(0);
    expect(compareForCall({ ...base, id: 'a' }, base)).toBeLessThan(0);
    expect(compareForCall(base, { ...base })).toBe(0);
  });
});

describe('canServe', () => {
  it('lets a counter serve only its own services', () => {
    const counter: CounterScope = { serviceIds: ['ktp', 'kk'], priorityOnly: false };
    const office: Office = { maxWait: { ktp: 30, kk: 30, akta: 30, kia: 30 }, priorityMaxWait: 10 };
    expect(canServe(counter, entry(office, '1', 'kk', OPENING))).toBe(true);
    expect(canServe(counter, entry(office, '2', 'akta', OPENING))).toBe(false);
  });
});

describe('who is called next (examples)', () => {
  const office: Office = { maxWait: { ktp: 30, kk: 60, akta: 30, kia: 30 }, priorityMaxWait: 10 };
  const min = (m: number) => OPENING + m * MINUTE_MS;
  const regularCounter: CounterScope = { serviceIds: ['ktp', 'kk'], priorityOnly: false };

  it('calls the earliest due ticket across the services a counter serves', () => {
    // KK issued first, but its 60-minute standard makes the later KTP ticket due sooner.
    const waiting = [entry(office, 'kk1', 'kk', min(0)), entry(office, 'ktp1', 'ktp', min(20))];
    expect(pickNext(waiting, regularCounter)?.id).toBe('ktp1');
  });

  it('lets a priority ticket overtake regular tickets not yet near their limit', () => {
    const waiting = [entry(office, 'r1', 'ktp', min(0)), entry(office, 'r2', 'ktp', min(5)), entry(office, 'p1', 'ktp', min(15), 'disabilitas')];
    expect(queueFor(waiting, regularCounter).map((t) => t.id)).toEqual(['p1', 'r1', 'r2']);
  });

  it('still calls a regular ticket first when it is due before the priority ticket', () => {
    const waiting = [entry(office, 'r1', 'ktp', min(0)), entry(office, 'p1', 'ktp', min(25), 'lanjut_usia')];
    expect(pickNext(waiting, regularCounter)?.id).toBe('r1');
  });

  it('breaks an exact due-time tie in favour of the ticket issued earlier', () => {
    // The regular ticket was issued exactly (30 − 10) minutes before the priority one: both are due at 08:30.
    const waiting = [entry(office, 'p1', 'ktp', min(20), 'anak_anak'), entry(office, 'r1', 'ktp', min(0))];
    expect(waiting[0].dueAt).toBe(waiting[1].dueAt);
    expect(pickNext(waiting, regularCounter)?.id).toBe('r1');
  });

  it('makes a priority counter take a priority ticket first even when a regular one is due sooner', () => {
    const loketKhusus: CounterScope = { serviceIds: ['ktp'], priorityOnly: true };
    const waiting = [entry(office, 'r1', 'ktp', min(0)), entry(office, 'p1', 'ktp', min(25), 'wanita_hamil')];
    expect(pickNext(waiting, loketKhusus)?.id).toBe('p1');
    expect(queueFor(waiting, loketKhusus).map((t) => t.id)).toEqual(['p1', 'r1']);
  });

  it('makes a priority counter serve regular tickets when no priority ticket waits', () => {
    const loketKhusus: CounterScope = { serviceIds: ['ktp'], priorityOnly: true };
    const waiting = [entry(office, 'r2', 'ktp', min(5)), entry(office, 'r1', 'ktp', min(0))];
    expect(pickNext(waiting, loketKhusus)?.id).toBe('r1');
  });

  it('calls nobody when nobody the counter may serve waits', () => {
    expect(pickNext([entry(office, 'a1', 'akta', min(0))], regularCounter)).toBeUndefined();
    expect(pickNext([], regularCounter)).toBeUndefined();
    expect(queueFor([entry(office, 'a1', 'akta', min(0))], regularCounter)).toEqual([]);
  });

  it('does not reorder the waiting list it was given', () => {
    const waiting = [entry(office, 'r2', 'ktp', min(5)), entry(office, 'r1', 'ktp', min(0))];
    queueFor(waiting, regularCounter);
    expect(waiting.map((t) => t.id)).toEqual(['r2', 'r1']);
  });
});

describe('placeInQueue', () => {
  const office: Office = { maxWait: { ktp: 30, kk: 60, akta: 30, kia: 30 }, priorityMaxWait: 10 };
  const min = (m: number) => OPENING + m * MINUTE_MS;
  const waiting = [
    entry(office, 'ktp1', 'ktp', min(0)),
    entry(office, 'kk1', 'kk', min(1)),
    entry(office, 'ktp2', 'ktp', min(2)),
    entry(office, 'ktp3', 'ktp', min(3), 'lanjut_usia'),
  ];

  it('counts the tickets of the same service ahead in call order, from 1', () => {
    expect(placeInQueue(waiting, 'ktp3')).toBe(1);
    expect(placeInQueue(waiting, 'ktp1')).toBe(2);
    expect(placeInQueue(waiting, 'ktp2')).toBe(3);
  });

  it('ignores other services', () => {
    expect(placeInQueue(waiting, 'kk1')).toBe(1);
  });

  it('is null for a ticket that is not waiting', () => {
    expect(placeInQueue(waiting, 'gone')).toBeNull();
  });
});

describe('who is called next (properties)', () => {
  it('(a) always calls a waiting ticket the counter may serve, and nobody only when none waits', () => {
    fc.assert(
      fc.property(sceneArb(), ({ waiting, counter }) => {
        const picked = pickNext(waiting, counter);
        if (waiting.some((ticket) => mayServe(counter, ticket))) {
          expect(picked).toBeDefined();
          expect(waiting).toContain(picked);
          expect(mayServe(counter, picked!)).toBe(true);
        } else {
          expect(picked).toBeUndefined();
        }
      }),
    );
  });

  it('(b) calls the head of the queue the counter shows, which holds exactly the tickets it may serve', () => {
    fc.assert(
      fc.property(sceneArb(), ({ waiting, counter }) => {
        const queue = queueFor(waiting, counter);
        expect(pickNext(waiting, counter)).toBe(queue[0]);
        expect(queue.map((t) => t.id).sort()).toEqual(
          waiting
            .filter((t) => mayServe(counter, t))
            .map((t) => t.id)
            .sort(),
        );
      }),
    );
  });

  it('(c) never passes a ticket over for one due later, on a regular counter', () => {
    fc.assert(
      fc.property(sceneArb(false), ({ waiting, counter }) => {
        const picked = pickNext(waiting, counter);
        for (const other of waiting.filter((t) => mayServe(counter, t))) expect(comesBefore(picked!, other)).toBe(true);
        const queue = queueFor(waiting, counter);
        for (let i = 1; i < queue.length; i += 1) expect(comesBefore(queue[i - 1], queue[i])).toBe(true);
      }),
    );
  });

  it('(d) starves nobody: a counter that keeps calling reaches every ticket before any ticket issued after its due time', () => {
    const arrivalsArb = officeArb.chain((office) =>
      fc.record({
        office: fc.constant(office),
        // Minutes between one arrival and the next, and what arrives.
        arrivals: fc.array(fc.record({ gap: fc.integer({ min: 0, max: 10 }), spec: ticketSpecArb }), { minLength: 1, maxLength: 60 }),
        serviceMinutes: fc.array(fc.integer({ min: 1, max: 15 }), { minLength: 1, maxLength: 10 }),
      }),
    );
    fc.assert(
      fc.property(arrivalsArb, ({ office, arrivals, serviceMinutes }) => {
        // Arrange: a regular counter serving every service; arrivals come while it works.
        const counter: CounterScope = { serviceIds: [...SERVICE_IDS], priorityOnly: false };
        let clock = OPENING;
        const schedule = arrivals.map(({ gap, spec }, i) => {
          clock += gap * MINUTE_MS;
          return entry(office, `t${i}`, spec.serviceId, clock, spec.priority);
        });
        // Act: call, serve, repeat; arrivals join the queue at their issue time, never in the past.
        const waiting: QueueEntry[] = [];
        const callOrder: QueueEntry[] = [];
        let now = OPENING;
        let nextArrival = 0;
        while (callOrder.length < schedule.length) {
          while (nextArrival < schedule.length && schedule[nextArrival].issuedAt <= now) waiting.push(schedule[nextArrival++]);
          const picked = pickNext(waiting, counter);
          if (!picked) {
            now = schedule[nextArrival].issuedAt;
            continue;
          }
          waiting.splice(waiting.indexOf(picked), 1);
          callOrder.push(picked);
          now += serviceMinutes[callOrder.length % serviceMinutes.length] * MINUTE_MS;
        }
        // Assert: everyone called once; nobody issued after a ticket fell due is called before it.
        expect(new Set(callOrder.map((t) => t.id)).size).toBe(schedule.length);
        callOrder.forEach((ticket, position) => {
          const calledEarlier = callOrder.slice(0, position);
          for (const earlier of calledEarlier) expect(earlier.issuedAt).toBeLessThanOrEqual(ticket.dueAt);
        });
      }),
    );
  });

  it('(e) puts a priority ticket before every regular ticket issued less than (max wait − priority max wait) before it', () => {
    const pairArb = officeArb.chain((office) =>
      fc.record({
        office: fc.constant(office),
        waiting: waitingArb(office),
        priorityService: fc.constantFrom(...SERVICE_IDS),
        regularService: fc.constantFrom(...SERVICE_IDS),
        priority: fc.constantFrom(...PRIORITY_CATEGORIES),
        priorityIssuedAt: issuedAtArb,
        // How long after the limit of (max wait − priority max wait) before the priority ticket the regular one was issued.
        sinceLimit: fc.integer({ min: 1, max: 3 * 60 * MINUTE_MS }),
      }),
    );
    fc.assert(
      fc.property(pairArb, ({ office, waiting, priorityService, regularService, priority, priorityIssuedAt, sinceLimit }) => {
        // Arrange
        const headStart = (office.maxWait[regularService] - office.priorityMaxWait) * MINUTE_MS;
        const p = entry(office, 'p', priorityService, priorityIssuedAt, priority);
        const r = entry(office, 'r', regularService, priorityIssuedAt - headStart + sinceLimit);
        const counter: CounterScope = { serviceIds: [priorityService, regularService], priorityOnly: false };
        // Act
        const queue = queueFor([r, ...waiting, p], counter);
        // Assert
        expect(queue.indexOf(p)).toBeLessThan(queue.indexOf(r));
      }),
    );
  });

  it('(f) makes a priority counter take any waiting priority ticket before any regular one', () => {
    fc.assert(
      fc.property(sceneArb(true), ({ waiting, counter }) => {
        const mine = waiting.filter((t) => mayServe(counter, t));
        const priorityWaiting = mine.filter((t) => t.priority !== null);
        const picked = pickNext(waiting, counter);
        if (priorityWaiting.length > 0) {
          expect(picked?.priority).not.toBeNull();
          // Among priority tickets, still earliest due first.
          for (const other of priorityWaiting) expect(comesBefore(picked!, other)).toBe(true);
        } else if (mine.length > 0) {
          for (const other of mine) expect(comesBefore(picked!, other)).toBe(true);
        }
        const queue = queueFor(waiting, counter);
        const firstRegular = queue.findIndex((t) => t.priority === null);
        if (firstRegular >= 0) expect(queue.slice(firstRegular).every((t) => t.priority === null)).toBe(true);
      }),
    );
  });

  it("(g) orders a transferred ticket by its new service's due time counted from its original issue", () => {
    const transferArb = officeArb.chain((office) =>
      fc.record({
        office: fc.constant(office),
        issuedAt: issuedAtArb,
        priority: priorityArb,
        // Minutes from issue to the transfer into KK.
        transferAfter: fc.integer({ min: 1, max: 120 }),
        // KK tickets already waiting: issued up to an hour before the transferred one, or any time before the transfer.
        others: fc.array(fc.record({ offset: fc.integer({ min: -60 * MINUTE_MS, max: 120 * MINUTE_MS }), priority: priorityArb }), {
          maxLength: 30,
        }),
      }),
    );
    fc.assert(
      fc.property(transferArb, ({ office, issuedAt, priority, transferAfter, others }) => {
        // Arrange: the ticket moves into KK keeping its issued-at.
        const transferredAt = issuedAt + transferAfter * MINUTE_MS;
        const moved = entry(office, 'moved', 'kk', issuedAt, priority);
        const kkWaiting = others
          .map(({ offset, priority: p }, i) => entry(office, `kk${i}`, 'kk', issuedAt + offset, p))
          .filter((t) => t.issuedAt <= transferredAt);
        const counter: CounterScope = { serviceIds: ['kk'], priorityOnly: false };
        // Act
        const queue = queueFor([...kkWaiting, moved], counter);
        const ahead = new Set(queue.slice(0, queue.indexOf(moved)).map((t) => t.id));
        // Assert: its due time is KK's standard from the original issue, not from the transfer.
        expect(moved.dueAt).toBe(dueTime(issuedAt, office.maxWait.kk, priority, office.priorityMaxWait));
        for (const other of kkWaiting) {
          const sameKind = (other.priority === null) === (priority === null);
          // Of the same kind, only those issued before it are ahead, even though it joined KK last.
          if (sameKind && other.issuedAt > issuedAt) expect(ahead.has(other.id)).toBe(false);
          if (sameKind && other.issuedAt < issuedAt) expect(ahead.has(other.id)).toBe(true);
          // Across kinds, the due time decides.
          if (other.dueAt < moved.dueAt) expect(ahead.has(other.id)).toBe(true);
          if (other.dueAt > moved.dueAt) expect(ahead.has(other.id)).toBe(false);
        }
      }),
    );
  });
});
