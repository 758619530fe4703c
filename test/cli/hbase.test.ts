/**
 * The `tsdb` command on the harness HBase, next to OpenTSDB 2.4.1's own tools on the same kind of
 * tables: create-tables, uid lines, import, and fsck's report and repairs compared with OpenTSDB's.
 * Every table set has names of its own, created with `tsdb create-tables`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Config } from '../../src/config/config';
import { walkColumn } from '../../src/core/column-decoder';
import { memoryLogger } from '../../src/logging/logger';
import { HBaseStore } from '../../src/storage/hbase/hbase-store';
import { TSDB } from '../../src/tsdb';
import { readHarnessInfo } from '../harness-env';
import { readMetric } from '../helpers/read-all';
import { dataCells, reportOf, seedFsckRows, SEEDED_REPORT } from './fsck-seed';
import { runOpenTsdbTool } from './opentsdb-tool';
import { runTsdb, scratchDir, writeConfig } from './tsdb-cli';

interface TableSet {
  readonly config: string;
  readonly keys: Record<string, string>;
}

describe('tsdb on HBase, compared with OpenTSDB 2.4.1 tools', () => {
  let dir: string;
  let remove: () => void;
  const run = `cli_${Date.now().toString(36)}_${process.pid}_`;
  const sets: TableSet[] = [];

  /** Writes a config naming tables `<run><name>_tsdb…`, and creates them with `tsdb create-tables`. */
  async function tableSet(name: string): Promise<TableSet> {
    const { zkQuorum, zkBasedir } = readHarnessInfo();
    const sub = join(dir, name);
    mkdirSync(sub);
    const p = `${run}${name}_`;
    const keys = {
      'tsd.storage.backend': 'hbase',
      'tsd.storage.hbase.zk_quorum': zkQuorum,
      'tsd.storage.hbase.zk_basedir': zkBasedir,
      'tsd.storage.hbase.data_table': `${p}tsdb`,
      'tsd.storage.hbase.uid_table': `${p}tsdb-uid`,
      'tsd.storage.hbase.tree_table': `${p}tsdb-tree`,
      'tsd.storage.hbase.meta_table': `${p}tsdb-meta`,
      'tsd.core.auto_create_metrics': 'true',
    };
    const set = { config: writeConfig(sub, keys), keys };
    const created = await runTsdb(['create-tables', '--config', set.config]);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    sets.push(set);
    return set;
  }

  const openTsdb = (set: TableSet): Promise<TSDB> => TSDB.open(new Config(set.keys), memoryLogger().logger);

  beforeAll(() => ({ dir, remove } = scratchDir()));
  afterAll(async () => {
    const { zkQuorum, zkBasedir } = readHarnessInfo();
    const store = await HBaseStore.open({ zkQuorum, zkBasedir });
    for (const s of sets) {
      for (const key of ['data', 'uid', 'tree', 'meta']) await store.deleteTable(s.keys[`tsd.storage.hbase.${key}_table`]).catch(() => undefined);
    }
    await store.close();
    remove();
  });

  test('create-tables makes the four tables with their families, and leaves existing ones alone', async () => {
    const set = await tableSet('create');
    const again = await runTsdb(['create-tables', '--config', set.config]);
    expect(again.stdout).toBe(['tsdb-uid', 'tsdb', 'tsdb-tree', 'tsdb-meta'].map((t) => `Table '${run}create_${t}' exists, left as it is\n`).join(''));
    const { zkQuorum, zkBasedir } = readHarnessInfo();
    const store = await HBaseStore.open({ zkQuorum, zkBasedir });
    try {
      expect((await store.tableFamilies(`${run}create_tsdb-uid`)).sort()).toEqual(['id', 'name']);
      expect(await store.tableFamilies(`${run}create_tsdb`)).toEqual(['t']);
    } finally {
      await store.close();
    }
  }, 120_000);

  test('uid assign, grep and lookups print what OpenTSDB UidManager prints on the same table', async () => {
    const set = await tableSet('uid');
    expect((await runTsdb(['mkmetric', '--config', set.config, 'sys.cpu.user', 'sys.cpu.sys'])).code).toBe(0);
    expect((await runTsdb(['uid', 'assign', 'tagv', 'web01', '--config', set.config])).stdout).toBe('tagv web01: [0, 0, 1]\n');
    // Names written by OpenTSDB are read back by us, and the other way round.
    const theirs = await runOpenTsdbTool(join(dir, 'uid'), 'UidManager', [`--config=${set.config}`, 'assign', 'tagk', 'host']);
    expect(theirs.stdout).toBe('tagk host: [0, 0, 1]\n');
    for (const args of [['grep', 'cpu'], ['grep', 'tagk', 'o'], ['metrics', 'sys.cpu.sys'], ['1'], ['tagv', '1']]) {
      const ours = await runTsdb(['uid', ...args, '--config', set.config]);
      const ref = await runOpenTsdbTool(join(dir, 'uid'), 'UidManager', [`--config=${set.config}`, ...args]);
      expect([ours.code, ours.stdout]).toEqual([ref.code, ref.stdout]);
    }
    const missing = await runTsdb(['uid', 'metrics', 'nope', '--config', set.config]);
    const refMissing = await runOpenTsdbTool(join(dir, 'uid'), 'UidManager', [`--config=${set.config}`, 'metrics', 'nope']);
    expect(missing.code).toBe(refMissing.code);
    expect(refMissing.stdout + refMissing.stderr).toContain("No such name for 'metrics': 'nope'");
    expect(missing.stderr).toContain("No such name for 'metrics': 'nope'");
  }, 240_000);

  test('import writes through the write path into HBase, readable as OpenTSDB stores it', async () => {
    const set = await tableSet('import');
    const file = join(dir, 'import', 'points.txt');
    writeFileSync(file, 'sys.if.in 1356998400 10 host=a\nsys.if.in 1356998460 20 host=a\nsys.if.in 1356998400 1.5 host=b\nbad line\n');
    const r = await runTsdb(['import', '--config', set.config, file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^import: 3 points, 1 errors in /m);
    const tsdb = await openTsdb(set);
    try {
      const series = [...(await readMetric(tsdb, 'sys.if.in')).values()].map((s) => [...s]);
      expect(series).toEqual(expect.arrayContaining([[[1356998400000, 10], [1356998460000, 20]], [[1356998400000, 1.5]]]));
      for await (const batch of tsdb.store.scan(tsdb.tables.data)) for (const row of batch) expect(row.cells).toHaveLength(1);
    } finally {
      await tsdb.shutdown();
    }
  }, 120_000);

  test('import and uid metasync leave the same cells as OpenTSDB TextImporter and UidManager metasync', async () => {
    const ours = await tableSet('sync_ours');
    const ref = await tableSet('sync_ref');
    const file = join(dir, 'sync_ours', 'points.txt');
    writeFileSync(file, [
      'sys.disk 1356998400 10 host=a dev=sda',
      'sys.disk 1356998410 0.1 host=a dev=sda',
      'sys.disk 1356998420 70000 host=a dev=sda',
      'sys.disk 1356998400 -5 host=b dev=sda',
      'sys.disk 1357002000 1.5 host=b dev=sda',
      'sys.disk 1357002001500 3 host=b dev=sda',
    ].join('\n') + '\n');
    // The same UIDs on both sides, so row keys compare.
    for (const set of [ours, ref]) {
      expect((await runTsdb(['mkmetric', 'sys.disk', '--config', set.config])).code).toBe(0);
      expect((await runTsdb(['uid', 'assign', 'tagk', 'host', 'dev', '--config', set.config])).code).toBe(0);
      expect((await runTsdb(['uid', 'assign', 'tagv', 'a', 'b', 'sda', '--config', set.config])).code).toBe(0);
    }
    expect((await runTsdb(['import', '--config', ours.config, file])).code).toBe(0);
    const refImport = await runOpenTsdbTool(join(dir, 'sync_ref'), 'TextImporter', [`--config=${ref.config}`, file]);
    expect(refImport.code).toBe(0);
    expect((await runTsdb(['uid', 'metasync', '--config', ours.config])).code).toBe(0);
    expect((await runOpenTsdbTool(join(dir, 'sync_ref'), 'UidManager', [`--config=${ref.config}`, 'metasync'])).code).toBe(0);

    const snapshot = async (set: TableSet): Promise<Record<string, string[]>> => {
      const tsdb = await openTsdb(set);
      try {
        const meta: string[] = [];
        for (const table of [tsdb.tables.uid, tsdb.tables.meta]) {
          for await (const batch of tsdb.store.scan(table, { families: ['name'] })) {
            for (const row of batch) {
              for (const c of row.cells) {
                const q = c.qualifier.toString();
                if (!/_meta$|^ts_ctr$/.test(q)) continue;
                const v = c.value.toString('hex');
                meta.push(`${row.key.toString('hex')} ${q}=${v}`);
              }
            }
          }
        }
        // OpenTSDB's import leaves single cells where ours packs rows: compare point by point.
        const points: string[] = [];
        for (const cell of await dataCells(tsdb)) {
          const [row, qv] = cell.split(' ');
          const [q, v] = qv.split('=').map((x) => Buffer.from(x, 'hex'));
          walkColumn(q, v, (qAt, qW, vAt, vL) => points.push(`${row} ${q.subarray(qAt, qAt + qW).toString('hex')}=${v.subarray(vAt, vAt + vL).toString('hex')}`));
        }
        return { data: points.sort(), meta: meta.sort() };
      } finally {
        await tsdb.shutdown();
      }
    };
    const [mine, theirs] = [await snapshot(ours), await snapshot(ref)];
    expect(mine.data).toHaveLength(6);
    expect(mine).toEqual(theirs);
    // Again: now the counters exist, so both write each series' TSMeta, dated by its first hour.
    expect((await runTsdb(['uid', 'metasync', '--config', ours.config])).code).toBe(0);
    expect((await runOpenTsdbTool(join(dir, 'sync_ref'), 'UidManager', [`--config=${ref.config}`, 'metasync'])).code).toBe(0);
    const [mine2, theirs2] = [await snapshot(ours), await snapshot(ref)];
    expect(mine2.meta.filter((m) => m.includes(' ts_meta='))).toHaveLength(2);
    expect(mine2).toEqual(theirs2);
  }, 300_000);

  test('query and scan print what OpenTSDB CliQuery and DumpSeries print on the same table', async () => {
    const set = await tableSet('query');
    const file = join(dir, 'query', 'points.txt');
    writeFileSync(file, [
      'sys.net 1356998400 10 host=a if=eth0',
      'sys.net 1356998410 0.5 host=a if=eth0',
      'sys.net 1356998460 30 host=a if=eth1',
      'sys.net 1356998400 -7 host=b if=eth0',
      'sys.net 1356998400250 3 host=b if=eth1',
      'sys.net 1357002000 40 host=a if=eth0',
      'sys.net 1357002005 1e3 host=b if=eth0',
    ].join('\n') + '\n');
    expect((await runTsdb(['import', '--config', set.config, file])).code).toBe(0);
    // Loose cells too, and an annotation, as another writer may leave them.
    const tsdb = await openTsdb(set);
    const metric = await tsdb.uids.metrics.getId('sys.net');
    const pair = async (k: string, v: string): Promise<Buffer> => Buffer.concat([await tsdb.uids.tagk.getId(k), await tsdb.uids.tagv.getId(v)]);
    const row = tsdb.codec.build(metric, [await pair('host', 'b'), await pair('if', 'eth1')], 1357002000);
    await tsdb.store.put(tsdb.tables.data, row, [
      { family: 't', qualifier: Buffer.from('0100', 'hex'), value: Buffer.from([12]) },
      { family: 't', qualifier: Buffer.from('010000', 'hex'), value: Buffer.from('{"startTime":1357002000,"endTime":0,"description":"d","notes":"","custom":null}') },
    ]);
    await tsdb.shutdown();

    const cases = [
      ['1356998000', '1357009999', 'sum', 'sys.net'],
      ['1356998000', '1357009999', 'sum', 'sys.net', 'host=*'],
      ['1356998000', '1357009999', 'avg', 'sys.net', 'host=a|b', 'if=eth0', 'max', 'rate', 'sys.net', 'host=b'],
      ['2013/01/01-00:00', '2013/01/01-02:00', 'sum', 'downsample', '60000', 'avg', 'sys.net', 'if=*'],
      ['1356998000', '1357009999', 'sum', 'rate', 'counter,100,0', 'sys.net', 'host=a'],
    ];
    for (const args of cases) {
      const ours = await runTsdb(['query', '--config', set.config, ...args]);
      const ref = await runOpenTsdbTool(join(dir, 'query'), 'CliQuery', [`--config=${set.config}`, ...args]);
      expect(ref.code).toBe(0);
      expect(ref.stdout.split('\n').length).toBeGreaterThan(2);
      expect({ args, code: ours.code, out: ours.stdout }).toEqual({ args, code: 0, out: ref.stdout });
    }
    const outputs: string[] = [];
    const scans = [
      ['1356998000', '1357009999', 'sum', 'sys.net'],
      ['--import', '1356998000', '1357009999', 'sum', 'sys.net', 'host=b'],
    ];
    for (const args of scans) {
      const ours = await runTsdb(['scan', '--config', set.config, ...args]);
      const ref = await runOpenTsdbTool(join(dir, 'query'), 'DumpSeries', [`--config=${set.config}`, ...args]);
      expect(ref.code).toBe(0);
      expect(ref.stdout.split('\n').length).toBeGreaterThan(2);
      outputs.push(ref.stdout);
      expect({ args, code: ours.code, out: ours.stdout }).toEqual({ args, code: 0, out: ref.stdout });
    }
    // The raw dump shows the compacted cells, the loose cell and the annotation.
    expect(outputs[0]).toMatch(/ = 2 values:/);
    expect(outputs[0]).toContain('"description":"d"');
  }, 300_000);

  test('fsck reports the seeded rows as OpenTSDB Fsck does, and --fix-all leaves the same cells', async () => {
    const ours = await tableSet('fsck_ours');
    const ref = await tableSet('fsck_ref');
    for (const set of [ours, ref]) {
      const tsdb = await openTsdb(set);
      await seedFsckRows(tsdb);
      await tsdb.shutdown();
    }
    const refReport = await runOpenTsdbTool(join(dir, 'fsck_ref'), 'Fsck', [`--config=${ref.config}`, '--full-scan', '--threads=1']);
    expect(reportOf(refReport.stderr)).toEqual(SEEDED_REPORT);
    expect(refReport.code).toBe(1);
    const report = await runTsdb(['fsck', '--full-scan', '--config', ours.config]);
    expect(reportOf(report.stdout)).toEqual(reportOf(refReport.stderr));
    expect(report.code).toBe(refReport.code);

    const refFix = await runOpenTsdbTool(join(dir, 'fsck_ref'), 'Fsck', [`--config=${ref.config}`, '--full-scan', '--threads=1', '--fix-all']);
    const fix = await runTsdb(['fsck', '--full-scan', '--fix-all', '--config', ours.config]);
    expect(reportOf(fix.stdout)).toEqual(reportOf(refFix.stderr));
    const cells: string[][] = [];
    for (const set of [ours, ref]) {
      const tsdb = await openTsdb(set);
      cells.push(await dataCells(tsdb));
      await tsdb.shutdown();
    }
    expect(cells[0]).toEqual(cells[1]);
  }, 300_000);
});
