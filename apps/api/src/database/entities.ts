import { CounterSessionEntity } from '../counters/counter-session.entity.js';
import { CounterEntity, CounterServiceEntity } from '../counters/counter.entity.js';
import { OfficeEntity } from '../offices/office.entity.js';
import { ServiceEntity } from '../offices/service.entity.js';
import { StaffEntity, StaffOfficeEntity } from '../staff/staff.entity.js';
import { TicketEventEntity } from '../tickets/ticket-event.entity.js';
import { TicketEntity } from '../tickets/ticket.entity.js';

export const entities = [
  OfficeEntity,
  ServiceEntity,
  CounterEntity,
  CounterServiceEntity,
  CounterSessionEntity,
  StaffEntity,
  StaffOfficeEntity,
  TicketEntity,
  TicketEventEntity,
];
