import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type AdminStaffView,
  type FieldProblem,
  type StaffRole,
  type StaffView,
  NotFoundError,
  RuleError,
  fieldConflict,
  invalidField,
  nipProblem,
} from '@loket/domain';
import { hashPassword } from '../auth/password.js';
import { SessionRevoker } from '../auth/session-revoker.js';
import { Clock } from '../clock/clock.js';
import { StaffRepository } from '../staff/staff.repository.js';
import { assertNoProblems, uniqueChecked } from './admin-errors.js';
import { refuseNulls, visibleOfficeIds } from './admin-scope.js';
import { AuditTrail, type AuditRecord } from './audit-trail.js';
import type { CreateStaffDto, UpdateStaffDto } from './dto/staff.dto.js';

/** What the audit keeps of a staff member: never a password or its hash. */
const audited = ({ createdAt: _createdAt, ...fields }: AdminStaffView) => fields;

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

/** The unique constraints of a staff row, and the conflict each breach is. */
const STAFF_CONFLICTS = {
  staff_username_key: () => fieldConflict('username_taken', 'username', 'This username is taken'),
  staff_nip_unique: () => fieldConflict('nip_taken', 'nip', 'Another staff member already has this NIP'),
};

/**
 * Staff accounts. At least one active admin is always left: every change that could take
 * away an admin (deactivation, a new role) locks the active admins' rows first, so two
 * admins deactivating each other at the same moment are put in a row and the second is refused.
 */
@Injectable()
export class AdminStaffService {
  constructor(
    private readonly db: DataSource,
    private readonly staffRows: StaffRepository,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly sessions: SessionRevoker,
  ) {}

  async list(staff: StaffView, officeId?: string): Promise<AdminStaffView[]> {
    const visible = visibleOfficeIds(staff);
    if (officeId && visible && !visible.includes(officeId)) throw new RuleError('not_your_office', 'You do not work in this office');
    const offices = officeId ? [officeId] : visible;
    return this.staffRows.adminList(offices);
  }

  async create(body: CreateStaffDto, actor: StaffView): Promise<AdminStaffView> {
    this.assertShape(body.role, body.officeIds, body.nip);
    const passwordHash = await hashPassword(body.password);
    const now = this.clock.now();
    return uniqueChecked(STAFF_CONFLICTS, () =>
      this.db.transaction(async (manager) => {
        await this.assertOffices(manager, body.officeIds);
        await this.assertAgency(manager, body.role, body.officeIds, body.agencyId ?? null);
        await this.assertFree(manager, { username: body.username, nip: body.nip ?? null }, null);
        const id = await this.staffRows.insert(manager, {
          username: body.username,
          name: body.name,
          nip: body.nip ?? null,
          role: body.role,
          passwordHash,
          createdAt: now,
          agencyId: body.agencyId ?? null,
        });
        await this.staffRows.setOffices(manager, id, body.officeIds);
        const view = await this.byId(manager, id);
        await this.record(manager, actor, 'staff.created', view, null, audited(view), now);
        return view;
      }),
    );
  }

  async update(staffId: string, body: UpdateStaffDto, actor: StaffView): Promise<AdminStaffView> {
    refuseNulls(body, ['nip', 'agencyId']);
    const now = this.clock.now();
    const { view, accessChanged } = await uniqueChecked(STAFF_CONFLICTS, () =>
      this.db.transaction(async (manager) => {
        const takesAdminAway = (view: AdminStaffView) => view.role === 'admin' && view.active && (body.role ?? view.role) !== 'admin';
        const current = await this.lockAccount(manager, staffId, actor, takesAdminAway);
        const after = {
          ...audited(current),
          ...body,
          nip: body.nip === undefined ? current.nip : body.nip,
          agencyId: body.agencyId === undefined ? current.agencyId : body.agencyId,
        };
        this.assertShape(after.role, after.officeIds, body.nip);
        if (body.officeIds) await this.assertOffices(manager, body.officeIds);
        await this.assertAgency(manager, after.role, after.officeIds, after.agencyId);
        await this.assertFree(manager, { nip: body.nip ?? null }, staffId);
        // Like a deactivation: an officer keeps the offices of a counter they hold until it is closed.
        if (body.officeIds && after.role !== 'admin') {
          const open = await this.staffRows.openCounterOutside(manager, staffId, body.officeIds);
          if (open) throw new RuleError('staff_at_counter', `${current.name} still has ${open} open; it must be closed first`);
        }
        await this.staffRows.update(manager, staffId, { name: after.name, nip: after.nip, role: after.role, agencyId: after.agencyId });
        if (body.officeIds) await this.staffRows.setOffices(manager, staffId, body.officeIds);
        const view = await this.byId(manager, staffId);
        await this.record(manager, actor, 'staff.updated', view, audited(current), audited(view), now);
        // A new role or set of offices changes what their token may do: they log in again.
        if (after.role !== current.role) await this.sessions.endSessions(staffId, manager);
        return {
          view,
          accessChanged: after.role !== current.role || !sameMembers(current.officeIds, view.officeIds) || current.agencyId !== view.agencyId,
        };
      }),
    );
    // Their open sockets joined rooms under the old role and offices: they connect again, and are checked again.
    if (accessChanged) this.sessions.endSockets(staffId);
    return view;
  }

  async resetPassword(staffId: string, password: string, actor: StaffView): Promise<AdminStaffView> {
    const passwordHash = await hashPassword(password);
    const now = this.clock.now();
    const view = await this.db.transaction(async (manager) => {
      const current = await this.byId(manager, staffId);
      await this.staffRows.setPasswordHash(manager, staffId, passwordHash);
      // Whoever held the old password is logged out everywhere, in the same transaction.
      await this.sessions.endSessions(staffId, manager);
      await this.record(manager, actor, 'staff.password_reset', current, null, null, now);
      return current;
    });
    this.sessions.endSockets(staffId);
    return view;
  }

  async setActive(staffId: string, active: boolean, actor: StaffView): Promise<AdminStaffView> {
    const now = this.clock.now();
    const view = await this.db.transaction(async (manager) => {
      const current = await this.lockAccount(manager, staffId, actor, (view) => !active && view.active && view.role === 'admin');
      if (current.active === active) {
        throw new RuleError(active ? 'already_active' : 'already_inactive', `${current.name} is already ${active ? 'active' : 'inactive'}`);
      }
      if (!active) {
        const open = await this.staffRows.openCounterOf(manager, staffId);
        if (open) throw new RuleError('staff_at_counter', `${current.name} still has ${open} open; it must be closed first`);
      }
      await this.staffRows.setActive(manager, staffId, active);
      if (!active) await this.sessions.endSessions(staffId, manager);
      const view = await this.byId(manager, staffId);
      await this.record(manager, actor, active ? 'staff.reactivated' : 'staff.deactivated', view, { active: current.active }, { active }, now);
      return view;
    });
    if (!active) this.sessions.endSockets(staffId);
    return view;
  }

  /**
   * Locks the account's row and reads it as of after the lock. A counter open takes the same
   * lock (see CountersRepository.lockOfficer), so a deactivation or a new set of offices and an
   * open run one after the other, and two changes of one account cannot both act on what
   * they read before the other. When the change may take an admin away, the active admins
   * are locked (and checked) first, in id order as `assertAdminLeft` takes them, so the locks
   * are always taken in one order.
   */
  private async lockAccount(
    manager: EntityManager,
    staffId: string,
    actor: StaffView,
    takesAdminAway: (view: AdminStaffView) => boolean,
  ): Promise<AdminStaffView> {
    const adminsChecked = takesAdminAway(await this.byId(manager, staffId));
    if (adminsChecked) await this.assertAdminLeft(manager, staffId, actor);
    await this.staffRows.lock(manager, staffId);
    const current = await this.byId(manager, staffId);
    // Made an admin meanwhile: rare enough to take the admins' locks after this one.
    if (!adminsChecked && takesAdminAway(current)) await this.assertAdminLeft(manager, staffId, actor);
    return current;
  }

  /**
   * Refuses a change that would leave no active admin. The active admins' rows are locked
   * (in id order, so two such changes never deadlock) and counted after any change that
   * was holding them has committed: the second of two concurrent deactivations sees one admin left.
   */
  private async assertAdminLeft(manager: EntityManager, leavingId: string, actor: StaffView): Promise<void> {
    const admins = await this.staffRows.lockActiveAdmins(manager);
    if (!admins.includes(actor.id)) throw new RuleError('forbidden', 'Your account is no longer an active admin');
    if (admins.filter((id) => id !== leavingId).length === 0) {
      throw new RuleError('last_admin', 'This is the last active admin; make someone else admin first');
    }
  }

  /** Officers and supervisors work in at least one office; a NIP, when given, is well formed. */
  private assertShape(role: StaffRole, officeIds: string[], nip: string | null | undefined): void {
    const problems: FieldProblem[] = [];
    if (role !== 'admin' && officeIds.length === 0) problems.push({ field: 'officeIds', problems: [`a ${role} works in at least one office`] });
    if (new Set(officeIds).size !== officeIds.length) problems.push({ field: 'officeIds', problems: ['an office is listed twice'] });
    const nipIssue = nip ? nipProblem(nip) : null;
    if (nipIssue) problems.push({ field: 'nip', problems: [nipIssue] });
    assertNoProblems(problems);
  }

  /**
   * An agency confines an officer or supervisor to part of one of their offices; an admin acts
   * for every office and agency, and a regional head oversees whole offices, so none is given
   * to either (400 on `agencyId`).
   */
  private async assertAgency(manager: EntityManager, role: StaffRole, officeIds: string[], agencyId: string | null): Promise<void> {
    if (agencyId === null) return;
    if (role === 'admin') throw invalidField('agencyId', 'an admin acts for every agency: agencyId must be null');
    if (role === 'regional') throw invalidField('agencyId', 'a regional head oversees whole offices: agencyId must be null');
    const office = await this.staffRows.agencyOffice(manager, agencyId);
    if (office === null || !officeIds.includes(office)) throw invalidField('agencyId', `agencyId is not an agency of their offices: ${agencyId}`);
  }

  private async assertOffices(manager: EntityManager, officeIds: string[]): Promise<void> {
    if (officeIds.length === 0) return;
    const found = await this.staffRows.existingOffices(manager, officeIds);
    const unknown = officeIds.filter((id) => !found.includes(id));
    if (unknown.length > 0)
      throw new RuleError('validation_failed', `No such office: ${unknown.join(', ')}`, [
        { field: 'officeIds', problems: [`no such office: ${unknown.join(', ')}`] },
      ]);
  }

  private async assertFree(manager: EntityManager, fields: { username?: string; nip: string | null }, exceptId: string | null): Promise<void> {
    if (fields.username) {
      if (await this.staffRows.usernameTaken(manager, fields.username))
        throw fieldConflict('username_taken', 'username', `The username "${fields.username}" is taken`);
    }
    if (fields.nip) {
      if (await this.staffRows.nipTaken(manager, fields.nip, exceptId)) throw fieldConflict('nip_taken', 'nip', 'Another staff member already has this NIP');
    }
  }

  private async byId(manager: EntityManager, staffId: string): Promise<AdminStaffView> {
    const view = await this.staffRows.adminById(manager, staffId);
    if (!view) throw new NotFoundError(`No staff member with the id "${staffId}"`);
    return view;
  }

  /** Staff belong to offices, not to one: the row names no office, and only admins read it (see AuditService). */
  private record(
    manager: EntityManager,
    actor: StaffView,
    action: AuditRecord['action'],
    subject: AdminStaffView,
    before: unknown,
    after: unknown,
    at: Date,
  ): Promise<void> {
    return this.audit.record(
      manager,
      { actorId: actor.id, officeId: null, action, subjectType: 'staff', subjectId: subject.id, subjectLabel: subject.username, before, after },
      at,
    );
  }
}
