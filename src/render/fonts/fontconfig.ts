// The fontconfig setup every text renderer of ours uses: the system's fonts plus the monochrome emoji
// font that ships in node_modules (libass draws no colour fonts, and Debian's only monochrome emoji
// font, Symbola, stops at Unicode 9, so 🥲 or 🫠 would be boxes).
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runTool } from '../compose/run.js';
import { writeAtomically } from '../storage/atomicWrite.js';

/** The family name of the bundled emoji font (npm @expo-google-fonts/noto-emoji, SIL OFL 1.1). */
export const EMOJI_FONT_FAMILY = 'Noto Emoji';

/**
 * Folders of the bundled emoji font: regular and bold, one TTF each. None when the package is not
 * installed: the start-up font check then names it.
 */
export function emojiFontDirs(): string[] {
  let pkg: string;
  try {
    pkg = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-emoji/package.json'));
  } catch {
    return [];
  }
  return [join(pkg, '400Regular'), join(pkg, '700Bold')];
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The configuration this process started with: ours includes it (read once, before useOurFonts). */
const BASE_CONFIG = process.env.FONTCONFIG_FILE ?? '/etc/fonts/fonts.conf';

/** A fontconfig file: the system configuration (or the one FONTCONFIG_FILE named) plus `dirs`. */
export function fontconfigXml(dirs: readonly string[], base = BASE_CONFIG): string {
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
    '<fontconfig>',
    `  <include ignore_missing="yes">${escapeXml(base)}</include>`,
    ...dirs.map((d) => `  <dir>${escapeXml(d)}</dir>`),
    '</fontconfig>',
    '',
  ].join('\n');
}

/** Writes a fontconfig file named by its content under the temp dir (once; concurrent writers agree). */
export async function writeFontconfig(xml: string): Promise<string> {
  const path = join(tmpdir(), 'reelforge-fonts', `${createHash('sha256').update(xml).digest('hex').slice(0, 16)}.conf`);
  const existing = await readFile(path, 'utf8').catch(() => null);
  if (existing !== xml) await writeAtomically(path, (temp) => writeFile(temp, xml));
  return path;
}

let ours: Promise<string> | null = null;

/** Path of our fontconfig file (system fonts + the bundled emoji font), written on first use. */
export function fontconfigFile(): Promise<string> {
  ours ??= writeFontconfig(fontconfigXml(emojiFontDirs())).catch((err: unknown) => {
    ours = null;
    throw err;
  });
  return ours;
}

/**
 * Points this process's fontconfig at our fonts too, so title cards drawn with sharp (its librsvg
 * and Pango read FONTCONFIG_FILE when they first draw text) get the emoji font. Called at start-up.
 */
export async function useOurFonts(): Promise<string> {
  const file = await fontconfigFile();
  process.env.FONTCONFIG_FILE = file;
  return file;
}

/** Environment for a child process (ffmpeg's libass, fc-list) that should see our fonts. */
export async function fontEnv(file?: string): Promise<NodeJS.ProcessEnv> {
  return { ...process.env, FONTCONFIG_FILE: file ?? (await fontconfigFile()) };
}

/** Runs fc-list with our fonts (or the fontconfig file given). */
export async function fcList(args: string[], fontconfig?: string): Promise<string> {
  const { stdout } = await runTool('fc-list', args, undefined, { env: await fontEnv(fontconfig) });
  return stdout;
}
