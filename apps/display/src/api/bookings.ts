import {
  BOOKING_CLIENT_HEADER,
  KIOSK_TOKEN_HEADER,
  type BookingAvailabilityView,
  type BookingCheckInView,
  type BookingOfficeView,
  type BookingView,
  type TrackedTicketView,
} from '@loket/domain';
import { getJson } from './http';

const CLIENT_KEY = 'loket.booking.client';

/** A random id this browser keeps: the per-client booking limit counts it, so phones behind one office NAT are apart. */
function clientId(): string {
  try {
    const known = localStorage.getItem(CLIENT_KEY);
    if (known) return known;
    const made = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
    localStorage.setItem(CLIENT_KEY, made);
    return made;
  } catch {
    return '';
  }
}

const json = { 'content-type': 'application/json' };

export function fetchBookingOffice(slug: string): Promise<BookingOfficeView> {
  return getJson(`/offices/${encodeURIComponent(slug)}/booking`);
}

/** Every day from today to the horizon; with `day`, that day alone (`days` holds one entry): what a page showing a day needs. */
export function fetchAvailability(slug: string, serviceId: string, day?: string): Promise<BookingAvailabilityView> {
  const query = day ? `?day=${encodeURIComponent(day)}` : '';
  return getJson(`/offices/${encodeURIComponent(slug)}/services/${encodeURIComponent(serviceId)}/availability${query}`);
}

/** The same `idempotencyKey` answers with the same booking: a double tap books once. */
export function book(
  slug: string,
  request: { serviceId: string; startsAt: string; name: string | null; phone: string | null },
  idempotencyKey: string,
): Promise<BookingView> {
  const id = clientId();
  return getJson(`/offices/${encodeURIComponent(slug)}/bookings`, {
    method: 'POST',
    headers: { ...json, 'idempotency-key': idempotencyKey, ...(id ? { [BOOKING_CLIENT_HEADER]: id } : {}) },
    body: JSON.stringify(request),
  });
}

export function fetchBooking(code: string): Promise<BookingView> {
  return getJson(`/bookings/${encodeURIComponent(code)}`);
}

export function rescheduleBooking(code: string, startsAt: string): Promise<BookingView> {
  return getJson(`/bookings/${encodeURIComponent(code)}/reschedule`, { method: 'POST', headers: json, body: JSON.stringify({ startsAt }) });
}

export function cancelBooking(code: string): Promise<BookingView> {
  return getJson(`/bookings/${encodeURIComponent(code)}/cancel`, { method: 'POST' });
}

export function checkInBooking(slug: string, reference: string, kioskToken: string | null): Promise<BookingCheckInView<TrackedTicketView>> {
  return getJson(`/offices/${encodeURIComponent(slug)}/bookings/check-in`, {
    method: 'POST',
    headers: { ...json, ...(kioskToken ? { [KIOSK_TOKEN_HEADER]: kioskToken } : {}) },
    body: JSON.stringify({ reference }),
  });
}
