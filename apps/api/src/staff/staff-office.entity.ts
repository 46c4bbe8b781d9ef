import { Column, Entity } from 'typeorm';

/** The offices a staff member works in. */
@Entity('staff_offices')
export class StaffOfficeEntity {
  @Column('uuid', { name: 'staff_id', primary: true }) staffId: string;
  @Column('uuid', { name: 'office_id', primary: true }) officeId: string;
}
