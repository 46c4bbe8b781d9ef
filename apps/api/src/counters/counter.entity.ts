import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OpeningHours } from '@loket/domain';

@Entity('counters')
export class CounterEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'office_id' }) officeId: string;
  @Column('integer') number: number;
  @Column('text') name: string;
  @Column('boolean', { name: 'priority_only' }) priorityOnly: boolean;
  /** Weekly schedule: the hours this counter is meant to be open. */
  @Column('jsonb') schedule: OpeningHours[];
  @Column('boolean') active: boolean;
}
