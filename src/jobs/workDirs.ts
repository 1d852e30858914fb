// Temporary directories of jobs and requests, named after the process that owns them, so a process
// that died without cleaning up (SIGKILL, OOM) has its leftovers removed by the next worker.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { env } from '../config.js';
import { logger } from '../logger.js';

export function workRoot(): string {
  return env.WORK_DIR ?? join(tmpdir(), 'reelforge-work');
}

// WORK_DIR may be shared by several machines: only this host's dead processes are judged here.
const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 6);
const OWNER = /\.([0-9a-f]{6})\.(\d+)\.[^.]*$/;

/** A new directory under WORK_DIR, e.g. `abcd1234-segment-0.<host>.<pid>.XXXXXX`. */
export async function makeWorkDir(prefix: string): Promise<string> {
  await mkdir(workRoot(), { recursive: true });
  return mkdtemp(join(workRoot(), `${prefix}.${HOST}.${process.pid}.`));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes directories left by processes of this host that no longer run. */
export async function removeDeadProcessDirs(): Promise<number> {
  let names: string[];
  try {
    names = await readdir(workRoot());
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const m = OWNER.exec(name);
    if (!m || m[1] !== HOST) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || alive(pid)) continue;
    await rm(join(workRoot(), name), { recursive: true, force: true });
    removed++;
  }
  if (removed > 0) logger.info({ removed }, 'removed temporary directories of dead processes');
  return removed;
}
