import { CounterSessionEntity } from '../counters/counter-session.entity.js';
import { CounterServiceEntity } from '../counters/counter-service.entity.js';
import { CounterEntity } from '../counters/counter.entity.js';
import { OfficeEntity } from '../offices/office.entity.js';
import { ServiceEntity } from '../offices/service.entity.js';
import { StaffOfficeEntity } from '../staff/staff-office.entity.js';
import { StaffEntity } from '../staff/staff.entity.js';
import { TicketEventEntity } from '../tickets/ticket-event.entity.js';
import { TicketEntity } from '../tickets/ticket.entity.js';
import { SurveyEntity } from '../surveys/survey.entity.js';

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
  SurveyEntity,
];
