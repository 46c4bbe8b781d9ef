import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StaffRole } from '@loket/domain';

@Entity('staff')
export class StaffEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') username: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) nip: string | null;
  @Column('text') role: StaffRole;
  @Column('text', { name: 'password_hash' }) passwordHash: string;
  @Column('boolean') active: boolean;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
