import type { MaybeRefOrGetter } from 'vue';
import { useOfficeSnapshotFeed } from '@loket/web';
import { useOfficeStore } from '../stores/office-store';

/** Keeps the desk's office store live; the desk refuses actions while the status is not `live`. */
export function useOfficeSocket(officeSlug: MaybeRefOrGetter<string | null>) {
  const { status } = useOfficeSnapshotFeed(officeSlug, useOfficeStore());
  return { status };
}
