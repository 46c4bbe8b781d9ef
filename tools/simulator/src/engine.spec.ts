import { maxWaitFor } from '@loket/domain';
import { drawDay, STANDARD_DAY, STANDARD_OFFICE, serviceOf } from './day.js';
import { runDay } from './engine.js';

describe('the simulated day', () => {
  const day = runDay(drawDay(STANDARD_DAY), 'edf');

  it('holds a priority ticket to the priority maximum wait, as the product does (maxWaitFor)', () => {
    const priority = day.tickets.filter((ticket) => ticket.priority);
    expect(priority.length).toBeGreaterThan(0);
    for (const ticket of priority) {
      expect(ticket.maxWaitMinutes).toBe(maxWaitFor(serviceOf(ticket.service).maxWaitMinutes, true, STANDARD_OFFICE.priorityMaxWaitMinutes));
      expect(ticket.maxWaitMinutes).toBeLessThan(serviceOf(ticket.service).maxWaitMinutes);
    }
  });

  it('holds any other ticket to its service’s maximum wait', () => {
    for (const ticket of day.tickets.filter((t) => !t.priority)) expect(ticket.maxWaitMinutes).toBe(serviceOf(ticket.service).maxWaitMinutes);
  });
});
