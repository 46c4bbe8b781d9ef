import { Column, Entity } from 'typeorm';

/** Which services a counter may serve (many to many). */
@Entity('counter_services')
export class CounterServiceEntity {
  @Column('uuid', { name: 'counter_id', primary: true }) counterId: string;
  @Column('uuid', { name: 'service_id', primary: true }) serviceId: string;
}
