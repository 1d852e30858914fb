// Ken Burns motion: a slow zoom with a gentle pan, chosen deterministically from a seed.
import { createHash } from 'node:crypto';
import type { Size } from '../types.js';

/**
 * The source is pre-scaled to this multiple of the output, so zoompan crops from a small frame
 * (cheap) and zooming up to this factor never upscales (sharp).
 */
export const OVERSIZE = 1.2;

export interface Motion {
  zoomFrom: number;
  zoomTo: number;
  /** Pan position as a fraction (0–1) of the free room at each zoom, start and end. */
  xFrom: number;
  xTo: number;
  yFrom: number;
  yTo: number;
}

function even(n: number): number {
  return Math.max(2, Math.round(n / 2) * 2);
}

/** Size the still is pre-scaled (cover-cropped) to before zoompan. */
export function oversizeOf(size: Size): Size {
  return { width: even(size.width * OVERSIZE), height: even(size.height * OVERSIZE) };
}

export function motionFromSeed(seed: string): Motion {
  const h = createHash('sha256').update(seed).digest();
  const byte = (i: number) => (h[i] ?? 0) / 255;
  // Zoom stays within [1.02, OVERSIZE - 0.01]: above 1 so there is room to pan, below the oversize so
  // no frame is upscaled.
  const low = 1.02;
  const amount = 0.1 + 0.07 * byte(1);
  const zoomIn = byte(0) < 0.5;
  const [zoomFrom, zoomTo] = zoomIn ? [low, low + amount] : [low + amount, low];
  // Pan across at most 70 % of the free room, in a seeded direction on each axis.
  const pan = (dirByte: number, amountByte: number): [number, number] => {
    const d = (0.3 + 0.4 * byte(amountByte)) / 2;
    const dir = byte(dirByte);
    if (dir < 0.2) return [0.5, 0.5];
    return dir < 0.6 ? [0.5 - d, 0.5 + d] : [0.5 + d, 0.5 - d];
  };
  const [xFrom, xTo] = pan(2, 3);
  const [yFrom, yTo] = pan(4, 5);
  return { zoomFrom, zoomTo, xFrom, xTo, yFrom, yTo };
}

const f = (n: number) => n.toFixed(6);

/**
 * zoompan filter for one still frame → `frames` output frames. Progress p runs 0→1 over the
 * frames; expressions are single-quoted so their commas survive the graph parser.
 */
export function zoompanFilter(motion: Motion, frames: number, size: Size, fps: number): string {
  const p = `clip(on/${Math.max(1, frames - 1)},0,1)`;
  const lerp = (a: number, b: number) => `(${f(a)}+${f(b - a)}*${p})`;
  const z = lerp(motion.zoomFrom, motion.zoomTo);
  const x = `(iw-iw/zoom)*${lerp(motion.xFrom, motion.xTo)}`;
  const y = `(ih-ih/zoom)*${lerp(motion.yFrom, motion.yTo)}`;
  return `zoompan=z='${z}':x='${x}':y='${y}':d=${frames}:s=${size.width}x${size.height}:fps=${fps}`;
}
