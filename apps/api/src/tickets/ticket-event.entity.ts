import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: one row per ticket transition, with who, when and where. */
@Entity('ticket_events')
export class TicketEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column('uuid', { name: 'ticket_id' }) ticketId: string;
  @Column('uuid', { name: 'office_id' }) officeId: string;
  @Column('text') type: string;
  @Column('timestamptz') at: Date;
  @Column('text', { name: 'actor_kind' }) actorKind: 'citizen' | 'staff' | 'system';
  @Column('uuid', { name: 'actor_staff_id', nullable: true }) actorStaffId: string | null;
  @Column('uuid', { name: 'counter_id', nullable: true }) counterId: string | null;
  @Column('uuid', { name: 'service_id' }) serviceId: string;
  @Column('jsonb') payload: Record<string, unknown>;
  @Column('bigint') seq: string;
}
