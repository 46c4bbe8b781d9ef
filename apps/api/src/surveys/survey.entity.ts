import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SurveyScore } from '@loket/domain';

/** Persistence only: one satisfaction survey response, for one ticket. */
@Entity('satisfaction_surveys')
export class SurveyEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'ticket_id' }) ticketId: string;
  @Column('uuid', { name: 'office_id' }) officeId: string;
  @Column('uuid', { name: 'service_id' }) serviceId: string;
  @Column('uuid', { name: 'counter_id', nullable: true }) counterId: string | null;
  @Column('uuid', { name: 'staff_id', nullable: true }) staffId: string | null;
  @Column('smallint') u1: SurveyScore;
  @Column('smallint') u2: SurveyScore;
  @Column('smallint') u3: SurveyScore;
  @Column('smallint') u4: SurveyScore;
  @Column('smallint') u5: SurveyScore;
  @Column('smallint') u6: SurveyScore;
  @Column('smallint') u7: SurveyScore;
  @Column('smallint') u8: SurveyScore;
  @Column('smallint') u9: SurveyScore;
  @Column('timestamptz', { name: 'submitted_at' }) submittedAt: Date;
}
