// Offline voice: the espeak-ng CLI (installed, or the npm WebAssembly build). Robotic but instant
// and always available.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { MissingToolError, tool } from '../tools/tools.js';
import { PermanentMediaError, type VoiceOptions, type VoiceProvider, type VoiceResult } from '../types.js';
import { chooseEspeakVoice, ESPEAK, type EspeakVoiceChoice, listEspeakVoices } from './espeakLanguage.js';
import { estimateTimings } from './estimateTimings.js';
import { readWav, speechSpan } from './wav.js';

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

export const espeakVoice: VoiceProvider = {
  name: 'espeak-ng',

  async synthesize(text: string, options: VoiceOptions): Promise<VoiceResult> {
    // One line: with --stdin espeak reads it all at once, and newlines mean nothing to the listener.
    const spoken = text.replace(/\s+/gu, ' ').trim();
    if (!spoken) throw new PermanentMediaError('Nothing to speak: the text is empty');
    const { voice, fallback } = await chooseVoice(options, spoken);
    const audioPath = join(options.outDir, `voice-${randomUUID()}.wav`);
    // Text goes through stdin (-b 1: UTF-8), never argv, so no character can act as an option.
    const args = ['-v', voice, '-s', String(ESPEAK_SPEED_WPM), '-b', '1', '-w', audioPath, '--stdin'];
    try {
      await runEspeak(args, spoken);
      const wav = await readWav(audioPath);
      const words = estimateTimings(spoken, wav.durationMs, speechSpan(wav) ?? undefined);
      return {
        audioPath,
        mime: 'audio/wav',
        durationMs: wav.durationMs,
        words,
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
