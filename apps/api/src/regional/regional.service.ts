import { Injectable } from '@nestjs/common';
import { type RegionalOfficeRow, type RegionalSnapshot, type StaffView, REGIONAL_RULES, serviceDay, skmPeriod, sortRegionalRows } from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { OfficesService } from '../offices/offices.service.js';
import { type RegionalOffice, RegionalRepository } from './regional.repository.js';
import { RegionalRows } from './regional-rows.js';

/**
 * The regional dashboard (issue 20): a regional head's offices (those assigned to them), an
 * admin's every office, one row each, sorted by where they are failing.
 */
@Injectable()
export class RegionalService {
  constructor(
    private readonly clock: Clock,
    private readonly offices: OfficesService,
    private readonly regional: RegionalRepository,
    private readonly rows: RegionalRows,
  ) {}

  /** The offices the staff member oversees: their assigned ones, every office for an admin. */
  officesOf(staff: StaffView): Promise<RegionalOffice[]> {
    return this.regional.offices(staff.role === 'admin' ? null : staff.officeIds);
  }

  /** A fresh row for each of the offices, sorted. */
  async snapshot(staff: StaffView, offices?: readonly RegionalOffice[]): Promise<RegionalSnapshot> {
    const set = offices ?? (await this.officesOf(staff));
    const rows = await this.rows.fresh(set);
    const timeZone = set[0]?.timeZone ?? 'Asia/Jakarta';
    return { rows: sortRegionalRows(rows), period: skmPeriod('semester', serviceDay(this.clock.now(), timeZone)), rules: REGIONAL_RULES };
  }

  /** One office's row, fresh. */
  async office(slug: string, staff: StaffView): Promise<RegionalOfficeRow> {
    // An office outside the set: 403 `not_your_office` (`assertOfficeAccess`).
    const office = await this.offices.forStaff(slug, staff);
    const [row] = await this.rows.fresh([{ id: office.id, slug: office.slug, timeZone: office.timeZone }]);
    return row;
  }
}
