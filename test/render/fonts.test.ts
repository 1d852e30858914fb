// Font coverage as fontconfig reports it: this machine's fonts (what .ci/run and the Dockerfile
// install, plus the bundled emoji font), and machines with fewer fonts, made with fontconfig files
// that list only some folders.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingWritingSystems, uncoveredCharacters, warnMissingFonts, WRITING_SYSTEMS } from '../../src/render/fonts/coverage.js';
import { emojiFontDirs, fontconfigFile, fontconfigXml, useOurFonts } from '../../src/render/fonts/fontconfig.js';

const execFileP = promisify(execFile);

let dir: string;
/** Only DejaVu: what a machine has with fonts-dejavu-core alone. */
let dejavuOnly: string;
/** No font at all. */
let noFonts: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reelforge-fonts-'));
  const conf = (dirs: string[]) =>
    `<?xml version="1.0"?>\n<fontconfig>${dirs.map((d) => `<dir>${d}</dir>`).join('')}<cachedir>${dir}/cache</cachedir></fontconfig>\n`;
  dejavuOnly = join(dir, 'dejavu.conf');
  noFonts = join(dir, 'none.conf');
  await writeFile(dejavuOnly, conf(['/usr/share/fonts/truetype/dejavu']));
  await writeFile(noFonts, conf([join(dir, 'empty')]));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function capture() {
  const warnings: { obj: Record<string, unknown>; msg: string }[] = [];
  return { warnings, log: { warn: (obj: object, msg: string) => void warnings.push({ obj: obj as Record<string, unknown>, msg }) } };
}

describe('our fontconfig file', () => {
  it('adds the bundled emoji font to the system configuration', async () => {
    const xml = await readFile(await fontconfigFile(), 'utf8');
    expect(xml).toContain('<include ignore_missing="yes">');
    for (const d of emojiFontDirs()) expect(xml).toContain(`<dir>${d}</dir>`);
    expect(emojiFontDirs()).toHaveLength(2);
    // Paths are XML-escaped.
    expect(fontconfigXml(['/a&b/<c>'], '/etc/fonts/fonts.conf')).toContain('<dir>/a&amp;b/&lt;c&gt;</dir>');
  });
});

/** A PNG of `text` drawn by sharp (librsvg + Pango, as title cards are), in a fresh process. */
async function sharpText(text: string, family: string, env: NodeJS.ProcessEnv): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80"><text x="10" y="60" font-family="${family}" font-size="48" fill="#fff">${text}</text></svg>`;
  const code = `import sharp from 'sharp'; process.stdout.write(await sharp(Buffer.from(process.argv[1])).raw().toBuffer());`;
  const { stdout } = await execFileP(process.execPath, ['--input-type=module', '-e', code, svg], { env, encoding: 'buffer', maxBuffer: 1 << 22 });
  return stdout;
}

describe('title cards (sharp) with our fonts', () => {
  it('draw 🥲 from the bundled emoji font once FONTCONFIG_FILE names our file, a box without it', async () => {
    const ours = await useOurFonts();
    expect(process.env.FONTCONFIG_FILE).toBe(ours);
    const system = { ...process.env, FONTCONFIG_FILE: '/etc/fonts/fonts.conf' };
    const [withOurs, explicit, withSystem] = await Promise.all([
      sharpText('🥲', 'DejaVu Sans', process.env),
      sharpText('🥲', 'Noto Emoji', process.env),
      sharpText('🥲', 'DejaVu Sans', system),
    ]);
    expect(withOurs.equals(explicit)).toBe(true); // fallback found the emoji font…
    expect(withOurs.equals(withSystem)).toBe(false); // …which the system's fonts alone lack
  });
});

describe('font coverage', () => {
  it('covers every writing system narration is written in, here', async () => {
    expect((await missingWritingSystems()).map((w) => w.script)).toEqual([]);
    const { warnings, log } = capture();
    await warnMissingFonts(log);
    expect(warnings).toEqual([]);
  });

  it('finds a font for every character of every script, and names the characters none has', async () => {
    const text = 'नमस्ते মা தமிழ் తెలుగు مرحبا שלום 中文 かな 한국 Привет Γειά 😀 🥲 🫠 🧑‍🚀 ❤️';
    expect(await uncoveredCharacters(text)).toEqual([]);
    // Unassigned code points and a plane-16 private-use character: no font has them. Joiners,
    // variation selectors and spaces draw nothing and are never reported.
    expect(await uncoveredCharacters('a\u0378b\u{10FFFD}\u0378\u200D\uFE0F\u2060 ')).toEqual(['\u0378', '\u{10FFFD}']);
  });

  it('with DejaVu alone: Indic, Persian/Urdu, CJK and new emoji are missing, with what to install for each', async () => {
    const missing = await missingWritingSystems({ fontconfig: dejavuOnly });
    // DejaVu has Arabic letters, but not all that Persian and Urdu use.
    expect(missing.map((w) => w.script)).toEqual(['Devanagari', 'Bengali', 'Tamil', 'Telugu', 'Arabic', 'Han', 'Kana', 'Hangul', 'Emoji']);
    const { warnings, log } = capture();
    await warnMissingFonts(log, { fontconfig: dejavuOnly });
    expect(warnings).toHaveLength(missing.length);
    const devanagari = warnings.find((w) => w.obj.script === 'Devanagari')!;
    expect(devanagari.msg).toMatch(/Devanagari \(Hindi, Marathi\).*boxes.*fonts-noto-core/);
    expect(warnings.find((w) => w.obj.script === 'Hangul')!.msg).toContain('fonts-noto-cjk');
    expect(warnings.find((w) => w.obj.script === 'Emoji')!.msg).toContain('@expo-google-fonts/noto-emoji');
    expect(await uncoveredCharacters('Hi नमस्ते 🥲', { fontconfig: dejavuOnly })).toEqual(['न', 'म', 'स', '्', 'त', 'े', '🥲']);
  });

  it('with no fonts at all, every writing system is missing', async () => {
    const missing = await missingWritingSystems({ fontconfig: noFonts });
    expect(missing.map((w) => w.script)).toEqual(WRITING_SYSTEMS.map((w) => w.script));
    expect(missing.find((w) => w.script === 'Latin')!.install).toContain('fonts-dejavu-core');
  });
});
