/**
 * Runs the built `tsdb` command (bin/tsdb → dist/) as a child process, as operators run it. The build
 * is brought up to date first (once per test worker, one worker at a time), so the tests never run a
 * stale dist/.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
const MAIN_JS = join(ROOT, 'dist/src/cli/main.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const stale = (): boolean => {
  let built = 0;
  try {
    built = statSync(MAIN_JS).mtimeMs;
  } catch {
    return true;
  }
  return Math.max(newestMtime(join(ROOT, 'src')), statSync(join(ROOT, 'hbase-schema/tables.json')).mtimeMs) > built;
};

let built: Promise<void> | undefined;

/** Compiles the project when dist/ is older than src/; workers take turns through a lock directory. */
export function ensureBuilt(): Promise<void> {
  built ??= (async () => {
    const lock = join(tmpdir(), `tsd-ts-build-${Buffer.from(ROOT).toString('hex').slice(-32)}.lock`);
    for (;;) {
      try {
        mkdirSync(lock);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    try {
      if (!stale()) return;
      const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.json')], { encoding: 'utf8' });
      if (tsc.status !== 0) throw new Error(`Cannot build tsd-ts for the CLI tests: tsc failed\n${tsc.stdout}${tsc.stderr}`);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  })();
  return built;
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Written to the command's stdin (then closed). */
  readonly input?: string | Buffer;
  readonly cwd?: string;
  readonly env?: Record<string, string>;
  readonly timeoutMs?: number;
}

/** Runs `tsdb <args>` to completion. */
export async function runTsdb(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  await ensureBuilt();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/tsdb'), ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, TZ: 'UTC', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (signal) reject(new Error(`tsdb ${args.join(' ')} was killed (${signal})\n${stderr}`));
      else resolvePromise({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** A scratch directory removed by the returned function. */
export function scratchDir(prefix = 'tsd-ts-cli-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes an opentsdb.conf with the given keys and returns its path. */
export function writeConfig(dir: string, keys: Readonly<Record<string, string>>): string {
  const path = join(dir, 'opentsdb.conf');
  writeFileSync(path, Object.entries(keys).map(([k, v]) => `${k} = ${v}`).join('\n') + '\n');
  return path;
}
