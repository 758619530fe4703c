/** What the benchmark reads about processes and files on this (Linux) machine. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

/** Resident set size of `pid` in MiB (0 once it is gone). */
export function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/**
 * CPU time (user + system) `pid` has used so far, in seconds, from /proc/<pid>/stat (0 once gone).
 * Linux reports it in clock ticks of 1/100 s (USER_HZ).
 */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th overall.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Samples the RSS of a process every `everyMs` and keeps the peak, until stopped. */
export class PeakRss {
  #peak = 0;
  readonly #timer: NodeJS.Timeout;

  constructor(private readonly pid: number, everyMs = 200) {
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), everyMs);
    this.#timer.unref();
  }

  #sample(): void {
    this.#peak = Math.max(this.#peak, rssMiB(this.pid));
  }

  /** Takes a last sample, stops sampling and returns the peak in MiB. */
  stop(): number {
    this.#sample();
    clearInterval(this.#timer);
    return this.#peak;
  }
}

/** The 1-minute load average, the machine-noise figure printed beside every result. */
export const load1 = (): number => Math.round(loadavg()[0] * 100) / 100;

/** Total size in bytes of the regular files under `dir` (what `du -sb` counts), skipping `skip` names. */
export function dirBytes(dir: string, skip: ReadonlySet<string> = new Set()): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += dirBytes(path, skip);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}
