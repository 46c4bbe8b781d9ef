/** @jest-environment jsdom */
import { jest } from '@jest/globals';
import { computed, nextTick, ref } from 'vue';
import { createPinia } from 'pinia';
import { mount } from '@vue/test-utils';
import type { CounterView, TicketView } from '@loket/domain';

// The desk's own server calls are faked: this test is about what the screen does with keys.
const waiting: TicketView = {
  id: 't1',
  number: 'A-001',
  serviceId: 'svc-a',
  serviceCode: 'A',
  priority: null,
  status: 'waiting',
  issuedAt: '2026-11-30T01:00:00.000Z',
  dueAt: '2026-11-30T01:30:00.000Z',
  issueOrder: 1,
  counterId: null,
  counterNumber: null,
  calledAt: null,
  startedAt: null,
  finishedAt: null,
  recallCount: 0,
};
const openCounter: CounterView = {
  id: 'c1',
  agencyId: 'ag-1',
  number: 1,
  name: 'Loket 1',
  priorityOnly: false,
  serviceIds: ['svc-a'],
  state: 'open',
  pauseReason: null,
  pauseNote: null,
  pausedAt: null,
  sessionId: 's1',
  currentTicket: null,
};

const counter = ref<CounterView>(openCounter);
const busy = ref(false);
const sent: string[] = [];
let answer: (() => void) | null = null;

/** An action on its way until `answer()`; its reply then moves the counter to `after`. */
function inFlight(name: string, after: (current: CounterView) => CounterView) {
  return () => {
    sent.push(name);
    busy.value = true;
    return new Promise<boolean>((resolve) => {
      answer = () => {
        counter.value = after(counter.value);
        busy.value = false;
        resolve(true);
      };
    });
  };
}

const fakeDesk = {
  status: ref('live'),
  online: ref(true),
  live: ref(true),
  counter,
  ticket: computed(() => counter.value.currentTicket),
  queue: computed(() => (counter.value.currentTicket ? [] : [waiting])),
  templates: ref([]),
  busy,
  message: ref(null),
  template: () => null,
  open: inFlight('open', (current) => current),
  callNext: inFlight('callNext', (current) => ({ ...current, currentTicket: { ...waiting, status: 'called', counterId: 'c1' } })),
  callSpecific: inFlight('callSpecific', (current) => current),
  act: (action: string) => inFlight(action, (current) => ({ ...current, currentTicket: { ...current.currentTicket!, status: 'serving' } }))(),
  finish: inFlight('finish', (current) => current),
  transfer: inFlight('transfer', (current) => current),
  pause: inFlight('pause', (current) => current),
  resume: inFlight('resume', (current) => current),
  close: inFlight('close', (current) => current),
  requireLive: () => true,
  dismiss: () => undefined,
  noShows: ref([]),
  stopNotice: ref(null),
  undoable: ref<{ ticketId: string; number: string; until: number } | null>(null),
  noShow: inFlight('noShow', (current) => ({ ...current, currentTicket: null })),
  undoNoShow: inFlight('undoNoShow', (current) => current),
  forgetUndo: () => {
    fakeDesk.undoable.value = null;
  },
  callBack: inFlight('callBack', (current) => current),
  correctable: ref<{ ticketId: string; number: string; until: number; submission: unknown; outcome: string; note: string } | null>(null),
  correct: inFlight('correct', (current) => current),
  forgetCorrection: () => {
    fakeDesk.correctable.value = null;
  },
};

jest.unstable_mockModule('../composables/use-desk', () => ({
  useDesk: () => fakeDesk,
  useDeskMessageText: () => (message: { key: string }) => message.key,
}));

const { default: DeskScreen } = await import('./DeskScreen.vue');
const { i18n } = await import('../../../i18n');

function press(key: string): void {
  window.dispatchEvent(new KeyboardEvent('keydown', { key }));
}

async function settle(): Promise<void> {
  await Promise.resolve();
  await nextTick();
}

describe('the desk screen, while an action is on its way', () => {
  beforeEach(() => {
    counter.value = openCounter;
    busy.value = false;
    sent.length = 0;
    answer = null;
    // The upkeep's own calls (today's figures, the remembered counter) never reach a server here.
    globalThis.fetch = (() => Promise.reject(new TypeError('offline in tests'))) as typeof fetch;
  });

  function mountDesk() {
    return mount(DeskScreen, { global: { plugins: [createPinia(), i18n] } });
  }

  it('holds a key pressed before the call has answered and plays it after, against the state then', async () => {
    const screen = mountDesk();
    press('n');
    await settle();
    expect(sent).toEqual(['callNext']);
    expect(screen.get('[data-testid="action-start"]').attributes('disabled')).toBeDefined();

    // The officer sees the call on the board and presses "start" at once: nothing is sent yet.
    press('m');
    await settle();
    expect(sent).toEqual(['callNext']);

    answer!();
    await settle();
    expect(sent).toEqual(['callNext', 'start']);
    screen.unmount();
  });

  it('drops a held key that the new state no longer allows', async () => {
    const screen = mountDesk();
    press('n');
    // A second "call next" while the first is on its way: once a ticket is called it is not legal.
    press('n');
    await settle();
    answer!();
    await settle();
    expect(sent).toEqual(['callNext']);
    screen.unmount();
  });

  it('plays only the latest key held', async () => {
    const screen = mountDesk();
    press('n');
    press('h');
    press('m');
    await settle();
    answer!();
    await settle();
    expect(sent).toEqual(['callNext', 'start']);
    screen.unmount();
  });

  it('offers the undo of a no-show for its seconds, by button or Z', async () => {
    fakeDesk.undoable.value = { ticketId: 't1', number: 'A-001', until: Date.now() + 10_000 };
    const screen = mountDesk();
    await settle();
    expect(screen.get('[data-testid="undo-no-show"]').text()).toContain('A-001');
    press('z');
    await settle();
    expect(sent).toEqual(['undoNoShow']);
    answer!();
    fakeDesk.undoable.value = null;
    await settle();
    expect(screen.find('[data-testid="undo-no-show"]').exists()).toBe(false);
  });

  it('offers to correct the last interaction’s record while its two minutes run', async () => {
    const submission = { method: 'one_key', answers: [] };
    fakeDesk.correctable.value = { ticketId: 't1', number: 'A-001', until: Date.now() + 120_000, submission, outcome: 'selesai', note: '' };
    const screen = mountDesk();
    await settle();
    const card = screen.get('[data-testid="correct-record"]');
    expect(card.text()).toContain('A-001');
    expect(card.get('[data-testid="correct-record-button"]').text()).toMatch(/\((2:00|1:59)\)/);
    fakeDesk.correctable.value = null;
    await settle();
    expect(screen.find('[data-testid="correct-record"]').exists()).toBe(false);
    screen.unmount();
  });
});
