import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A service the office offers (layanan), with its standard. */
@Entity('services')
export class ServiceEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'office_id' }) officeId: string;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('integer', { name: 'max_wait_minutes' }) maxWaitMinutes: number;
  @Column('integer', { name: 'service_time_minutes' }) serviceTimeMinutes: number;
  @Column('integer', { name: 'cost_rupiah' }) costRupiah: number;
  @Column('jsonb') requirements: string[];
  @Column('text', { name: 'completion_time' }) completionTime: string;
  @Column('integer', { name: 'daily_quota', nullable: true }) dailyQuota: number | null;
  @Column('boolean') active: boolean;
  @Column('integer', { name: 'sort_order' }) sortOrder: number;
}
