import fc from 'fast-check';
import { formatTicketNumber, InvalidServiceCodeError, InvalidTicketNumberError, parseTicketNumber, SERVICE_CODE_PATTERN } from './ticket-number.js';

describe('formatTicketNumber', () => {
  it.each([
    ['A', 7, 'A-007'],
    ['A', 1, 'A-001'],
    ['B', 42, 'B-042'],
    ['KK', 120, 'KK-120'],
    ['A', 999, 'A-999'],
    ['A', 1000, 'A-1000'],
    ['Z', 9999, 'Z-9999'],
  ])('writes service %s, sequence %i as %s', (code, sequence, expected) => {
    expect(formatTicketNumber(code, sequence)).toBe(expected);
  });

  it.each(['', 'a', 'kk', 'ABC', 'A1', '1', 'A-', ' A'])('refuses the service code %j', (code) => {
    expect(() => formatTicketNumber(code, 1)).toThrow(InvalidServiceCodeError);
  });

  it('says which code was wrong, as an invalid-input error', () => {
    const error = new InvalidServiceCodeError('abc');
    expect(error.message).toContain('"abc"');
    expect(error.kind).toBe('invalid');
    expect(error.code).toBe('invalid_service_code');
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses the sequence %p', (sequence) => {
    expect(() => formatTicketNumber('A', sequence)).toThrow(RangeError);
  });
});

describe('parseTicketNumber', () => {
  it.each([
    ['A-007', { serviceCode: 'A', sequence: 7 }],
    ['KK-120', { serviceCode: 'KK', sequence: 120 }],
    ['A-1000', { serviceCode: 'A', sequence: 1000 }],
  ])('reads %s', (display, expected) => {
    expect(parseTicketNumber(display)).toEqual(expected);
  });

  it.each(['', 'A007', 'A-07', 'a-007', 'ABC-007', '-007', 'A-', 'A-00x', ' A-007', 'A-007 ', 'A–007'])('returns null for %j', (display) => {
    expect(parseTicketNumber(display)).toBeNull();
  });

  it('reads back every number it writes', () => {
    fc.assert(
      fc.property(fc.stringMatching(SERVICE_CODE_PATTERN), fc.integer({ min: 1, max: 99_999 }), (code, sequence) => {
        expect(parseTicketNumber(formatTicketNumber(code, sequence))).toEqual({ serviceCode: code, sequence });
      }),
    );
  });

  it('always writes at least three digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999 }), (sequence) => {
        const digits = formatTicketNumber('A', sequence).slice(2);
        expect(digits.length).toBe(Math.max(3, String(sequence).length));
      }),
    );
  });
});

describe('InvalidTicketNumberError', () => {
  it('names the number it refused, as an invalid-input error', () => {
    const error = new InvalidTicketNumberError('A7');
    expect(error.message).toContain('"A7"');
    expect(error.kind).toBe('invalid');
    expect(error.code).toBe('invalid_ticket_number');
    expect(error.details).toEqual({ ticketNumber: 'A7' });
  });
});
