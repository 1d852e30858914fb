import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (USER_HZ: 100 on Linux everywhere). */
const TICKS = 100;

/**
 * CPU seconds used so far by this process and by the children it has waited for (ffmpeg,
 * espeak-ng…: /proc/self/stat cutime and cstime count them once they have exited).
 */
export function cpuSeconds(): { own: number; children: number; total: number } {
  const own = process.cpuUsage();
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  const children = (Number(fields[13]) + Number(fields[14])) / TICKS;
  const mine = (own.user + own.system) / 1e6;
  return { own: mine, children, total: mine + children };
}
