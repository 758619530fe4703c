/**
 * A server the benchmark runs as a child process (a tsd-ts TSD, VictoriaMetrics): started with its
 * output in a log file, awaited until an HTTP URL answers, stopped with a signal and awaited until it
 * exited (a clean stop is part of what is measured: tsd-ts packs its open rows then). Children still
 * running when the benchmark exits are killed.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

export interface ChildServer {
  readonly pid: number;
  readonly logFile: string;
  /** Sends `signal` and resolves once the process has exited; SIGKILL after `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<void>;
}

const running = new Set<number>();
// A signal would end the benchmark without 'exit' handlers: turn it into an exit, so children die too.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
process.once('exit', () => {
  for (const pid of running) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}

/** Starts `command args…`, then polls `readyUrl` until it answers 200 (or the child dies or time runs out). */
export async function startChildServer(command: string, args: readonly string[], logFile: string, readyUrl: string, timeoutMs = 60_000): Promise<ChildServer> {
  const out = openSync(logFile, 'a');
  const child = spawn(command, args, { stdio: ['ignore', out, out] });
  closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Cannot start ${command}: no process`);
  running.add(pid);
  let exitCode: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitCode = signal ?? String(code);
      running.delete(pid);
      resolve();
    });
  });
  const server: ChildServer = {
    pid,
    logFile,
    async stop(signal = 'SIGTERM', stopTimeoutMs = 600_000) {
      if (exitCode !== undefined) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && exitCode === undefined) {
    const ok = await fetch(readyUrl, { signal: AbortSignal.timeout(2000) }).then(
      async (r) => (await r.arrayBuffer(), r.status === 200),
      () => false,
    );
    if (ok) return server;
    await new Promise((r) => setTimeout(r, 100));
  }
  await server.stop('SIGKILL');
  throw new Error(`Cannot start ${command} (${exitCode === undefined ? 'not ready in time' : `exited with ${exitCode}`}):\n${tail(logFile)}`);
}
