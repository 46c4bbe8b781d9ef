import { createPinia, setActivePinia } from 'pinia';
import { useDeskStore } from './desk-store';

class MemoryStorage {
  private items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

describe('the desk store', () => {
  beforeEach(() => {
    Object.defineProperty(globalThis, 'localStorage', { value: new MemoryStorage(), configurable: true });
  });

  it('remembers the chosen office and counter on this PC until forgotten', () => {
    setActivePinia(createPinia());
    useDeskStore().choose({ officeSlug: 'mpp-kota-harapan', counterId: 'c1' });

    setActivePinia(createPinia());
    expect(useDeskStore().choice).toEqual({ officeSlug: 'mpp-kota-harapan', counterId: 'c1' });
    useDeskStore().forget();

    setActivePinia(createPinia());
    expect(useDeskStore().choice).toBeNull();
  });
});
