// Where ffmpeg, ffprobe and espeak-ng come from: the ones on PATH when installed, else builds shipped
// inside npm packages (optionalDependencies), so `npm install && npm start` renders with Node alone.
// Resolved once per process; every place that runs one of these tools asks here.
import { accessSync, chmodSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PermanentMediaError } from '../types.js';

export type ToolName = 'ffmpeg' | 'ffprobe' | 'espeak-ng';
export const TOOL_NAMES: readonly ToolName[] = ['ffmpeg', 'ffprobe', 'espeak-ng'];

export function isToolName(name: string): name is ToolName {
  return (TOOL_NAMES as readonly string[]).includes(name);
}

export interface Tool {
  name: ToolName;
  /** What to spawn, and the arguments that go before the tool's own. */
  command: string;
  prefixArgs: string[];
  source: 'system' | 'npm';
  /** The file found on PATH, or the npm package (name@version) the build comes from. */
  from: string;
}

export interface MissingTool {
  name: ToolName;
  source: 'missing';
  /** How to get it, for the start-up log and the stage error. */
  install: string;
}

export type ToolResolution = Tool | MissingTool;

/** A render stage needs a tool this machine does not have: retrying cannot help. */
export class MissingToolError extends PermanentMediaError {
  override name = 'MissingToolError';
  constructor(
    readonly tool: ToolName,
    message: string,
  ) {
    super(message);
  }
}

const NPM_PACKAGES: Record<ToolName, string> = {
  ffmpeg: '@ffmpeg-installer/linux-x64',
  ffprobe: '@ffprobe-installer/linux-x64',
  'espeak-ng': 'espeak-ng',
};

const APT_PACKAGE: Record<ToolName, string> = { ffmpeg: 'ffmpeg', ffprobe: 'ffmpeg', 'espeak-ng': 'espeak-ng' };

const ESPEAK_WASM_CLI = fileURLToPath(new URL('./espeak-ng-wasm.mjs', import.meta.url));

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, pathVar: string | undefined): string | null {
  for (const dir of (pathVar ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    if (existsSync(file) && executable(file)) return file;
  }
  return null;
}

function npmPackage(pkg: string): { dir: string; version: string } | null {
  const require = createRequire(import.meta.url);
  try {
    const manifest = require.resolve(`${pkg}/package.json`);
    return { dir: dirname(manifest), version: (require(manifest) as { version: string }).version };
  } catch {
    return null;
  }
}

function fromNpm(name: ToolName): Tool | null {
  const pkg = npmPackage(NPM_PACKAGES[name]);
  if (!pkg) return null;
  const from = `${NPM_PACKAGES[name]}@${pkg.version}`;
  if (name === 'espeak-ng') {
    // WebAssembly, run by Node as a program of its own (GPL: never loaded into this process).
    return { name, command: process.execPath, prefixArgs: [ESPEAK_WASM_CLI], source: 'npm', from };
  }
  const file = join(pkg.dir, name);
  if (!existsSync(file)) return null;
  // npm may skip the package's own `chmod u+x` install script (scripts not approved).
  if (!executable(file)) {
    try {
      chmodSync(file, 0o755);
    } catch {
      return null;
    }
  }
  return { name, command: file, prefixArgs: [], source: 'npm', from };
}

export interface ToolSources {
  /** PATH to search (default: this process's). */
  path?: string;
  /** Fall back to the npm builds (default true). */
  npm?: boolean;
}

/** Finds every tool (pure apart from reading the file system; tests call it). */
export function resolveTools(sources: ToolSources = {}): Record<ToolName, ToolResolution> {
  const out = {} as Record<ToolName, ToolResolution>;
  for (const name of TOOL_NAMES) {
    const system = onPath(name, sources.path ?? process.env.PATH);
    out[name] = system
      ? { name, command: system, prefixArgs: [], source: 'system', from: system }
      : ((sources.npm === false ? null : fromNpm(name)) ?? {
          name,
          source: 'missing',
          install:
            sources.npm === false
              ? `apt-get install ${APT_PACKAGE[name]} (MEDIA_TOOLS=system: the npm builds are not used)`
              : `apt-get install ${APT_PACKAGE[name]}, or npm install (it brings ${NPM_PACKAGES[name]} on Linux x64)`,
        });
  }
  return out;
}

let resolved: Record<ToolName, ToolResolution> | undefined;
let npmBuilds = true;

/** Whether this process may use the npm builds (start-up sets it from MEDIA_TOOLS). */
export function allowNpmBuilds(allow: boolean): void {
  npmBuilds = allow;
  resolved = undefined;
}

/** This process's tools, found on first use. */
export function tools(): Record<ToolName, ToolResolution> {
  resolved ??= resolveTools({ npm: npmBuilds });
  return resolved;
}

/** The tool to spawn; a MissingToolError (permanent: the stage fails at once) when there is none. */
export function tool(name: ToolName): Tool {
  const t = tools()[name];
  if (t.source === 'missing') throw new MissingToolError(name, `${name} is not installed: ${t.install}`);
  return t;
}
