/**
 * A TSD as a real child process — the built `tsdb tsd` from dist/, or another compiled entry point
 * such as the fault-injecting one in scripts/reliability — so tests can SIGKILL it, restart it on
 * the same data, and read its memory from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const TSDB_MAIN = join(ROOT, 'dist/src/cli/main.js');

export interface TsdProcess {
  readonly pid: number;
  readonly port: number;
  readonly url: string;
  readonly configFile: string;
  /** Everything the process wrote to stderr (its log) so far. */
  log(): string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` (default SIGKILL) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Resident set size in bytes (Linux /proc), 0 once the process is gone. */
  rssBytes(): number;
}

export interface StartOptions {
  /** opentsdb.conf keys; port 0 and bind 127.0.0.1 unless given. */
  readonly config: Readonly<Record<string, string>>;
  /** A compiled script to run instead of `tsdb tsd`: called as `node <script> <configFile> ...args`. */
  readonly script?: string;
  readonly args?: readonly string[];
  /** Options for node itself, e.g. `--max-old-space-size=128` to prove memory stays bounded. */
  readonly nodeOptions?: readonly string[];
  readonly readyTimeoutMs?: number;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Child processes run dist/: fail at once, saying what to do, when it is missing or older than the sources. */
export function assertBuilt(): void {
  if (!existsSync(TSDB_MAIN)) throw new Error(`Cannot start a TSD process: ${TSDB_MAIN} is missing (run 'npm run build')`);
  const built = statSync(TSDB_MAIN).mtimeMs;
  const source = Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'scripts')));
  if (source > built) throw new Error(`Cannot start a TSD process: dist/ is older than src/ or scripts/ (run 'npm run build')`);
}

/** Writes `config` as an opentsdb.conf file in a new temp folder; returns its path. */
export function writeConfig(config: Readonly<Record<string, string>>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tsd-ts-conf-')), 'opentsdb.conf');
  writeFileSync(file, Object.entries(config).map(([k, v]) => `${k} = ${v}`).join('\n') + '\n');
  return file;
}

export function startTsdProcess(options: StartOptions): Promise<TsdProcess> {
  assertBuilt();
  const configFile = writeConfig({ 'tsd.network.port': '0', 'tsd.network.bind': '127.0.0.1', ...options.config });
  const argv = options.script
    ? [options.script, configFile, ...(options.args ?? [])]
    : [TSDB_MAIN, 'tsd', '--config', configFile, ...(options.args ?? [])];
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeOptions ?? []), ...argv], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => r({ code, signal })),
  );
  return new Promise((resolveP, reject) => {
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`TSD process did not get ready in ${options.readyTimeoutMs ?? 60_000} ms:\n${log.slice(-2000)}`));
    }, options.readyTimeoutMs ?? 60_000);
    child.stderr?.on('data', (d: Buffer) => {
      log += d.toString('utf8');
      if (log.length > 4_000_000) log = log.slice(-1_000_000);
      const m = ready ? null : /Ready to serve on [^\s"]+:(\d+)/.exec(log);
      if (!m) return;
      ready = true;
      clearTimeout(timer);
      const port = Number(m[1]);
      const pid = child.pid as number;
      resolveP({
        pid,
        port,
        url: `http://127.0.0.1:${port}`,
        configFile,
        log: () => log,
        exited,
        async kill(signal: NodeJS.Signals = 'SIGKILL') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
        rssBytes: () => rssOf(pid),
      });
    });
    void exited.then(({ code, signal }) => {
      if (ready) return;
      clearTimeout(timer);
      reject(new Error(`TSD process exited before it was ready (code ${code}, signal ${signal}):\n${log.slice(-2000)}`));
    });
  });
}

/** VmRSS of a process in bytes, or 0 when it is gone. */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Runs `tsdb <args>` (the built CLI) to its end; resolves with its exit code and output. */
export function runTsdb(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  assertBuilt();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSDB_MAIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
