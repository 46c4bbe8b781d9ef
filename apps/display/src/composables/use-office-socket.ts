import type { MaybeRefOrGetter } from 'vue';
import { useOfficeSnapshotFeed } from '@loket/web';
import { ServerEvent } from '@loket/domain';
import { useOfficeStore } from '../stores/office-store';

/** Keeps `useOfficeStore` live for one office: the public screens' feed, no login. */
export function useOfficeSocket(officeSlug: MaybeRefOrGetter<string | null>) {
  const store = useOfficeStore();
  const { status, error } = useOfficeSnapshotFeed(officeSlug, store, {
    listen: (socket, office) =>
      socket.on(ServerEvent.snapshot, (snapshot) => {
        if (snapshot.office.slug === office.slug) office.accept(snapshot);
      }),
  });
  return { status, error };
}
