import { onScopeDispose, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { type CallView, type VoiceClip, callAgencyName } from '@loket/domain';
import { useAnnouncerStore, type Announcement } from '../../stores/announcer-store';
import { useOfficeStore } from '../../stores/office-store';
import { hasIndonesianVoice } from './use-voice-check';

const CHIME_MS = 1_300;
// A speech engine that never reports the end must not silence the board for good.
const SPEECH_TIMEOUT_MS = 15_000;
/** A clip that never ends (a file that will not load) is skipped after this. */
const CLIP_TIMEOUT_MS = 4_000;
/** The comma of the sentence: a breath before "silakan menuju loket". */
const COMMA_MS = 250;

/** Where the build puts the recorded clips (apps/display/build/voice-clips.ts). */
export function voiceClipUrl(clip: VoiceClip): string {
  return `${import.meta.env.BASE_URL}voice/id/${clip}.wav`;
}

/** True when a voice list speaks English. */
export function hasEnglishVoice(voices: readonly Pick<SpeechSynthesisVoice, 'lang'>[]): boolean {
  return voices.some((voice) => /^en([-_]|$)/i.test(voice.lang));
}

/**
 * Speaks the announcer's queue on this board: a chime made with Web Audio (no sound file
 * to fetch), then the sentence in the board's language through the browser's speech
 * synthesis. In Indonesian, where the browser has no Indonesian voice (or the board is set
 * to it), the sentence is the recorded clips played one after another; an English board
 * falls back to those clips only where the browser cannot speak at all.
 */
export function useCallSpeaker(shows: (call: CallView) => boolean = () => true) {
  const announcer = useAnnouncerStore();
  const office = useOfficeStore();
  const { locale } = useI18n();
  let audio: AudioContext | null = null;
  let disposed = false;
  /** Moves on to stop a clip sequence that is playing (mute, leaving the page). */
  let sequence = 0;
  let stopClip: (() => void) | null = null;

  // A zone's or an agency's board says only its own calls: nobody is sent to a counter out of sight.
  const stopListening = office.onCall((call) => {
    if (!shows(call)) return;
    announcer.announce(call, locale.value === 'en' ? 'en' : 'id', callAgencyName(call, office));
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
        if (useRecordedVoice(item)) await playClips(item.clips, announcer.volume);
        else await speak(item, announcer.volume);
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

  /** Decided at each call: a voice the browser installs later is used from then on. */
  function useRecordedVoice(item: Announcement): boolean {
    if (announcer.voice === 'recorded' || !('speechSynthesis' in window)) return true;
    // English is spoken by whatever voice the browser has: the clips are Indonesian only.
    if (item.language === 'en') return false;
    return !hasIndonesianVoice(window.speechSynthesis.getVoices());
  }

  async function playClips(clips: readonly VoiceClip[], volume: number): Promise<void> {
    const mine = ++sequence;
    // Every clip of the sentence is asked for at once, so none is still loading when its turn comes.
    const players = clips.map((clip) => {
      const player = new Audio(voiceClipUrl(clip));
      player.preload = 'auto';
      player.volume = volume;
      return player;
    });
    for (const [i, player] of players.entries()) {
      if (clips[i] === 'silakan-menuju-loket') await new Promise((resolve) => setTimeout(resolve, COMMA_MS));
      if (mine !== sequence || disposed) return;
      await playClip(player);
    }
  }

  function playClip(player: HTMLAudioElement): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, CLIP_TIMEOUT_MS);
      function done(): void {
        clearTimeout(timer);
        player.onended = null;
        player.onerror = null;
        if (stopClip === stop) stopClip = null;
        resolve();
      }
      function stop(): void {
        player.pause();
        done();
      }
      stopClip = stop;
      player.onended = done;
      player.onerror = done;
      player.play().catch(done);
    });
  }

  function stopClips(): void {
    sequence += 1;
    stopClip?.();
  }

  function speak(item: Announcement, volume: number): Promise<void> {
    if (!('speechSynthesis' in window)) return Promise.resolve();
    return new Promise((resolve) => {
      const utterance = new SpeechSynthesisUtterance(item.text);
      utterance.lang = item.language === 'en' ? 'en-US' : 'id-ID';
      const fits = item.language === 'en' ? hasEnglishVoice : hasIndonesianVoice;
      const voice = window.speechSynthesis.getVoices().find((candidate) => fits([candidate]));
      try {
        if (voice) utterance.voice = voice;
      } catch {
        // A voice the engine will not take (a wrapped or stale one): the lang still asks for the language.
      }
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
      if (!muted) return;
      if ('speechSynthesis' in window) window.speechSynthesis.cancel();
      stopClips();
    },
  );

  onScopeDispose(() => {
    disposed = true;
    stopListening();
    if ('speechSynthesis' in window) window.speechSynthesis.cancel();
    stopClips();
    void audio?.close();
  });

  return { unlock };
}
