import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type AdminCounterView, type FieldProblem, type OpeningHours, type StaffView, NotFoundError, RuleError, fieldConflict, scheduleOutsideHours, scheduleProblems } from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { nextOfficeSeq } from '../database/office-sequence.js';
import { assertNoProblems, violatedConstraint } from './admin-errors.js';
import { refuseNulls } from './admin-scope.js';
import { AdminOfficesService } from './admin-offices.service.js';
import { AuditTrail } from './audit-trail.js';
import type { CreateCounterDto, UpdateCounterDto } from './dto/counter.dto.js';

interface CounterRow {
  id: string;
  office_id: string;
  number: number;
  name: string;
  priority_only: boolean;
  active: boolean;
  schedule: OpeningHours[];
  service_ids: string[] | null;
}

const SELECT = `SELECT c.id, c.office_id, c.number, c.name, c.priority_only, c.active, c.schedule,
       (SELECT array_agg(cs.service_id ORDER BY cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id) AS service_ids
  FROM counters c`;

function toView(row: CounterRow): AdminCounterView {
  return {
    id: row.id,
    officeId: row.office_id,
    number: row.number,
    name: row.name,
    priorityOnly: row.priority_only,
    active: row.active,
    serviceIds: row.service_ids ?? [],
    schedule: row.schedule,
  };
}

type CounterFields = Omit<AdminCounterView, 'id' | 'officeId'>;
const fieldsOf = ({ id: _id, officeId: _officeId, ...fields }: AdminCounterView): CounterFields => fields;

/** Counters (loket): number, name, the services each serves, weekly schedule, priority-only. */
@Injectable()
export class AdminCountersService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly offices: AdminOfficesService,
    private readonly audit: AuditTrail,
  ) {}

  async list(officeId: string, staff: StaffView): Promise<AdminCounterView[]> {
    await this.offices.read(officeId, staff);
    const rows = await this.db.query<CounterRow[]>(`${SELECT} WHERE c.office_id = $1 ORDER BY c.number`, [officeId]);
    return rows.map(toView);
  }

  create(officeId: string, body: CreateCounterDto, actor: StaffView): Promise<AdminCounterView> {
    const now = this.clock.now();
    return this.numberChecked(body.number, () =>
      this.db.transaction(async (manager) => {
        const office = await this.offices.locked(manager, officeId, actor);
        await this.assertValid(manager, office.id, office.openingHours, body);
        await this.assertNumberFree(manager, office.id, body.number, null);
        const [row] = await manager.query<{ id: string }[]>(
          `INSERT INTO counters (office_id, number, name, priority_only, schedule, active) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [office.id, body.number, body.name, body.priorityOnly, JSON.stringify(body.schedule), body.active],
        );
        await this.setServices(manager, row.id, body.serviceIds);
        const view = await this.byId(manager, row.id);
        await this.audit.record(
          manager,
          { actorId: actor.id, officeId: office.id, counterId: row.id, action: 'counter.created', subjectType: 'counter', subjectId: row.id, subjectLabel: view.name, before: null, after: fieldsOf(view) },
          now,
        );
        // Boards and desks list counters from the office snapshot: the new sequence number makes them take a fresh one.
        await nextOfficeSeq(manager, office.id);
        return view;
      }),
    );
  }

  update(counterId: string, body: UpdateCounterDto, actor: StaffView): Promise<AdminCounterView> {
    refuseNulls(body);
    const now = this.clock.now();
    return this.numberChecked(body.number ?? 0, () =>
      this.db.transaction(async (manager) => {
        const current = await this.byId(manager, counterId);
        const office = await this.offices.locked(manager, current.officeId, actor);
        const before = fieldsOf(current);
        const after: CounterFields = { ...before, ...body };
        // Only what the request changes is checked: a name edit is not refused for an older schedule.
        await this.assertValid(manager, office.id, office.openingHours, body);
        if (body.number !== undefined) await this.assertNumberFree(manager, office.id, body.number, counterId);
        if (current.active && !after.active) {
          const [open] = await manager.query<{ state: string }[]>(`SELECT state FROM counter_sessions WHERE counter_id = $1 AND state <> 'closed'`, [counterId]);
          if (open) throw new RuleError('counter_in_use', `${current.name} is ${open.state}; close it before deactivating it`, { state: open.state });
        }
        await manager.query(`UPDATE counters SET number = $2, name = $3, priority_only = $4, schedule = $5, active = $6 WHERE id = $1`, [
          counterId,
          after.number,
          after.name,
          after.priorityOnly,
          JSON.stringify(after.schedule),
          after.active,
        ]);
        if (body.serviceIds) await this.setServices(manager, counterId, body.serviceIds);
        const view = await this.byId(manager, counterId);
        await this.audit.record(
          manager,
          { actorId: actor.id, officeId: office.id, counterId, action: 'counter.updated', subjectType: 'counter', subjectId: counterId, subjectLabel: view.name, before, after: fieldsOf(view) },
          now,
        );
        await nextOfficeSeq(manager, office.id);
        return view;
      }),
    );
  }

  private async assertValid(manager: EntityManager, officeId: string, officeHours: OpeningHours[], fields: Partial<Pick<CounterFields, 'serviceIds' | 'schedule'>>): Promise<void> {
    const problems: FieldProblem[] = [];
    if (fields.schedule) {
      problems.push(...scheduleProblems(fields.schedule));
      if (problems.length === 0) problems.push(...scheduleOutsideHours(fields.schedule, officeHours));
    }
    if (fields.serviceIds) await this.serviceProblems(manager, officeId, fields.serviceIds, problems);
    assertNoProblems(problems);
  }

  private async serviceProblems(manager: EntityManager, officeId: string, serviceIds: string[], problems: FieldProblem[]): Promise<void> {
    const ids = [...new Set(serviceIds)];
    if (ids.length === 0) problems.push({ field: 'serviceIds', problems: ['a counter serves at least one service'] });
    if (ids.length !== serviceIds.length) problems.push({ field: 'serviceIds', problems: ['a service is listed twice'] });
    if (ids.length > 0) {
      const found = await manager.query<{ id: string }[]>(`SELECT id FROM services WHERE office_id = $1 AND id = ANY($2::uuid[])`, [officeId, ids]);
      const unknown = ids.filter((id) => !found.some((row) => row.id === id));
      if (unknown.length > 0) problems.push({ field: 'serviceIds', problems: [`not services of this office: ${unknown.join(', ')}`] });
    }
  }

  private async setServices(manager: EntityManager, counterId: string, serviceIds: string[]): Promise<void> {
    await manager.query(`DELETE FROM counter_services WHERE counter_id = $1 AND NOT (service_id = ANY($2::uuid[]))`, [counterId, serviceIds]);
    await manager.query(`INSERT INTO counter_services (counter_id, service_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`, [counterId, serviceIds]);
  }

  private async byId(manager: EntityManager, counterId: string): Promise<AdminCounterView> {
    const [row] = await manager.query<CounterRow[]>(`${SELECT} WHERE c.id = $1`, [counterId]);
    if (!row) throw new NotFoundError(`No counter with the id "${counterId}"`);
    return toView(row);
  }

  private async assertNumberFree(manager: EntityManager, officeId: string, number: number, exceptId: string | null): Promise<void> {
    const [taken] = await manager.query<{ name: string }[]>(`SELECT name FROM counters WHERE office_id = $1 AND number = $2 AND id IS DISTINCT FROM $3::uuid`, [officeId, number, exceptId]);
    if (taken) throw fieldConflict('counter_number_taken', 'number', `Number ${number} is already ${taken.name} in this office`);
  }

  private async numberChecked<T>(number: number, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (violatedConstraint(error) === 'counters_office_id_number_key') throw fieldConflict('counter_number_taken', 'number', `Number ${number} is already used in this office`);
      throw error;
    }
  }
}
