import type { PushKeyView, PushLanguage, PushSubscribedView } from '@loket/domain';
import { getJson } from './http';

export function fetchPushKey(): Promise<PushKeyView> {
  return getJson<PushKeyView>('/push/key');
}

/** What the notifications are for: a ticket by its tracking code, or a booking by its code. */
export type PushTarget = { kind: 'ticket'; code: string } | { kind: 'booking'; code: string };

export function subscribePush(target: PushTarget, subscription: PushSubscriptionJSON, language: PushLanguage): Promise<PushSubscribedView> {
  const path = target.kind === 'ticket' ? `/tickets/track/${encodeURIComponent(target.code)}/push` : `/bookings/${encodeURIComponent(target.code)}/push`;
  return getJson<PushSubscribedView>(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ endpoint: subscription.endpoint, keys: subscription.keys, language }),
  });
}
