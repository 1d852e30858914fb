// Offline voice: the espeak-ng CLI (installed, or the npm WebAssembly build). Robotic but instant
// and always available.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MissingToolError, tool } from '../tools/tools.js';
import { PermanentMediaError, type VoiceOptions, type VoiceProvider, type VoiceResult, type WordTiming } from '../types.js';
import { chooseEspeakVoice, ESPEAK, type EspeakVoiceChoice, listEspeakVoices } from './espeakLanguage.js';
import { estimateTimings } from './estimateTimings.js';
import { type NarrationPart, narrationParts } from './pauses.js';
import { readWav, silence, speechSpan, type Wav, wavFile } from './wav.js';

/** Words per minute: a little slower than espeak's 175 default, easier to follow on a phone. */
export const ESPEAK_SPEED_WPM = 165;
/** espeak renders a sentence in ~50 ms; anything this slow is stuck. */
const TIMEOUT_MS = 60_000;
// Voice names look like 'en-us', 'pt-br', 'en-us+f3', 'mb-en1'; anything else is refused before it
// can reach the command line (where a leading '-' would read as an option).
const VOICE_NAME = /^[a-z0-9][a-z0-9_+-]{0,63}$/i;

function runEspeak(args: string[], text: string): Promise<void> {
  const espeak = tool(ESPEAK);
  return new Promise((resolve, reject) => {
    const child = spawn(espeak.command, [...espeak.prefixArgs, ...args], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.stderr.on('data', (b: Buffer) => {
      if (stderr.length < 8_000) stderr += b.toString('utf8');
    });
    // espeak may exit before reading all of stdin (bad voice): the exit code tells that story.
    child.stdin.on('error', () => {});
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // Gone or not executable: the same on every retry.
      if (e.code === 'ENOENT' || e.code === 'EACCES') reject(new MissingToolError(ESPEAK, `espeak-ng could not start (${espeak.command}): ${e.message}`));
      else reject(new Error(`espeak-ng could not start: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const detail = stderr.trim() || `exit ${code ?? signal}`;
      // An unknown voice fails the same way on every retry.
      if (/voice does not exist/i.test(stderr)) reject(new PermanentMediaError(`espeak-ng: ${detail}`));
      else reject(new Error(`espeak-ng failed (${code ?? signal}): ${detail}`));
    });
    child.stdin.end(text, 'utf8');
  });
}

/** The render's voice if it names one, else the one for the script's language and what is spoken. */
async function chooseVoice(options: VoiceOptions, text: string): Promise<EspeakVoiceChoice> {
  const asked = options.voice?.trim();
  if (asked) {
    if (!VOICE_NAME.test(asked)) throw new PermanentMediaError(`Invalid espeak-ng voice name: ${JSON.stringify(asked)}`);
    return { voice: asked };
  }
  return chooseEspeakVoice(options.language, await listEspeakVoices(), text);
}

/**
 * Narration with pause marks: each run of speech is spoken on its own and the runs are joined with
 * silence of each pause's length. Chosen over SSML `<break>` with `-m`: estimated timings need to
 * know where speech is, and each run's own WAV tells exactly where its speech starts and ends, so the
 * words after a pause start after it (with one SSML file the estimate would spread words over the gap).
 */
async function speakParts(parts: NarrationPart[], voice: string, outDir: string, audioPath: string): Promise<{ durationMs: number; words: WordTiming[] }> {
  const chunks: Buffer[] = [];
  const words: WordTiming[] = [];
  let format: Wav | undefined;
  let frames = 0; // where the next part starts, in frames of the first run's format
  const pendingSilence: number[] = []; // pauses before the first run, whose format is not known yet
  for (const part of parts) {
    if (part.kind === 'pause') {
      if (format) {
        const gap = silence(format, part.ms);
        chunks.push(gap);
        frames += gap.length / (format.channels * 2);
      } else pendingSilence.push(part.ms);
      continue;
    }
    const partPath = join(outDir, `voice-part-${randomUUID()}.wav`);
    try {
      await runEspeak(['-v', voice, '-s', String(ESPEAK_SPEED_WPM), '-b', '1', '-w', partPath, '--stdin'], part.text);
      const wav = await readWav(partPath);
      if (!format) {
        format = wav;
        for (const ms of pendingSilence) {
          const gap = silence(format, ms);
          chunks.push(gap);
          frames += gap.length / (format.channels * 2);
        }
      } else if (wav.sampleRate !== format.sampleRate || wav.channels !== format.channels) {
        throw new Error(`espeak-ng wrote ${wav.sampleRate} Hz × ${wav.channels} after ${format.sampleRate} Hz × ${format.channels}`);
      }
      const offsetMs = Math.round((frames / format.sampleRate) * 1000);
      for (const w of estimateTimings(part.text, wav.durationMs, speechSpan(wav) ?? undefined)) {
        words.push({ word: w.word, startMs: w.startMs + offsetMs, endMs: w.endMs + offsetMs });
      }
      chunks.push(wav.data);
      frames += wav.data.length / (wav.channels * 2);
    } finally {
      await rm(partPath, { force: true });
    }
  }
  if (!format) throw new PermanentMediaError('Nothing to speak: the text is only pauses');
  await writeFile(audioPath, wavFile(format, Buffer.concat(chunks)));
  return { durationMs: Math.round((frames / format.sampleRate) * 1000), words };
}

export const espeakVoice: VoiceProvider = {
  name: 'espeak-ng',

  async synthesize(text: string, options: VoiceOptions): Promise<VoiceResult> {
    const parts = narrationParts(text);
    // One line: with --stdin espeak reads it all at once, and newlines mean nothing to the listener.
    const spoken = parts
      .flatMap((p) => (p.kind === 'speech' ? [p.text] : []))
      .join(' ')
      .trim();
    if (!spoken) throw new PermanentMediaError('Nothing to speak: the text is empty');
    const { voice, fallback } = await chooseVoice(options, spoken);
    const audioPath = join(options.outDir, `voice-${randomUUID()}.wav`);
    // Text goes through stdin (-b 1: UTF-8), never argv, so no character can act as an option.
    const args = ['-v', voice, '-s', String(ESPEAK_SPEED_WPM), '-b', '1', '-w', audioPath, '--stdin'];
    try {
      let timed: { durationMs: number; words: WordTiming[] };
      if (parts.length === 1) {
        await runEspeak(args, spoken);
        const wav = await readWav(audioPath);
        timed = { durationMs: wav.durationMs, words: estimateTimings(spoken, wav.durationMs, speechSpan(wav) ?? undefined) };
      } else {
        timed = await speakParts(parts, voice, options.outDir, audioPath);
      }
      return {
        audioPath,
        mime: 'audio/wav',
        durationMs: timed.durationMs,
        words: timed.words,
        timingSource: 'estimated',
        provider: espeakVoice.name,
        voice,
        ...(fallback ? { voiceFallback: fallback } : {}),
      };
    } catch (e) {
      await rm(audioPath, { force: true });
      throw e;
    }
  },
};
