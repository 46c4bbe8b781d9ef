import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CounterState, PauseReason } from '@loket/domain';

/** An officer's shift at a counter, from open to close. */
@Entity('counter_sessions')
export class CounterSessionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'counter_id' }) counterId: string;
  @Column('uuid', { name: 'staff_id' }) staffId: string;
  @Column('text') state: CounterState;
  @Column('text', { name: 'pause_reason', nullable: true }) pauseReason: PauseReason | null;
  @Column('timestamptz', { name: 'opened_at' }) openedAt: Date;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt: Date | null;
}
