import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type AdminOfficeView, type StaffView, NotFoundError, fieldConflict, scheduleProblems } from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { assertOfficeAccess } from '../common/office-access.js';
import { nextOfficeSeq } from '../database/office-sequence.js';
import { OfficeEntity } from '../offices/office.entity.js';
import { toOfficeView } from '../offices/office-queries.js';
import { assertNoProblems, violatedConstraint } from './admin-errors.js';
import { refuseNulls, visibleOfficeIds } from './admin-scope.js';
import { AuditTrail } from './audit-trail.js';
import type { CreateOfficeDto, UpdateOfficeDto } from './dto/office.dto.js';

/** Offices: name, slug, time zone, opening hours. */
@Injectable()
export class AdminOfficesService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  async list(staff: StaffView): Promise<AdminOfficeView[]> {
    const visible = visibleOfficeIds(staff);
    const rows = await this.db.getRepository(OfficeEntity).find({ order: { name: 'ASC' } });
    return rows.filter((row) => visible === null || visible.includes(row.id)).map(toOfficeView);
  }

  /** The office, locked for the rest of the transaction, after checking the reader may reach it. */
  async locked(manager: EntityManager, officeId: string, staff: StaffView): Promise<OfficeEntity> {
    const office = await manager.getRepository(OfficeEntity).findOne({ where: { id: officeId }, lock: { mode: 'pessimistic_write' } });
    if (!office) throw new NotFoundError(`No office with the id "${officeId}"`);
    assertOfficeAccess(staff, office.id);
    return office;
  }

  async read(officeId: string, staff: StaffView): Promise<OfficeEntity> {
    const office = await this.db.getRepository(OfficeEntity).findOneBy({ id: officeId });
    if (!office) throw new NotFoundError(`No office with the id "${officeId}"`);
    assertOfficeAccess(staff, office.id);
    return office;
  }

  async create(body: CreateOfficeDto, actor: StaffView): Promise<AdminOfficeView> {
    assertNoProblems(scheduleProblems(body.openingHours, 'openingHours'));
    const now = this.clock.now();
    return this.withSlugCheck(() =>
      this.db.transaction(async (manager) => {
        await this.assertSlugFree(manager, body.slug, null);
        const [row] = await manager.query<{ id: string }[]>(
          `INSERT INTO offices (slug, name, time_zone, opening_hours, priority_max_wait_minutes, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [body.slug, body.name, body.timeZone, JSON.stringify(body.openingHours), body.priorityMaxWaitMinutes, now],
        );
        const view = toOfficeView((await manager.getRepository(OfficeEntity).findOneBy({ id: row.id }))!);
        await this.audit.record(manager, { actorId: actor.id, officeId: row.id, action: 'office.created', subjectType: 'office', subjectId: row.id, subjectLabel: view.slug, before: null, after: view }, now);
        return view;
      }),
    );
  }

  async update(officeId: string, body: UpdateOfficeDto, actor: StaffView): Promise<AdminOfficeView> {
    refuseNulls(body);
    if (body.openingHours) assertNoProblems(scheduleProblems(body.openingHours, 'openingHours'));
    const now = this.clock.now();
    return this.withSlugCheck(() =>
      this.db.transaction(async (manager) => {
        const office = await this.locked(manager, officeId, actor);
        if (body.slug !== undefined) await this.assertSlugFree(manager, body.slug, office.id);
        const before = toOfficeView(office);
        const after = { ...before, ...body };
        await manager.query(`UPDATE offices SET slug = $2, name = $3, time_zone = $4, opening_hours = $5, priority_max_wait_minutes = $6 WHERE id = $1`, [
          office.id,
          after.slug,
          after.name,
          after.timeZone,
          JSON.stringify(after.openingHours),
          after.priorityMaxWaitMinutes,
        ]);
        await this.audit.record(manager, { actorId: actor.id, officeId: office.id, action: 'office.updated', subjectType: 'office', subjectId: office.id, subjectLabel: after.slug, before, after }, now);
        // The screens show the office's name and hours: the bumped sequence makes them resync.
        await nextOfficeSeq(manager, office.id);
        return after;
      }),
    );
  }

  private async assertSlugFree(manager: EntityManager, slug: string, exceptId: string | null): Promise<void> {
    const [taken] = await manager.query<{ id: string }[]>(`SELECT id FROM offices WHERE slug = $1 AND id IS DISTINCT FROM $2::uuid`, [slug, exceptId]);
    if (taken) throw fieldConflict('office_slug_taken', 'slug', `Another office already uses the slug "${slug}"`);
  }

  private async withSlugCheck<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (violatedConstraint(error) === 'offices_slug_key') throw fieldConflict('office_slug_taken', 'slug', 'Another office already uses this slug');
      throw error;
    }
  }
}
