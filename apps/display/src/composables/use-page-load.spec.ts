import { effectScope, nextTick, ref } from 'vue';
import { ApiError } from '../api/http';
import { usePageLoad } from './use-page-load';

/** A fetch whose answers the test releases one by one. */
function controlledFetch() {
  const pending = new Map<string, { resolve: (value: string) => void; reject: (error: unknown) => void }>();
  const fetch = (key: string) =>
    new Promise<string>((resolve, reject) => {
      pending.set(key, { resolve, reject });
    });
  return { fetch, pending };
}

const settle = async () => {
  for (let i = 0; i < 3; i++) await nextTick();
};

describe('a public page reads its one record', () => {
  it('shows the record of the key it is on, even when an older answer comes last', async () => {
    const key = ref('A1');
    const { fetch, pending } = controlledFetch();
    const scope = effectScope();
    const page = scope.run(() => usePageLoad(() => key.value, fetch))!;
    key.value = 'B2';
    await settle();
    pending.get('B2')!.resolve('booking B2');
    await settle();
    pending.get('A1')!.resolve('booking A1');
    await settle();
    expect(page.value.value).toBe('booking B2');
    expect(page.failure.value).toBeNull();
    scope.stop();
  });

  it('tells a missing record (404) from a failed read, and forgets both on the next key', async () => {
    const key = ref('gone');
    const { fetch, pending } = controlledFetch();
    const scope = effectScope();
    const page = scope.run(() => usePageLoad(() => key.value, fetch))!;
    pending.get('gone')!.reject(new ApiError(404, { statusCode: 404, error: 'Not Found', message: 'not found' }));
    await settle();
    expect(page.failure.value).toBe('not_found');
    key.value = 'down';
    await settle();
    expect(page.failure.value).toBeNull();
    pending.get('down')!.reject(new Error('network'));
    await settle();
    expect(page.failure.value).toBe('failed');
    expect(page.value.value).toBeNull();
    scope.stop();
  });
});
