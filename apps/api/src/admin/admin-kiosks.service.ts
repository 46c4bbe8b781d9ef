import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type KioskDeviceView, type KioskSettingsView, NotFoundError, type PairedKioskView, RuleError, type StaffView } from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { KioskDevicesRepository } from '../kiosks/kiosk-devices.repository.js';
import { kioskTokenHash } from '../kiosks/kiosk-token.js';
import { newTrackingCode } from '../tickets/tracking-code.js';
import { AdminOfficesService } from './admin-offices.service.js';
import { AuditTrail } from './audit-trail.js';

/**
 * Pairing an office's kiosks (a token shown once, typed into the kiosk's settings) and its
 * switch for anonymous issuing. Recorded in the audit trail as changes of the office.
 */
@Injectable()
export class AdminKiosksService {
  constructor(
    private readonly db: DataSource,
    private readonly kiosks: KioskDevicesRepository,
    private readonly offices: AdminOfficesService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async settings(officeId: string, staff: StaffView): Promise<KioskSettingsView> {
    const office = await this.offices.read(officeId, staff);
    return {
      officeId: office.id,
      anonymousIssue: await this.kiosks.anonymousIssue(this.db.manager, office.id),
      kiosks: await this.kiosks.ofOffice(this.db.manager, office.id),
    };
  }

  pair(officeId: string, name: string, actor: StaffView): Promise<PairedKioskView> {
    const now = this.clock.now();
    const token = newTrackingCode();
    return this.db.transaction(async (manager) => {
      const office = await this.offices.locked(manager, officeId, actor);
      const kiosk = await this.kiosks.insert(manager, office.id, name, kioskTokenHash(token), now);
      await this.record(manager, actor, office.id, office.slug, { kiosk: null }, { kiosk: { id: kiosk.id, name: kiosk.name, paired: true } }, now);
      return { ...kiosk, token };
    });
  }

  revoke(kioskId: string, actor: StaffView): Promise<KioskDeviceView> {
    const now = this.clock.now();
    return this.db.transaction(async (manager) => {
      const current = await this.kiosks.byId(manager, kioskId);
      if (!current) throw new NotFoundError(`No kiosk with the id "${kioskId}"`);
      const office = await this.offices.locked(manager, current.officeId, actor);
      if (current.revokedAt) throw new RuleError('already_inactive', `${current.name} is already revoked`);
      await this.kiosks.revoke(manager, kioskId, now);
      await this.record(
        manager,
        actor,
        office.id,
        office.slug,
        { kiosk: { id: kioskId, name: current.name, paired: true } },
        { kiosk: { id: kioskId, name: current.name, paired: false } },
        now,
      );
      return (await this.kiosks.byId(manager, kioskId))!;
    });
  }

  setAnonymousIssue(officeId: string, enabled: boolean, actor: StaffView): Promise<KioskSettingsView> {
    const now = this.clock.now();
    return this.db.transaction(async (manager) => {
      const office = await this.offices.locked(manager, officeId, actor);
      const before = await this.kiosks.anonymousIssue(manager, office.id);
      await this.kiosks.setAnonymousIssue(manager, office.id, enabled);
      await this.record(manager, actor, office.id, office.slug, { anonymousIssue: before }, { anonymousIssue: enabled }, now);
      return { officeId: office.id, anonymousIssue: enabled, kiosks: await this.kiosks.ofOffice(manager, office.id) };
    });
  }

  private record(manager: EntityManager, actor: StaffView, officeId: string, slug: string, before: unknown, after: unknown, now: Date): Promise<void> {
    return this.audit.record(
      manager,
      { actorId: actor.id, officeId, action: 'office.updated', subjectType: 'office', subjectId: officeId, subjectLabel: slug, before, after },
      now,
    );
  }
}
