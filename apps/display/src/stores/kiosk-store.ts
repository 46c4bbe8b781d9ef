import { computed, ref, watch } from 'vue';
import { defineStore } from 'pinia';
import {
  type CannotServeTodayDetails,
  type ErrorCode,
  type OfficeClosedDetails,
  type PriorityCategory,
  type ServiceView,
  type TrackedTicketView,
  isIssuable,
  pastIssuingCutoff,
} from '@loket/domain';
import { ApiError, refusalCode } from '../api/http';
import { issueTicket } from '../api/tickets';
import { checkInBooking, fetchBooking } from '../api/bookings';
import { useOfficeStore } from './office-store';

export type KioskStep = 'service' | 'priority' | 'issuing' | 'ticket' | 'booking' | 'checking-in';
export type PaperWidth = 58 | 80;
/** What went wrong, as the kiosk explains it (each has its own plain-Indonesian text). */
export type KioskError = 'network' | 'quota' | 'closed' | 'busy' | 'unknown';

const PAPER_KEY = 'loket.kiosk.paper';
/** The kiosk's device token, from pairing (docs/security.md): the kiosk issues as its office's device. */
export const KIOSK_TOKEN_KEY = 'loket.kiosk.token';

function storedToken(): string | null {
  try {
    return localStorage.getItem(KIOSK_TOKEN_KEY) || null;
  } catch {
    return null;
  }
}

function storedPaper(): PaperWidth {
  try {
    return localStorage.getItem(PAPER_KEY) === '58' ? 58 : 80;
  } catch {
    return 80;
  }
}

/** The domain's rule (`isIssuable`): active, quota left, and some counter serving it; and not past its cut-off for today at `now` (the server's). */
export function serviceAvailable(service: ServiceView, now: number): boolean {
  return isIssuable(service) && !pastIssuingCutoff(service, now);
}

/**
 * One citizen's way through the kiosk: choose a service, say whether priority service is
 * needed, get the ticket. The idempotency key is made when the service is chosen and kept
 * until the kiosk starts over, so a double tap or a retry after a network error returns
 * the same ticket instead of issuing a second one.
 */
export const useKioskStore = defineStore('kiosk', () => {
  const step = ref<KioskStep>('service');
  const service = ref<ServiceView | null>(null);
  const priority = ref<PriorityCategory | null>(null);
  const ticket = ref<TrackedTicketView | null>(null);
  const error = ref<KioskError | null>(null);
  /** The API's own code for the refusal, when it gave one: the kiosk shows that code's text. */
  const refusal = ref<ErrorCode | null>(null);
  /** When the API refused because the office is closed: when it opens again and why. */
  const closed = ref<OfficeClosedDetails | null>(null);
  /** When the API refused under kuota dinamis (the service cannot serve a new ticket before closing): the kiosk offers booking instead. */
  const cannotServe = ref<CannotServeTodayDetails | null>(null);
  const paperWidth = ref<PaperWidth>(storedPaper());
  const kioskToken = ref<string | null>(storedToken());
  let idempotencyKey: string | null = null;
  /** In an office of several agencies: the agency whose services are shown (null: the agencies). */
  const agencyId = ref<string | null>(null);
  /** What the citizen typed in the kiosk's search (offices with many services). */
  const query = ref('');

  const busy = computed(() => step.value === 'issuing' || step.value === 'checking-in');
  /** A booking checked in past its tolerance: served as a walk-in, and the kiosk says so. */
  const lateCheckIn = ref(false);

  watch(paperWidth, (width) => {
    try {
      localStorage.setItem(PAPER_KEY, String(width));
    } catch {
      // Locked-down kiosk browser: the choice holds until reload.
    }
  });

  /** Pairs this kiosk with the code an admin was shown (empty: unpairs it); kept per browser. */
  function setKioskToken(code: string): void {
    const token = code.trim().toUpperCase() || null;
    kioskToken.value = token;
    try {
      if (token) localStorage.setItem(KIOSK_TOKEN_KEY, token);
      else localStorage.removeItem(KIOSK_TOKEN_KEY);
    } catch {
      // Locked-down kiosk browser: paired until reload.
    }
  }

  function chooseService(choice: ServiceView): void {
    if (!serviceAvailable(choice, useOfficeStore().issuingNow) || step.value !== 'service') return;
    service.value = choice;
    priority.value = null;
    error.value = null;
    refusal.value = null;
    idempotencyKey = newIdempotencyKey();
    step.value = 'priority';
  }

  async function take(office: string, category: PriorityCategory | null): Promise<TrackedTicketView | null> {
    if (!service.value || !idempotencyKey || step.value === 'issuing' || step.value === 'ticket') return null;
    priority.value = category;
    error.value = null;
    refusal.value = null;
    step.value = 'issuing';
    try {
      ticket.value = await issueTicket(office, { serviceId: service.value.id, priority: category }, idempotencyKey, kioskToken.value);
      step.value = 'ticket';
      return ticket.value;
    } catch (failure) {
      error.value = toKioskError(failure);
      refusal.value = refusalCode(failure);
      const details = failure instanceof ApiError ? failure.body?.details : undefined;
      closed.value = refusal.value === 'office_closed' ? ((details as OfficeClosedDetails | undefined) ?? null) : null;
      cannotServe.value = refusal.value === 'cannot_serve_today' ? ((details as CannotServeTodayDetails | undefined) ?? null) : null;
      step.value = 'priority';
      return null;
    }
  }

  /** Back from the priority question to the list it was chosen from: the same agency, the same search. */
  function back(): void {
    if (step.value !== 'priority' && step.value !== 'booking') return;
    const keep = { agency: agencyId.value, text: query.value };
    start();
    if (keep.agency !== null) agencyId.value = keep.agency;
    query.value = keep.text;
  }

  function chooseAgency(id: string | null): void {
    if (step.value !== 'service') return;
    agencyId.value = id;
    query.value = '';
  }

  function search(text: string): void {
    if (step.value === 'service') query.value = text;
  }

  /** "Saya sudah booking": the reference's form instead of the services. */
  function openBooking(): void {
    if (step.value !== 'service') return;
    error.value = null;
    refusal.value = null;
    step.value = 'booking';
  }

  /** Checks a booking in by its short reference: the ticket it becomes is shown and printed like any other. */
  function checkIn(office: string, reference: string): Promise<TrackedTicketView | null> {
    return checkInWith(office, async () => reference);
  }

  /**
   * Checks in the booking whose QR the camera read (its code, `bookingCodeFromScan`): the
   * booking is looked up by its code for its reference, and one for another office is refused
   * here, as the counter would.
   */
  function checkInScanned(office: string, code: string): Promise<TrackedTicketView | null> {
    return checkInWith(office, async () => {
      const booking = await fetchBooking(code);
      if (booking.officeSlug !== office)
        throw new ApiError(409, { statusCode: 409, error: 'Conflict', code: 'wrong_office', message: 'This booking is for another office' });
      return booking.reference;
    });
  }

  async function checkInWith(office: string, reference: () => Promise<string>): Promise<TrackedTicketView | null> {
    if (step.value !== 'booking') return null;
    error.value = null;
    refusal.value = null;
    step.value = 'checking-in';
    try {
      const result = await checkInBooking(office, await reference(), kioskToken.value);
      ticket.value = result.ticket;
      lateCheckIn.value = result.late;
      step.value = 'ticket';
      return result.ticket;
    } catch (failure) {
      error.value = toKioskError(failure);
      refusal.value = refusalCode(failure);
      step.value = 'booking';
      return null;
    }
  }

  /** The service whose "Apa yang perlu saya bawa?" panel is open on the service step, if any. */
  const infoFor = ref<ServiceView | null>(null);

  function showInfo(item: ServiceView): void {
    infoFor.value = item;
  }

  function closeInfo(): void {
    infoFor.value = null;
  }

  function start(): void {
    // Starting over (the idle return included) closes the panel: the next citizen sees the list.
    infoFor.value = null;
    step.value = 'service';
    service.value = null;
    priority.value = null;
    ticket.value = null;
    error.value = null;
    refusal.value = null;
    closed.value = null;
    cannotServe.value = null;
    lateCheckIn.value = false;
    idempotencyKey = null;
    agencyId.value = null;
    query.value = '';
  }

  function setPaperWidth(width: PaperWidth): void {
    paperWidth.value = width;
  }

  return {
    step,
    service,
    priority,
    ticket,
    error,
    refusal,
    closed,
    cannotServe,
    paperWidth,
    kioskToken,
    busy,
    lateCheckIn,
    agencyId,
    query,
    chooseAgency,
    search,
    openBooking,
    checkIn,
    checkInScanned,
    infoFor,
    showInfo,
    closeInfo,
    chooseService,
    take,
    back,
    start,
    setPaperWidth,
    setKioskToken,
  };
});

/**
 * A random UUID v4. `crypto.randomUUID` exists only in secure contexts, and a kiosk on the
 * office LAN is often plain http://10.x.x.x; `getRandomValues` works everywhere.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function toKioskError(failure: unknown): KioskError {
  if (!(failure instanceof ApiError)) return 'network';
  const code = failure.body?.code ?? '';
  if (code.includes('quota')) return 'quota';
  if (code.includes('inactive') || code.includes('closed')) return 'closed';
  if (failure.status === 429 || failure.status >= 500) return 'busy';
  return 'unknown';
}
