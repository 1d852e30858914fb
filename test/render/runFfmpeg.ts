// Runs ffmpeg/ffprobe in tests (argument arrays, no shell) and reports exit code and output.
import { spawn } from 'node:child_process';

export interface ToolRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runTool(bin: 'ffmpeg' | 'ffprobe', args: string[]): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Duration in ms as ffprobe reads it. */
export async function probeDurationMs(path: string): Promise<number> {
  const r = await runTool('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', path]);
  if (r.code !== 0) throw new Error(`ffprobe failed: ${r.stderr}`);
  return Math.round(Number(r.stdout.trim()) * 1000);
}

/** Loudest sample in dBFS (ffmpeg volumedetect); -91 or lower means digital silence. */
export async function maxVolumeDb(path: string): Promise<number> {
  const r = await runTool('ffmpeg', ['-hide_banner', '-nostats', '-i', path, '-af', 'volumedetect', '-f', 'null', '-']);
  const m = /max_volume:\s*(-?[\d.]+|-inf) dB/.exec(r.stderr);
  if (r.code !== 0 || !m) throw new Error(`volumedetect failed: ${r.stderr.slice(-500)}`);
  return m[1] === '-inf' ? -Infinity : Number(m[1]);
}
