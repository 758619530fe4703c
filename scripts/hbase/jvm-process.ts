import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { javaCommand } from './java-prereqs';

export interface JvmLaunch {
  readonly args: readonly string[];
  /** File receiving the JVM's stdout and stderr. */
  readonly consoleFile: string;
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /**
   * When false, a small watchdog kills the JVM's process group and removes `cleanupDir` as soon
   * as this Node process (or `watchPid`) is gone, so a crashed test run leaves no JVM behind.
   */
  readonly outliveParent: boolean;
  readonly cleanupDir?: string;
  /** The process the watchdog watches (default: this one). */
  readonly watchPid?: number;
}

/** A started JVM. Its pid is also its process group id (it leads its own group). */
export interface JvmProcess {
  readonly pid: number;
  /** Resolves with the exit code (or signal name) once the JVM has exited. */
  readonly exited: Promise<string>;
}

/** Starts `java args…` in its own process group, detached from our stdio. */
export function startJvm(launch: JvmLaunch): JvmProcess {
  const out = openSync(launch.consoleFile, 'a');
  const child = spawn(javaCommand(), launch.args, {
    cwd: launch.cwd, env: launch.env ?? process.env, detached: true, stdio: ['ignore', out, out],
  });
  closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Cannot start ${javaCommand()}`);
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? String(code)));
    child.once('error', (err) => resolve(err.message));
  });
  child.unref();
  if (!launch.outliveParent) startWatchdog(launch.watchPid ?? process.pid, pid, launch.cleanupDir);
  return { pid, exited };
}

// Polls our pid once a second; when we are gone, kills the JVM's group and removes its dir.
const WATCHDOG = `
const [parent, group, dir] = [Number(process.argv[1]), Number(process.argv[2]), process.argv[3]];
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
const timer = setInterval(() => {
  if (!alive(group)) process.exit(0);
  if (alive(parent)) return;
  clearInterval(timer);
  try { process.kill(-group, 'SIGKILL'); } catch {}
  setTimeout(() => {
    if (dir) require('fs').rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }, 500);
}, 1000);`;

function startWatchdog(parentPid: number, groupId: number, cleanupDir: string | undefined): void {
  const args = ['-e', WATCHDOG, String(parentPid), String(groupId), cleanupDir ?? ''];
  spawn(process.execPath, args, { detached: true, stdio: 'ignore' }).unref();
}

/** True while a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** On Linux, the command line of `pid` (NUL-separated words joined by spaces), else undefined. */
export function commandLineOf(pid: number): string | undefined {
  const file = `/proc/${pid}/cmdline`;
  if (!existsSync(file)) return undefined;
  try {
    return readFileSync(file, 'utf8').split('\0').join(' ');
  } catch {
    return undefined;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `probe` every 250 ms until it answers true; fails when the JVM exits first or when
 * `deadline` (epoch ms) passes. `what` names the awaited state in the error.
 */
export async function waitForJvm(
  jvm: JvmProcess, deadline: number, probe: () => Promise<boolean>, what: string,
): Promise<void> {
  let exit: string | undefined;
  void jvm.exited.then((e) => (exit = e));
  while (Date.now() < deadline) {
    if (exit !== undefined) throw new Error(`the JVM exited (${exit}) before ${what}`);
    if (await probe().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`timed out waiting until ${what}`);
}

/**
 * Stops the process group led by `pid`: SIGTERM, then SIGKILL after `graceMs`.
 * Resolves once the leader is gone.
 */
export async function stopProcessGroup(pid: number, graceMs: number): Promise<void> {
  const signal = (s: NodeJS.Signals): void => {
    try {
      process.kill(-pid, s);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (!isAlive(pid)) return;
  signal('SIGKILL');
  const killDeadline = Date.now() + 10_000;
  while (isAlive(pid) && Date.now() < killDeadline) await sleep(50);
}

/** The last `lines` lines of a text file ('' when it does not exist). */
export function tailOf(file: string, lines = 40): string {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  return text.split('\n').slice(-lines - 1).join('\n');
}

/** What to show when a JVM failed to come up: the end of its console output, then of its log. */
export function failureTails(consoleFile: string, logFile: string): string {
  return `${tailOf(consoleFile, 20)}\n--- ${logFile} (tail) ---\n${tailOf(logFile, 60)}`;
}

/** Removes a run's throwaway folder. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
