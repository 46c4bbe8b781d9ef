import { DomainError } from './errors.js';

/** A service code: one or two capital letters (`A`, `KK`). */
export const SERVICE_CODE_PATTERN = /^[A-Z]{1,2}$/;

export class InvalidServiceCodeError extends DomainError {
  readonly code = 'invalid_service_code';
  constructor(code: string) {
    super(`Service code must be one or two capital letters, got "${code}"`, { serviceCode: code });
  }
}

export class InvalidTicketNumberError extends DomainError {
  readonly code = 'invalid_ticket_number';
  constructor(ticketNumber: string) {
    super(`Ticket number must be a service code, a dash and at least three digits (e.g. A-007), got "${ticketNumber}"`, {
      ticketNumber,
    });
  }
}

/** The number shown to people: code, dash, at least three digits (`A-007`, `KK-120`, `A-1000`). */
export function formatTicketNumber(serviceCode: string, sequence: number): string {
  if (!SERVICE_CODE_PATTERN.test(serviceCode)) throw new InvalidServiceCodeError(serviceCode);
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`Ticket sequence must be a positive integer, got ${sequence}`);
  return `${serviceCode}-${String(sequence).padStart(3, '0')}`;
}

export function parseTicketNumber(display: string): { serviceCode: string; sequence: number } | null {
  const match = /^([A-Z]{1,2})-(\d{3,})$/.exec(display);
  if (!match) return null;
  return { serviceCode: match[1], sequence: Number(match[2]) };
}
