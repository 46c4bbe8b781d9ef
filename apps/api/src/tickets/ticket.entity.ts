import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PriorityCategory, TicketStatus } from '@loket/domain';

/** Persistence only: the API answers with `TicketView` from libs/domain, never this. */
@Entity('tickets')
export class TicketEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'office_id' }) officeId: string;
  @Column('uuid', { name: 'service_id' }) serviceId: string;
  @Column('uuid', { name: 'issued_service_id' }) issuedServiceId: string;
  @Column('date', { name: 'service_day' }) serviceDay: string;
  @Column('integer') number: number;
  @Column('text', { name: 'issued_code' }) issuedCode: string;
  @Column('text', { nullable: true }) priority: PriorityCategory | null;
  @Column('text') status: TicketStatus;
  @Column('timestamptz', { name: 'issued_at' }) issuedAt: Date;
  @Column('timestamptz', { name: 'due_at' }) dueAt: Date;
  @Column('uuid', { name: 'counter_id', nullable: true }) counterId: string | null;
  @Column('uuid', { name: 'staff_id', nullable: true }) staffId: string | null;
  @Column('timestamptz', { name: 'called_at', nullable: true }) calledAt: Date | null;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt: Date | null;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt: Date | null;
  @Column('integer', { name: 'recall_count' }) recallCount: number;
  @Column('text', { name: 'tracking_code' }) trackingCode: string;
  @Column('text', { name: 'idempotency_key', nullable: true }) idempotencyKey: string | null;
}
