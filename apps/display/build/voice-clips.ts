import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { VOICE_CLIPS } from '@loket/domain';

/**
 * The board's recorded voice (docs/architecture.md, "The board's voice"): one WAV clip per
 * word of the call, recorded at build time by eSpeak NG's Indonesian voice (the `espeak-ng`
 * package, WebAssembly, nothing fetched), and shipped with the build as `voice/id/<clip>.wav`.
 * The board plays them in sequence where the browser has no Indonesian speech voice.
 *
 * Generated, not committed: the words live in libs/domain (`VOICE_CLIPS`), so a changed word
 * is a changed recording with no binary to keep in step. One synthesiser run records every
 * clip (~6 s; one run per clip would take ~2 s each), with a long pause between clips that
 * then splits the recording; the result is cached under node_modules/.cache by the hash of
 * what made it.
 */
export const VOICE_FOLDER = 'voice/id';

const SPEED_WPM = 140;
const PAUSE_MS = 1_500;
/** A quiet stretch this long ends a clip; the words inside a clip pause far less (≈10 ms). */
const SPLIT_SILENCE_S = 0.6;
const QUIET_LEVEL = 64;
/** Kept either side of a clip's sound, so its first and last sound are not clipped. */
const PAD_S = 0.03;

const require = createRequire(import.meta.url);

interface Recording {
  sampleRate: number;
  samples: Int16Array;
}

function readWav(bytes: Uint8Array): Recording {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (text(0) !== 'RIFF' || text(8) !== 'WAVE') throw new Error('espeak-ng did not write a WAV file');
  let sampleRate = 0;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = text(at);
    let size = view.getUint32(at + 4, true);
    if (id === 'fmt ') {
      if (view.getUint16(at + 8, true) !== 1 || view.getUint16(at + 10, true) !== 1 || view.getUint16(at + 22, true) !== 16) {
        throw new Error('Expected 16-bit mono PCM from espeak-ng');
      }
      sampleRate = view.getUint32(at + 12, true);
    } else if (id === 'data') {
      // eSpeak writing to a file it cannot seek back in leaves the size at its maximum.
      size = Math.min(size, bytes.length - at - 8);
      const samples = new Int16Array(bytes.slice(at + 8, at + 8 + size - (size % 2)).buffer);
      return { sampleRate, samples };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('No audio in the recording');
}

function wav(sampleRate: number, samples: Int16Array): Uint8Array {
  const out = new Uint8Array(44 + samples.byteLength);
  const view = new DataView(out.buffer);
  const put = (at: number, text: string) => [...text].forEach((char, i) => view.setUint8(at + i, char.charCodeAt(0)));
  put(0, 'RIFF');
  view.setUint32(4, 36 + samples.byteLength, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  put(36, 'data');
  view.setUint32(40, samples.byteLength, true);
  out.set(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength), 44);
  return out;
}

/** Splits one recording of clips said one after another into the clips, at the long pauses. */
function split({ sampleRate, samples }: Recording): Int16Array[] {
  const gap = Math.round(SPLIT_SILENCE_S * sampleRate);
  const pad = Math.round(PAD_S * sampleRate);
  const clips: Int16Array[] = [];
  let start = -1;
  let lastSound = -1;
  const close = () => clips.push(samples.slice(Math.max(0, start - pad), Math.min(samples.length, lastSound + 1 + pad)));
  for (let i = 0; i < samples.length; i++) {
    if (Math.abs(samples[i]) < QUIET_LEVEL) {
      if (start >= 0 && i - lastSound > gap) {
        close();
        start = -1;
      }
      continue;
    }
    if (start < 0) start = i;
    lastSound = i;
  }
  if (start >= 0) close();
  return clips;
}

async function record(entries: [string, string][]): Promise<Map<string, Uint8Array>> {
  // Loaded only when recording: a cached build never starts the 18 MB synthesiser.
  const { default: ESpeakNg } = await import('espeak-ng');
  // Words only from VOICE_CLIPS (letters and spaces): nothing to escape in the SSML.
  for (const [, words] of entries) if (!/^[a-z ]+$/.test(words)) throw new Error(`Voice clip words must be plain: "${words}"`);
  const ssml = `<speak>${entries.map(([, words]) => `${words}<break time="${PAUSE_MS}ms"/>`).join('')}</speak>`;
  const quiet = () => undefined;
  const espeak = await ESpeakNg({ print: quiet, printErr: quiet, arguments: ['-m', '-v', 'id', '-s', String(SPEED_WPM), '-w', 'all.wav', ssml] });
  const recording = readWav(espeak.FS.readFile('all.wav'));
  const clips = split(recording);
  if (clips.length !== entries.length) {
    throw new Error(`Recorded ${clips.length} voice clips for ${entries.length} words: the split at pauses went wrong`);
  }
  return new Map(entries.map(([name], i) => [name, wav(recording.sampleRate, clips[i])]));
}

/** The clips, from the cache or recorded now: file name → WAV bytes. */
export async function voiceClips(cacheRoot: string): Promise<Map<string, Uint8Array>> {
  const entries = Object.entries(VOICE_CLIPS).sort(([a], [b]) => a.localeCompare(b));
  const espeakVersion = (JSON.parse(readFileSync(require.resolve('espeak-ng/package.json'), 'utf8')) as { version: string }).version;
  const key = createHash('sha256')
    .update(JSON.stringify({ entries, espeakVersion, SPEED_WPM, PAUSE_MS, SPLIT_SILENCE_S, QUIET_LEVEL, PAD_S, format: 1 }))
    .digest('hex')
    .slice(0, 16);
  const folder = join(cacheRoot, key);
  const files = entries.map(([name]) => `${name}.wav`);
  if (!existsSync(folder) || !files.every((file) => existsSync(join(folder, file)))) {
    const clips = await record(entries);
    const partial = `${folder}.${process.pid}.tmp`;
    mkdirSync(partial, { recursive: true });
    for (const [name, bytes] of clips) writeFileSync(join(partial, `${name}.wav`), bytes);
    rmSync(folder, { recursive: true, force: true });
    renameSync(partial, folder);
    // Older recordings of other words are of no more use.
    for (const old of readdirSync(cacheRoot)) if (old !== key) rmSync(join(cacheRoot, old), { recursive: true, force: true });
  }
  return new Map(files.map((file) => [file, readFileSync(join(folder, file))]));
}

/** Adds the clips to the build, and serves them in development. */
export function voiceClipsPlugin(): Plugin {
  const cacheRoot = join(dirname(require.resolve('espeak-ng/package.json')), '..', '.cache', 'loket-voice');
  let clips: Promise<Map<string, Uint8Array>> | null = null;
  const load = () => (clips ??= voiceClips(cacheRoot));
  return {
    name: 'loket-voice-clips',
    async generateBundle() {
      for (const [file, source] of await load()) this.emitFile({ type: 'asset', fileName: `${VOICE_FOLDER}/${file}`, source });
    },
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const match = new RegExp(`^/${VOICE_FOLDER}/([a-z-]+\\.wav)$`).exec(request.url ?? '');
        if (!match) return next();
        load().then(
          (all) => {
            const bytes = all.get(match[1]);
            if (!bytes) return next();
            response.setHeader('Content-Type', 'audio/wav');
            response.end(bytes);
          },
          (error: unknown) => next(error),
        );
      });
    },
  };
}
