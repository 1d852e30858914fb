import { readdir, readFile } from 'node:fs/promises';

/** Resident memory (bytes) of this process plus all its descendants (ffmpeg, espeak-ng…), from /proc. */
export async function treeRss(root = process.pid): Promise<number> {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      parents.set(pid, ppid);
      rss.set(pid, kb * 1024);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  for (const [pid, bytes] of rss) {
    let p: number | undefined = pid;
    while (p !== undefined && p > 1 && p !== root) p = parents.get(p);
    if (p === root) total += bytes;
  }
  return total;
}

/** Samples treeRss every `everyMs` until stopped; returns the peak. */
export function peakRss(everyMs = 50) {
  let peak = 0;
  let selfPeak = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      selfPeak = Math.max(selfPeak, process.memoryUsage.rss());
      peak = Math.max(peak, await treeRss());
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { peak, selfPeak };
    },
  };
}
