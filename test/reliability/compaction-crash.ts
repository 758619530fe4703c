/**
 * A TSD killed in the middle of packing rows (issue 11, part 2). A clean TSD first stores hour 1 of
 * some series, packed. A TSD on a FaultStore then adds points to those rows (so packing must merge
 * with the stored cell) and to new rows of hour 2, and SIGKILLs itself at one step of packing. A
 * normal TSD then starts on the same data: every point must read back once, with its value, and the
 * rows must end up as one clean cell each (repaired by the compactor, or by compaction on read).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Config } from '../../src/config/config';
import { tableNames } from '../../src/core/tables';
import { EmbeddedStore } from '../../src/storage/embedded/embedded-store';
import type { Store } from '../../src/storage/store';
import { hbaseTables } from '../helpers/tsd-harness';
import { ROOT, runTsdb, startTsdProcess, writeConfig, type TsdProcess } from '../helpers/tsd-process';
import type { CrashPoint } from '../../scripts/reliability/fault-store';
import { checkDataTable, type IntegrityReport } from './store-integrity';
import { queryByTag, sleep, statValue, type Dps } from './tsd-client';

export const FAULT_TSD = join(ROOT, 'dist/scripts/reliability/fault-tsd.js');

const HOUR1 = 1356998400;
const HOUR2 = HOUR1 + 3600;
const HOSTS = ['a', 'b', 'c', 'd'];
const METRIC = 'compact.m';

interface Point {
  readonly host: string;
  readonly ts: number;
}
const valueOf = (p: Point): number => HOSTS.indexOf(p.host) * 1_000_000 + (p.ts - HOUR1);

/** Hour 1 on even 10 s steps (stored first), then its odd 5 s steps plus ten repeats, then hour 2. */
function pointsOf(part: 'first' | 'second'): Point[] {
  const out: Point[] = [];
  for (const host of HOSTS) {
    for (let i = 0; i < 120; i++) {
      if (part === 'first') out.push({ host, ts: HOUR1 + i * 10 });
      else out.push({ host, ts: HOUR1 + 5 + i * 10 }, { host, ts: HOUR2 + i * 10 });
    }
    if (part === 'second') for (let i = 0; i < 10; i++) out.push({ host, ts: HOUR1 + i * 10 });
  }
  return out;
}

async function putSync(url: string, points: Point[]): Promise<void> {
  const body = JSON.stringify(points.map((p) => ({ metric: METRIC, timestamp: p.ts, value: valueOf(p), tags: { host: p.host } })));
  const res = await fetch(`${url}/api/put?sync`, { method: 'POST', body });
  if (res.status !== 204) throw new Error(`put failed with ${res.status}: ${await res.text()}`);
}

export interface CompactionCrashResult {
  /** How the fault TSD ended (SIGKILL when the crash point was reached). */
  readonly faultSignal: NodeJS.Signals | null;
  /** Points read back whose value differs or that are missing, and extra points. */
  readonly wrongPoints: number;
  readonly expectedPoints: number;
  /** Points per host and hour as `1h-count` counts them (a double-counted point shows here). */
  readonly countsOk: boolean;
  /** The stored rows right after the crash: the state the crash point is named for. */
  readonly afterCrash: IntegrityReport;
  /** With `fsck` repair: exit codes of the repairing fsck, then of a second check. */
  readonly fsckExits?: readonly [number | null, number | null];
  /** The stored rows after the repair. */
  readonly report: IntegrityReport;
}

interface Backend {
  readonly config: Record<string, string>;
  /** Opens the stored data for an offline check (the TSD process must be gone for the embedded store). */
  openStore(): Promise<Store>;
  /** Whether the store must be closed after an offline check (the embedded store's lock). */
  readonly exclusive: boolean;
  cleanup(): void;
}

async function checkStored(backend: Backend, table: string): Promise<IntegrityReport> {
  const store = await backend.openStore();
  try {
    return await checkDataTable(store, table);
  } finally {
    if (backend.exclusive) await store.close();
  }
}

async function backendOf(kind: 'embedded' | 'hbase'): Promise<Backend> {
  if (kind === 'embedded') {
    const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-compaction-crash-'));
    return {
      config: { 'tsd.storage.embedded.path': dir },
      openStore: () => EmbeddedStore.open({ path: join(dir, 'store') }),
      exclusive: true,
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const { store, overrides } = await hbaseTables();
  return { config: overrides, openStore: () => Promise.resolve(store), exclusive: false, cleanup: () => void store.close() };
}

function expected(): Map<string, Dps> {
  const out = new Map<string, Dps>();
  for (const p of [...pointsOf('first'), ...pointsOf('second')]) {
    const dps = out.get(p.host) ?? new Map<number, number>();
    dps.set(p.ts, valueOf(p));
    out.set(p.host, dps);
  }
  return out;
}

/** Waits until `done` holds, polling; throws with `what` after `ms`. */
async function waitFor(what: string, ms: number, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await sleep(200);
  }
}

/**
 * `repair`: `tsd` lets the restarted TSD repair (the compactor, and compaction on read); `fsck` runs
 * `tsdb fsck --full-scan --fix --resolve-duplicates --compact` on the crashed data first, then
 * checks again (a point a crash leaves twice is an equal duplicate: fsck repairs it only when asked).
 */
export async function compactionCrash(kind: 'embedded' | 'hbase', crash: CrashPoint, repair: 'tsd' | 'fsck' = 'tsd'): Promise<CompactionCrashResult> {
  const backend = await backendOf(kind);
  const config = { ...backend.config, 'tsd.core.auto_create_metrics': 'true' };
  const table = tableNames(new Config(config)).data;
  let tsd: TsdProcess | undefined;
  try {
    tsd = await startTsdProcess({ config });
    await putSync(tsd.url, pointsOf('first'));
    await tsd.kill('SIGTERM');
    const fault = await startTsdProcess({ config, script: FAULT_TSD, args: [JSON.stringify({ crash })] });
    tsd = fault;
    await putSync(fault.url, pointsOf('second'));
    const exit = await Promise.race([fault.exited, sleep(20_000, true).then(() => ({ code: null, signal: null }))]);
    const afterCrash = await checkStored(backend, table);
    let fsckExits: [number | null, number | null] | undefined;
    if (repair === 'fsck') {
      const conf = writeConfig(config);
      const fixed = await runTsdb(['fsck', '--config', conf, '--full-scan', '--fix', '--resolve-duplicates', '--compact']);
      const checked = await runTsdb(['fsck', '--config', conf, '--full-scan']);
      fsckExits = [fixed.code, checked.code];
    }

    tsd = await startTsdProcess({ config });
    const want = expected();
    const got = await queryByTag(tsd.url, METRIC, 'host', HOUR1, HOUR2 + 3600);
    let wrong = 0;
    for (const [host, dps] of want) {
      const have = got.get(host) ?? new Map<number, number>();
      for (const [ts, v] of dps) if (have.get(ts) !== v) wrong++;
      wrong += [...have.keys()].filter((ts) => !dps.has(ts)).length;
    }
    const counts = await queryByTag(tsd.url, `1h-count:${METRIC}`, 'host', HOUR1, HOUR2 + 3600);
    const countsOk = HOSTS.every((h) => counts.get(h)?.get(HOUR1) === 240 && counts.get(h)?.get(HOUR2) === 120);

    // The repair: replayed rows are packed again (embedded), rows the query found loose are rewritten.
    const running = tsd;
    if (repair === 'tsd' && kind === 'embedded') {
      await waitFor('the replayed rows to be packed', 20_000, async () => (await statValue(running.url, 'tsd.storage.open_rows')) === 0);
    } else if (repair === 'tsd') {
      const store = await backend.openStore();
      await waitFor('the rows to be rewritten', 20_000, async () => (await checkDataTable(store, table)).unpacked === 0);
    }
    await tsd.kill('SIGKILL');
    const report = await checkStored(backend, table);
    return { faultSignal: exit.signal, wrongPoints: wrong, expectedPoints: [...want.values()].reduce((n, d) => n + d.size, 0), countsOk, afterCrash, fsckExits, report };
  } finally {
    await tsd?.kill('SIGKILL');
    backend.cleanup();
  }
}

/** What the store holds right after each crash, before any repair. */
export type CrashState = Record<CrashPoint, { rows: number; unpacked: number; points: number }>;

/**
 * The tests of one backend: a kill at each step of packing, then the repair (the TSD's own, or
 * `tsdb fsck --fix --resolve-duplicates --compact` after a kill after the packed put).
 */
export function defineCompactionCrashTests(kind: 'embedded' | 'hbase', state: CrashState, repairedBy: string, timeoutMs: number): void {
  const points = Object.keys(state) as CrashPoint[];
  test.concurrent.each(points)(`killed %s: every point reads back once and ${repairedBy}`, async (crash) => {
    const r = await compactionCrash(kind, crash);
    expect(r.faultSignal).toBe('SIGKILL');
    const { rows, unpacked, points: stored } = r.afterCrash;
    expect({ rows, unpacked, points: stored }).toEqual(state[crash]);
    expect(r.wrongPoints).toBe(0);
    expect(r.countsOk).toBe(true);
    expect(r.report.corrupt).toEqual([]);
    expect(r.report.unpacked).toBe(0);
    expect(r.report.points).toBe(r.expectedPoints);
  }, timeoutMs);

  test('after a kill after the packed put, tsdb fsck --fix --resolve-duplicates --compact repairs the rows and a second fsck finds nothing', async () => {
    const r = await compactionCrash(kind, 'after-pack-put', 'fsck');
    expect(r.faultSignal).toBe('SIGKILL');
    expect(r.fsckExits?.[1]).toBe(0);
    expect(r.report.unpacked).toBe(0);
    expect(r.report.corrupt).toEqual([]);
    expect(r.wrongPoints).toBe(0);
    expect(r.countsOk).toBe(true);
  }, timeoutMs + 30_000);
}
