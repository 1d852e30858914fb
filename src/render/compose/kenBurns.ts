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

/** Zoom of every motion: from ZOOM_LOW to ZOOM_LOW + an amount in ZOOM_AMOUNT, or back. */
const ZOOM_LOW = 1.02;
const ZOOM_AMOUNT = [0.1, 0.17] as const;
/** Share of the free room a pan crosses, when it pans. */
const PAN_SPREAD = [0.3, 0.7] as const;

/** A motion from six numbers in [0, 1]; motionFromSeed takes them from a hash. */
function motionFrom(byte: (i: number) => number): Motion {
  // Zoom stays within [1.02, OVERSIZE - 0.01]: above 1 so there is room to pan, below the oversize so
  // no frame is upscaled.
  const amount = ZOOM_AMOUNT[0] + (ZOOM_AMOUNT[1] - ZOOM_AMOUNT[0]) * byte(1);
  const zoomIn = byte(0) < 0.5;
  const [zoomFrom, zoomTo] = zoomIn ? [ZOOM_LOW, ZOOM_LOW + amount] : [ZOOM_LOW + amount, ZOOM_LOW];
  // Pan across at most 70 % of the free room, in a seeded direction on each axis.
  const pan = (dirByte: number, amountByte: number): [number, number] => {
    const d = (PAN_SPREAD[0] + (PAN_SPREAD[1] - PAN_SPREAD[0]) * byte(amountByte)) / 2;
    const dir = byte(dirByte);
    if (dir < 0.2) return [0.5, 0.5];
    return dir < 0.6 ? [0.5 - d, 0.5 + d] : [0.5 + d, 0.5 - d];
  };
  const [xFrom, xTo] = pan(2, 3);
  const [yFrom, yTo] = pan(4, 5);
  return { zoomFrom, zoomTo, xFrom, xTo, yFrom, yTo };
}

export function motionFromSeed(seed: string): Motion {
  const h = createHash('sha256').update(seed).digest();
  return motionFrom((i) => (h[i] ?? 0) / 255);
}

/** A rectangle as fractions (0–1) of a picture's width and height. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const PROGRESS_STEPS = 200;

/**
 * The part of the picture that every frame of `motion` shows, as fractions of the picture (the same
 * fractions of the oversized still and of the output-size picture it was scaled from). Frame p shows
 * [(1 - 1/z)·x, (1 - 1/z)·x + 1/z] across, z and x moving linearly with p, as in zoompanFilter.
 */
export function visibleBox(motion: Motion): Box {
  const box = { left: 0, top: 0, right: 1, bottom: 1 };
  for (let i = 0; i <= PROGRESS_STEPS; i++) {
    const p = i / PROGRESS_STEPS;
    const z = motion.zoomFrom + (motion.zoomTo - motion.zoomFrom) * p;
    const x = motion.xFrom + (motion.xTo - motion.xFrom) * p;
    const y = motion.yFrom + (motion.yTo - motion.yFrom) * p;
    box.left = Math.max(box.left, (1 - 1 / z) * x);
    box.right = Math.min(box.right, (1 - 1 / z) * x + 1 / z);
    box.top = Math.max(box.top, (1 - 1 / z) * y);
    box.bottom = Math.min(box.bottom, (1 - 1 / z) * y + 1 / z);
  }
  return box;
}

let always: Box | undefined;

/**
 * The part of the picture that every motion motionFromSeed can pick shows in every frame: what a
 * picture drawn before its motion is chosen (a title card) must keep inside. The visible box shrinks
 * as the zoom and the pan grow, so the extremes of each of the six numbers, in each branch of the
 * direction choices, bound it.
 */
export function alwaysVisibleBox(): Box {
  if (always) return always;
  const box = { left: 0, top: 0, right: 1, bottom: 1 };
  const zoomDirections = [0, 1];
  const extents = [0, 1];
  const panDirections = [0, 0.4, 1]; // still, one way, the other way
  for (const b0 of zoomDirections)
    for (const b1 of extents)
      for (const b2 of panDirections)
        for (const b3 of extents)
          for (const b4 of panDirections)
            for (const b5 of extents) {
              const bytes = [b0, b1, b2, b3, b4, b5];
              const v = visibleBox(motionFrom((i) => bytes[i] ?? 0));
              box.left = Math.max(box.left, v.left);
              box.top = Math.max(box.top, v.top);
              box.right = Math.min(box.right, v.right);
              box.bottom = Math.min(box.bottom, v.bottom);
            }
  always = box;
  return box;
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
