import { onScopeDispose, ref } from 'vue';

/** How long the browser gets to list its voices (Chromium lists them only after a moment). */
const VOICES_WAIT_MS = 3_000;
const DISMISSED_KEY = 'loket.board.voiceNoticeDismissed';

/** True when a voice list speaks Indonesian (`id-ID`, `id_ID`, `in-ID`: old Android says "in"). */
export function hasIndonesianVoice(voices: readonly Pick<SpeechSynthesisVoice, 'lang'>[]): boolean {
  return voices.some((voice) => /^(id|in)([-_]|$)/i.test(voice.lang));
}

/**
 * Whether to warn the staff that this browser has no Indonesian voice, so calls are read by a
 * voice of another language or not at all. Decided once the browser has listed its voices;
 * shown once, until a person dismisses it on this browser.
 */
export function useVoiceCheck() {
  const missing = ref(false);
  let dismissed = false;
  try {
    dismissed = localStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    // Storage locked down: the notice shows on each load, still only once per load.
  }
  const synth = 'speechSynthesis' in window ? window.speechSynthesis : null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function decide(): void {
    clearTimeout(timer);
    synth?.removeEventListener?.('voiceschanged', decide);
    missing.value = !dismissed && (!synth || !hasIndonesianVoice(synth.getVoices()));
  }

  if (!synth || hasIndonesianVoice(synth.getVoices())) decide();
  else {
    synth.addEventListener?.('voiceschanged', decide);
    timer = setTimeout(decide, VOICES_WAIT_MS);
  }

  function dismiss(): void {
    missing.value = false;
    dismissed = true;
    try {
      localStorage.setItem(DISMISSED_KEY, '1');
    } catch {
      // As above: dismissed for this load.
    }
  }

  onScopeDispose(() => {
    clearTimeout(timer);
    synth?.removeEventListener?.('voiceschanged', decide);
  });

  return { missing, dismiss };
}
