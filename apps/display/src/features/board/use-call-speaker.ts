import { onScopeDispose, watch } from 'vue';
import { useAnnouncerStore, type Announcement } from '../../stores/announcer-store';
import { useOfficeStore } from '../../stores/office-store';
import { hasIndonesianVoice } from './use-voice-check';

const CHIME_MS = 1_300;
// A speech engine that never reports the end must not silence the board for good.
const SPEECH_TIMEOUT_MS = 15_000;

/**
 * Speaks the announcer's queue on this board: a chime made with Web Audio (no sound file
 * to fetch), then the sentence in Indonesian through the browser's speech synthesis.
 */
export function useCallSpeaker() {
  const announcer = useAnnouncerStore();
  const office = useOfficeStore();
  let audio: AudioContext | null = null;
  let disposed = false;

  const stopListening = office.onCall((call) => {
    announcer.announce(call);
    void drain();
  });

  /** Called from the click that unlocks sound: the audio context must start inside it. */
  function unlock(): void {
    announcer.enable();
    try {
      audio ??= new AudioContext();
      void audio.resume();
    } catch {
      audio = null; // no Web Audio: speak without the chime
    }
    // Some engines only speak after one utterance started from a user gesture.
    if ('speechSynthesis' in window) window.speechSynthesis.getVoices();
  }

  async function drain(): Promise<void> {
    for (let item = announcer.next(); item && !disposed; item = announcer.next()) {
      try {
        await chime(announcer.volume);
        await speak(item, announcer.volume);
      } finally {
        announcer.finished(item.key);
      }
    }
  }

  function chime(volume: number): Promise<void> {
    if (!audio || volume <= 0) return Promise.resolve();
    const context = audio;
    const start = context.currentTime + 0.05;
    // Two soft tones, ding-dong, as stations and hospitals use before a call.
    for (const [offset, frequency] of [
      [0, 880],
      [0.45, 660],
    ] as const) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.4 * volume, start + offset + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.8);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.85);
    }
    return new Promise((resolve) => setTimeout(resolve, CHIME_MS));
  }

  function speak(item: Announcement, volume: number): Promise<void> {
    if (!('speechSynthesis' in window)) return Promise.resolve();
    return new Promise((resolve) => {
      const utterance = new SpeechSynthesisUtterance(item.text);
      utterance.lang = 'id-ID';
      const voice = window.speechSynthesis.getVoices().find((candidate) => hasIndonesianVoice([candidate]));
      if (voice) utterance.voice = voice;
      utterance.volume = volume;
      utterance.rate = 0.9;
      const timer = setTimeout(done, SPEECH_TIMEOUT_MS);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      utterance.onend = done;
      utterance.onerror = done;
      window.speechSynthesis.speak(utterance);
    });
  }

  // Muting stops what is being said now, not only what comes next.
  watch(
    () => announcer.muted,
    (muted) => {
      if (muted && 'speechSynthesis' in window) window.speechSynthesis.cancel();
    },
  );

  onScopeDispose(() => {
    disposed = true;
    stopListening();
    if ('speechSynthesis' in window) window.speechSynthesis.cancel();
    void audio?.close();
  });

  return { unlock };
}
