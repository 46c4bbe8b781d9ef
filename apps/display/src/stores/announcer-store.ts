import { ref, watch } from 'vue';
import { defineStore } from 'pinia';
import { type AnnouncementLanguage, callAnnouncementClips, callAnnouncementIn, type CallView, type VoiceClip } from '@loket/domain';

export interface Announcement {
  /** Unique per announcement: a recall of the same ticket is a new one. */
  key: string;
  /** The board's language when the call came: the sentence is said in it. */
  language: AnnouncementLanguage;
  text: string;
  /** The Indonesian sentence as recorded clips, for a browser with no Indonesian speech voice (or none at all). */
  clips: VoiceClip[];
  number: string;
  counterNumber: number;
  recall: boolean;
}

/** A board that fell behind speaks only the latest calls, never a backlog of minutes. */
export const MAX_QUEUED_ANNOUNCEMENTS = 5;
const SETTINGS_KEY = 'loket.board.sound';

/**
 * Which voice reads the calls: `auto` is the browser's Indonesian speech voice when it has
 * one, else the recorded clips; `recorded` is always the clips (for a system voice that
 * reads badly, or a board whose voice list cannot be trusted).
 */
export type VoiceMode = 'auto' | 'recorded';

interface SoundSettings {
  muted: boolean;
  volume: number;
  voice: VoiceMode;
}

function loadSettings(): SoundSettings {
  try {
    const parsed = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? 'null') as Partial<SoundSettings> | null;
    const volume = typeof parsed?.volume === 'number' && parsed.volume >= 0 && parsed.volume <= 1 ? parsed.volume : 1;
    return { muted: parsed?.muted === true, volume, voice: parsed?.voice === 'recorded' ? 'recorded' : 'auto' };
  } catch {
    return { muted: false, volume: 1, voice: 'auto' };
  }
}

/**
 * The board's spoken calls: a queue taken one at a time, so announcements never overlap.
 * Sound stays off until a person clicks once (browsers block audio before that); calls
 * made before then are not saved up to be spoken all at once.
 */
export const useAnnouncerStore = defineStore('announcer', () => {
  const settings = loadSettings();
  const enabled = ref(false);
  const muted = ref(settings.muted);
  const volume = ref(settings.volume);
  const voice = ref<VoiceMode>(settings.voice);
  const queue = ref<Announcement[]>([]);
  const current = ref<Announcement | null>(null);
  let counter = 0;

  watch([muted, volume, voice], () => {
    try {
      localStorage.setItem(SETTINGS_KEY, JSON.stringify({ muted: muted.value, volume: volume.value, voice: voice.value }));
    } catch {
      // Storage may be locked down on a kiosk browser; the setting still holds until reload.
    }
  });

  /**
   * Queues the call, said in `language` (the board's screen language), naming the counter's
   * agency in a building of several (`callAgencyName`). The recorded clips have no agency
   * names: they say the counter's number, which is the building's own.
   */
  function announce(call: CallView, language: AnnouncementLanguage = 'id', agencyName: string | null = null): Announcement | null {
    if (!enabled.value || muted.value) return null;
    let text: string;
    let clips: VoiceClip[];
    try {
      text = callAnnouncementIn(language, call.number, call.counterNumber, agencyName);
      clips = callAnnouncementClips(call.number, call.counterNumber);
    } catch {
      return null; // a number the voice cannot read is still shown on screen
    }
    counter += 1;
    const announcement: Announcement = {
      key: `${call.ticketId}:${call.at}:${counter}`,
      language,
      text,
      clips,
      number: call.number,
      counterNumber: call.counterNumber,
      recall: call.recall,
    };
    queue.value = [...queue.value, announcement].slice(-MAX_QUEUED_ANNOUNCEMENTS);
    return announcement;
  }

  /** Takes the next announcement to speak, or null while one is being spoken or none waits. */
  function next(): Announcement | null {
    if (current.value || queue.value.length === 0) return null;
    const [first, ...rest] = queue.value;
    queue.value = rest;
    current.value = first;
    return first;
  }

  function finished(key: string): void {
    if (current.value?.key === key) current.value = null;
  }

  function enable(): void {
    enabled.value = true;
  }

  function setMuted(value: boolean): void {
    muted.value = value;
    if (value) queue.value = [];
  }

  function setVolume(value: number): void {
    volume.value = Math.min(1, Math.max(0, value));
  }

  function setVoice(value: VoiceMode): void {
    voice.value = value;
  }

  return { enabled, muted, volume, voice, queue, current, announce, next, finished, enable, setMuted, setVolume, setVoice };
});
