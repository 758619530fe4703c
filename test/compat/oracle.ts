/**
 * The reference OpenTSDB 2.4.1 for compat tests: `await getOracle()` starts it at most once per
 * jest worker, on the run's shared HBase with tables of its own (so workers never collide), and
 * later test files in the same worker find it again through a record in the run folder.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTables } from '../../scripts/hbase/create-tables';
import { isAlive, removeDir, stopProcessGroup } from '../../scripts/hbase/jvm-process';
import { openTsdbTableNames, OpenTsdbTables, openTsdbTableSpecs } from '../../scripts/hbase/opentsdb-tables';
import { startOpenTSDB } from '../../scripts/opentsdb/start-opentsdb';
import { readHarnessInfo } from '../harness-env';

/** A running reference TSD. */
export interface Oracle {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly dir: string;
  readonly logFile: string;
  readonly tables: OpenTsdbTables;
}

const recordFile = (runDir: string, workerPid: number): string => join(runDir, `oracle-${workerPid}.json`);

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/version`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

async function findRecorded(file: string): Promise<Oracle | undefined> {
  if (!existsSync(file)) return undefined;
  const oracle = JSON.parse(readFileSync(file, 'utf8')) as Oracle;
  return isAlive(oracle.pid) && (await answers(oracle.url)) ? oracle : undefined;
}

async function startOracle(): Promise<Oracle> {
  const harness = readHarnessInfo();
  const file = recordFile(harness.runDir, process.pid);
  const recorded = await findRecorded(file);
  if (recorded !== undefined) return recorded;
  // Unique per run and worker, so a reused long-lived HBase never hands a test old data.
  const tables = openTsdbTableNames(`oracle_${Date.now().toString(36)}_${process.pid}_`);
  await createTables(harness, openTsdbTableSpecs(tables));
  const tsd = await startOpenTSDB({ zkQuorum: harness.zkQuorum, zkBasedir: harness.zkBasedir, tables });
  const oracle: Oracle = {
    url: tsd.url, port: tsd.port, pid: tsd.pid, dir: tsd.dir, logFile: tsd.logFile, tables,
  };
  writeFileSync(file, JSON.stringify(oracle));
  return oracle;
}

let starting: Promise<Oracle> | undefined;

/** The worker's reference OpenTSDB, started on first use. */
export function getOracle(): Promise<Oracle> {
  starting ??= startOracle().catch((err: unknown) => {
    starting = undefined;
    throw err;
  });
  return starting;
}

/** Stops every oracle this run recorded (called by globalTeardown). */
export async function stopRecordedOracles(runDir: string): Promise<void> {
  const files = readdirSync(runDir).filter((f) => /^oracle-\d+\.json$/.test(f));
  await Promise.all(files.map(async (f) => {
    const oracle = JSON.parse(readFileSync(join(runDir, f), 'utf8')) as Oracle;
    if (isAlive(oracle.pid)) await stopProcessGroup(oracle.pid, 3000);
    removeDir(oracle.dir);
  }));
}
