import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type AdminCounterView,
  type FieldProblem,
  type OpeningHours,
  type StaffView,
  NotFoundError,
  RuleError,
  assertBreaksFit,
  assertMovable,
  fieldConflict,
  scheduleOutsideHours,
  scheduleProblems,
} from '@loket/domain';
import { assertNoProblems } from './admin-errors.js';
import { refuseNulls } from './admin-scope.js';
import { AdminCountersRepository } from './admin-counters.repository.js';
import { AdminAgenciesRepository } from './admin-agencies.repository.js';
import { AdminAgenciesService } from './admin-agencies.service.js';
import { AdminOfficesService } from './admin-offices.service.js';
import type { CreateCounterDto, UpdateCounterDto } from './dto/counter.dto.js';
import { OfficeSetupChanges } from './office-setup-changes.js';

type CounterFields = Omit<AdminCounterView, 'id' | 'officeId'>;
const fieldsOf = ({ id: _id, officeId: _officeId, ...fields }: AdminCounterView): CounterFields => fields;

/** Counters (loket): number, name, the services each serves, weekly schedule, priority-only. */
@Injectable()
export class AdminCountersService {
  constructor(
    private readonly setup: OfficeSetupChanges,
    private readonly counters: AdminCountersRepository,
    private readonly offices: AdminOfficesService,
    private readonly agencies: AdminAgenciesService,
    private readonly agencyRows: AdminAgenciesRepository,
  ) {}

  async list(officeId: string, staff: StaffView): Promise<AdminCounterView[]> {
    await this.offices.read(officeId, staff);
    return this.counters.ofOffice(officeId);
  }

  create(officeId: string, body: CreateCounterDto, actor: StaffView): Promise<AdminCounterView> {
    return this.setup.run(actor, this.numberConflict(body.number), async (manager, change) => {
      const office = await this.offices.locked(manager, officeId, actor);
      await this.assertValid(manager, office.id, office.openingHours, body);
      await this.assertNumberFree(manager, office.id, body.number, null);
      if (body.agencyId !== undefined) await this.agencies.assertOfOffice(manager, office.id, body.agencyId);
      const id = await this.counters.insert(manager, office.id, { ...body, agencyId: body.agencyId ?? null }, change.now);
      await this.counters.setServices(manager, id, body.serviceIds);
      const view = await this.byId(manager, id);
      // Boards and desks list counters from the office snapshot: the new sequence number makes them take a fresh one.
      await change.record({
        officeId: office.id,
        counterId: id,
        action: 'counter.created',
        subjectType: 'counter',
        subjectId: id,
        subjectLabel: view.name,
        before: null,
        after: fieldsOf(view),
      });
      return view;
    });
  }

  update(counterId: string, body: UpdateCounterDto, actor: StaffView): Promise<AdminCounterView> {
    refuseNulls(body);
    return this.setup.run(actor, this.numberConflict(body.number ?? 0), async (manager, change) => {
      // The counter first, then the office: the order an open or a call takes them (the office's
      // sequence comes last), so neither waits on the other in a circle. Read after both locks, the
      // counter is as the last change left it, and an open cannot slip in between the session check and the write.
      const officeId = await this.counters.lock(manager, counterId);
      if (!officeId) throw new NotFoundError(`No counter with the id "${counterId}"`);
      const office = await this.offices.locked(manager, officeId, actor);
      const current = await this.byId(manager, counterId);
      const before = fieldsOf(current);
      const after: CounterFields = { ...before, ...body };
      // Only what the request changes is checked: a name edit is not refused for an older schedule.
      await this.assertValid(manager, office.id, office.openingHours, body);
      if (body.number !== undefined) await this.assertNumberFree(manager, office.id, body.number, counterId);
      if (body.agencyId !== undefined && body.agencyId !== current.agencyId) {
        await this.agencies.assertOfOffice(manager, office.id, body.agencyId);
        // Under the counter's lock, which opening it takes first: it cannot open between this check and the move.
        assertMovable(current.name, await this.agencyRows.openCounter(manager, counterId));
      }
      if (current.active && !after.active) {
        const state = await this.counters.openSessionState(manager, counterId);
        if (state) throw new RuleError('counter_in_use', `${current.name} is ${state}; close it before deactivating it`, { state });
      }
      await this.counters.update(manager, counterId, after, change.now);
      if (body.serviceIds) await this.counters.setServices(manager, counterId, body.serviceIds);
      const view = await this.byId(manager, counterId);
      await change.record({
        officeId: office.id,
        counterId,
        action: 'counter.updated',
        subjectType: 'counter',
        subjectId: counterId,
        subjectLabel: view.name,
        before,
        after: fieldsOf(view),
      });
      return view;
    });
  }

  private async assertValid(
    manager: EntityManager,
    officeId: string,
    officeHours: OpeningHours[],
    fields: Partial<Pick<CounterFields, 'serviceIds' | 'schedule'>>,
  ): Promise<void> {
    const problems: FieldProblem[] = [];
    if (fields.schedule) {
      problems.push(...scheduleProblems(fields.schedule));
      if (problems.length === 0) problems.push(...scheduleOutsideHours(fields.schedule, officeHours));
    }
    if (fields.serviceIds) await this.serviceProblems(manager, officeId, fields.serviceIds, problems);
    assertNoProblems(problems);
    // The breaks after the hours: a break is judged against hours already found sound.
    if (fields.schedule) assertBreaksFit(fields.schedule);
  }

  private async serviceProblems(manager: EntityManager, officeId: string, serviceIds: string[], problems: FieldProblem[]): Promise<void> {
    const ids = [...new Set(serviceIds)];
    if (ids.length === 0) problems.push({ field: 'serviceIds', problems: ['a counter serves at least one service'] });
    if (ids.length !== serviceIds.length) problems.push({ field: 'serviceIds', problems: ['a service is listed twice'] });
    if (ids.length > 0) {
      const found = await this.counters.servicesOfOffice(manager, officeId, ids);
      const unknown = ids.filter((id) => !found.includes(id));
      if (unknown.length > 0) problems.push({ field: 'serviceIds', problems: [`not services of this office: ${unknown.join(', ')}`] });
    }
  }

  private async byId(manager: EntityManager, counterId: string): Promise<AdminCounterView> {
    const view = await this.counters.byId(manager, counterId);
    if (!view) throw new NotFoundError(`No counter with the id "${counterId}"`);
    return view;
  }

  private async assertNumberFree(manager: EntityManager, officeId: string, number: number, exceptId: string | null): Promise<void> {
    const taken = await this.counters.numberTakenBy(manager, officeId, number, exceptId);
    if (taken) throw fieldConflict('counter_number_taken', 'number', `Number ${number} is already ${taken} in this office`);
  }

  private numberConflict(number: number): Record<string, () => RuleError> {
    return { counters_office_id_number_key: () => fieldConflict('counter_number_taken', 'number', `Number ${number} is already used in this office`) };
  }
}
