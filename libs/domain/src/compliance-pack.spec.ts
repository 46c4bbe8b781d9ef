import { type PriorityFact, type ServiceChange, priorityFigures, standardVersions } from './compliance-pack.js';

describe('the standard’s version, from the audit trail', () => {
  const at = (minute: number) => Date.UTC(2026, 10, 30, 1, minute);
  const change = (serviceId: string, action: ServiceChange['action'], minute: number, before: object | null, after: object): ServiceChange => ({
    serviceId,
    action,
    at: at(minute),
    before: before as Record<string, unknown> | null,
    after: after as Record<string, unknown>,
  });

  it('starts at 1 when the service is created, and adds one for each change of a component', () => {
    const versions = standardVersions([
      change('a', 'service.created', 0, null, { requirements: ['KK'], sortOrder: 1 }),
      change('a', 'service.updated', 5, { requirements: ['KK'], product: '' }, { requirements: ['KK', 'KTP'], product: '' }),
      change('a', 'service.updated', 9, { product: '' }, { product: 'KTP-el' }),
    ]);
    expect(versions.get('a')).toEqual({ version: 3, since: new Date(at(9)).toISOString() });
  });

  it('does not count a change outside the 14 components, nor one that wrote the same value', () => {
    const versions = standardVersions([
      change('a', 'service.updated', 3, { sortOrder: 1, dailyQuota: 10, costRupiah: 0 }, { sortOrder: 2, dailyQuota: 20, costRupiah: 0 }),
      change('a', 'service.updated', 4, { executorCount: null }, { executorCount: null }),
    ]);
    // Seeded, never created through the admin: version 1 with no recorded day.
    expect(versions.get('a')).toEqual({ version: 1, since: null });
    expect(standardVersions([change('b', 'service.updated', 7, { costRupiah: 0 }, { costRupiah: 5000 })]).get('b')).toEqual({
      version: 2,
      since: new Date(at(7)).toISOString(),
    });
  });

  it('reads the changes in time order whatever order they come in', () => {
    const versions = standardVersions([
      change('a', 'service.updated', 9, { product: 'x' }, { product: 'y' }),
      change('a', 'service.created', 0, null, { product: 'x' }),
    ]);
    expect(versions.get('a')).toEqual({ version: 2, since: new Date(at(9)).toISOString() });
  });
});

describe('priority service per group', () => {
  const issuedAt = Date.UTC(2026, 10, 30, 1, 0);
  const fact = (group: PriorityFact['group'], waitMinutes: number | null, over: Partial<PriorityFact> = {}): PriorityFact => ({
    group,
    status: 'done',
    issuedAt,
    firstCalledAt: waitMinutes === null ? null : issuedAt + waitMinutes * 60_000,
    serviceMaxWaitMinutes: 30,
    ...over,
  });

  it('lists every group the law names, and holds each ticket to the sooner of the priority and the service maximum', () => {
    const { rows, total } = priorityFigures(
      [
        fact('lanjut_usia', 4),
        fact('lanjut_usia', 10),
        fact('lanjut_usia', 10.5),
        // Its service promises 5 minutes, sooner than the priority maximum: 6 is late.
        fact('wanita_hamil', 6, { serviceMaxWaitMinutes: 5 }),
        fact('disabilitas', null, { status: 'cancelled' }),
      ],
      10,
    );
    expect(rows.map((row) => row.group)).toEqual(['disabilitas', 'lanjut_usia', 'wanita_hamil', 'anak_anak', 'korban_bencana_alam', 'korban_bencana_sosial']);
    const elderly = rows.find((row) => row.group === 'lanjut_usia')!;
    expect(elderly).toEqual({ group: 'lanjut_usia', issued: 3, served: 3, called: 3, withinStandard: 2, withinShare: 2 / 3, medianWaitMinutes: 10 });
    expect(rows.find((row) => row.group === 'wanita_hamil')).toMatchObject({ withinStandard: 0, withinShare: 0 });
    expect(rows.find((row) => row.group === 'disabilitas')).toEqual({
      group: 'disabilitas',
      issued: 1,
      served: 0,
      called: 0,
      withinStandard: 0,
      withinShare: null,
      medianWaitMinutes: null,
    });
    expect(total).toEqual({ issued: 5, served: 4, called: 4, withinStandard: 2, withinShare: 0.5, medianWaitMinutes: 8 });
  });
});
