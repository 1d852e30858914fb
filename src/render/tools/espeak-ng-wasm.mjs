// SPDX-License-Identifier: GPL-3.0-or-later
// The espeak-ng command line, run from the npm `espeak-ng` package (espeak-ng compiled to
// WebAssembly, GPL-3.0-or-later) when no espeak-ng is installed. It is a program of its own, started
// as a child process with espeak-ng's own arguments, so reelforge is never linked with GPL code; this
// file is under the GPL like the code it loads. The WebAssembly build writes into an in-memory file
// system: `-w <file>` is written there and copied out once espeak-ng exits with 0.
import { writeFileSync } from 'node:fs';
import ESpeakNg from 'espeak-ng';

const args = process.argv.slice(2);
const w = args.indexOf('-w');
const outPath = w >= 0 ? args[w + 1] : undefined;
const MEM_WAV = '/tmp/out.wav';
if (outPath !== undefined) args[w + 1] = MEM_WAV;

const espeak = await ESpeakNg({
  arguments: args,
  print: (line) => process.stdout.write(`${line}\n`),
  // Emscripten's note about its runtime staying alive after main() says nothing to our callers.
  printErr: (line) => {
    if (!line.includes('keepRuntimeAlive')) process.stderr.write(`${line}\n`);
  },
});
// main()'s exit status arrives as process.exitCode.
if (outPath !== undefined && !process.exitCode) writeFileSync(outPath, espeak.FS.readFile(MEM_WAV));
