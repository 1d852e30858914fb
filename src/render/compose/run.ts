// Runs ffmpeg/ffprobe as child processes with an argument array (never a shell string), from where
// tools/tools.ts found them (PATH, else the npm builds).
import { spawn } from 'node:child_process';
import { abortError } from '../abort.js';
import { isToolName, MissingToolError, type ToolName, tool } from '../tools/tools.js';

export const FFMPEG: ToolName = 'ffmpeg';
export const FFPROBE: ToolName = 'ffprobe';

/** How many trailing stderr lines an error message carries. */
const STDERR_TAIL_LINES = 12;

export class ToolError extends Error {
  override name = 'ToolError';
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderrTail: string,
  ) {
    super(message);
  }
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

function tail(text: string): string {
  return text.trimEnd().split('\n').slice(-STDERR_TAIL_LINES).join('\n');
}

/**
 * Runs a tool to completion. On abort the process gets SIGKILL and the promise rejects only once it
 * has exited, so no process outlives the call.
 */
export function runTool(bin: ToolName | string, args: string[], signal?: AbortSignal, options: { env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    // Our media tools come from where tools.ts found them; anything else (fc-list) from PATH.
    const ours = isToolName(bin);
    let found: { command: string; prefixArgs: string[] };
    try {
      found = ours ? tool(bin) : { command: bin, prefixArgs: [] };
    } catch (e) {
      reject(e);
      return;
    }
    const child = spawn(found.command, [...found.prefixArgs, ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...(options.env ? { env: options.env } : {}) });
    const out: Buffer[] = [];
    let err = '';
    let aborted = false;
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString('utf8');
      // ffmpeg can be chatty; keep memory bounded but enough for the tail.
      if (err.length > 64_000) err = err.slice(-32_000);
    });
    const onAbort = () => {
      aborted = true;
      child.kill('SIGKILL');
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e: NodeJS.ErrnoException) => {
      signal?.removeEventListener('abort', onAbort);
      // Gone or not executable: the same on every retry.
      if (ours && (e.code === 'ENOENT' || e.code === 'EACCES'))
        return reject(new MissingToolError(bin, `${bin} could not be started (${found.command}): ${e.message}`));
      reject(new ToolError(`${bin} could not be started: ${e.message}`, null, ''));
    });
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      if (aborted && signal) return reject(abortError(signal));
      if (code === 0) return resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: err });
      const t = tail(err);
      reject(new ToolError(`${bin} exited with code ${code}${t ? `:\n${t}` : ''}`, code, t));
    });
  });
}
