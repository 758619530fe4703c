/**
 * tsd-ts as users run it: `tsdb tsd` in its own Node process (the compiled CLI under dist/), with an
 * opentsdb.conf naming its backend — the embedded store in a temp dir, or fresh tables on the
 * benchmark's HBase. With a profile dir, the TSD runs under `node --cpu-prof`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ClassicLevel } from 'classic-level';
import { embeddedPaths } from '../../../src/tsdb';
import { Config } from '../../../src/config/config';
import { freePort } from '../../hbase/free-port';
import type { BenchHBase } from '../bench-hbase';
import { startChildServer } from '../child-server';
import { dirBytes } from '../proc-stats';
import { datapointsAdded, type RunningTarget, type TargetKind, type TargetStorage } from './target';

export interface TsdTsOptions {
  /** Write a V8 CPU profile of each TSD process into this folder. */
  readonly profileDir?: string;
}

const CLI = resolve(__dirname, '../../../src/cli/main.js');

function writeConf(dir: string, keys: Record<string, string>): string {
  const file = join(dir, 'opentsdb.conf');
  writeFileSync(file, Object.entries(keys).map(([k, v]) => `${k} = ${v}\n`).join(''));
  return file;
}

async function startTsd(dir: string, conf: string, label: string, options: TsdTsOptions): Promise<RunningTarget> {
  const port = await freePort();
  const prof = options.profileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', options.profileDir, '--cpu-prof-name', `${label}-${Date.now()}.cpuprofile`];
  if (options.profileDir !== undefined) mkdirSync(options.profileDir, { recursive: true });
  const args = [...prof, CLI, 'tsd', '--config', conf, '--port', String(port), '--bind', '127.0.0.1', '--auto-metric'];
  const child = await startChildServer(process.execPath, args, join(dir, 'tsd.log'), `http://127.0.0.1:${port}/api/version`);
  return {
    telnetPort: port,
    httpPort: port,
    pid: child.pid,
    pointsAdded: () => datapointsAdded(port),
    stop: () => child.stop('SIGTERM'),
  };
}

/** Compacts the whole LevelDB (what it does by itself in the background, done now) so its size settles. */
async function compactLevelDb(path: string): Promise<void> {
  const db = new ClassicLevel<Buffer, Buffer>(path, { keyEncoding: 'buffer', valueEncoding: 'buffer' });
  await db.open();
  try {
    await db.compactRange(Buffer.alloc(0), Buffer.alloc(64, 0xff));
  } finally {
    await db.close();
  }
}

export function tsdTsEmbedded(options: TsdTsOptions = {}): TargetKind {
  return {
    name: 'tsd-ts (embedded)',
    speaksQueries: true,
    async prepare(): Promise<TargetStorage> {
      const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-bench-embedded-'));
      const data = join(dir, 'data');
      const conf = writeConf(dir, { 'tsd.storage.backend': 'embedded', 'tsd.storage.embedded.path': data });
      return {
        hbaseDataTables: [],
        start: () => startTsd(dir, conf, 'embedded', options),
        async bytesOnDisk() {
          await compactLevelDb(embeddedPaths(new Config({ 'tsd.storage.embedded.path': data })).store);
          return dirBytes(data);
        },
        async discard() {
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

export function tsdTsOnHBase(hbase: BenchHBase, options: TsdTsOptions = {}): TargetKind {
  return {
    name: 'tsd-ts (HBase)',
    speaksQueries: true,
    async prepare(): Promise<TargetStorage> {
      const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-bench-hbase-'));
      const { names, config } = await hbase.createTableSet('tsdts');
      const conf = writeConf(dir, {
        'tsd.storage.backend': 'hbase',
        'tsd.storage.hbase.zk_quorum': hbase.handle.zkQuorum,
        'tsd.storage.hbase.zk_basedir': hbase.handle.zkBasedir,
        ...config,
      });
      return {
        hbaseDataTables: [names.data],
        start: () => startTsd(dir, conf, 'hbase', options),
        bytesOnDisk: async () => hbase.tableBytes(names.data),
        async discard() {
          await hbase.dropTableSet(names);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}
