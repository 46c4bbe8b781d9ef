import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OpeningHours } from '@loket/domain';

@Entity('offices')
export class OfficeEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') slug: string;
  @Column('text') name: string;
  @Column('text', { name: 'time_zone' }) timeZone: string;
  @Column('jsonb', { name: 'opening_hours' }) openingHours: OpeningHours[];
  @Column('integer', { name: 'priority_max_wait_minutes' }) priorityMaxWaitMinutes: number;
  @Column('integer', { name: 'no_show_after_minutes' }) noShowAfterMinutes: number;
  @Column('integer', { name: 'offline_after_minutes' }) offlineAfterMinutes: number;
  @Column('integer', { name: 'shift_end_grace_minutes' }) shiftEndGraceMinutes: number;
  @Column('text') address: string;
  @Column('text') city: string;
  /** The office's SP4N-LAPOR! link or account name, '' for none (issue 19). */
  @Column('text', { name: 'lapor_channel' }) laporChannel: string;
  /** bigint arrives as a string from pg. */
  @Column('bigint') seq: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
