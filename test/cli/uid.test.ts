/**
 * `tsdb mkmetric` and `tsdb uid` on a temporary embedded store, run as a child process: OpenTSDB's
 * output lines (`<kind> <name>: [ids]` with Java's signed bytes), its messages and exit codes.
 */
import { Config } from '../../src/config/config';
import { memoryLogger } from '../../src/logging/logger';
import { EmbeddedStore } from '../../src/storage/embedded/embedded-store';
import { embeddedPaths, TSDB } from '../../src/tsdb';
import { runTsdb, scratchDir } from './tsdb-cli';

describe('tsdb uid on the embedded store', () => {
  let dir: string;
  let remove: () => void;
  const tsdb = (...args: string[]) => runTsdb([...args, '--data-dir', dir]);

  beforeAll(() => ({ dir, remove } = scratchDir()));
  afterAll(() => remove());

  test('mkmetric and uid assign print the new mappings; assigning again keeps the UID', async () => {
    const mk = await tsdb('mkmetric', 'sys.cpu.user', 'sys.cpu.sys');
    expect(mk).toMatchObject({ code: 0, stdout: 'metrics sys.cpu.user: [0, 0, 1]\nmetrics sys.cpu.sys: [0, 0, 2]\n' });
    expect((await tsdb('uid', 'assign', 'tagk', 'host', 'dc')).stdout).toBe('tagk host: [0, 0, 1]\ntagk dc: [0, 0, 2]\n');
    expect((await tsdb('uid', 'assign', 'metrics', 'sys.cpu.sys')).stdout).toBe('metrics sys.cpu.sys: [0, 0, 2]\n');
  });

  test('uid grep matches anywhere in the name, per kind or across kinds, -i ignores case', async () => {
    const all = await tsdb('uid', 'grep', 'cpu');
    expect(all).toMatchObject({ code: 0, stdout: 'metrics sys.cpu.sys: [0, 0, 2]\nmetrics sys.cpu.user: [0, 0, 1]\n' });
    expect((await tsdb('uid', 'grep', 'tagk', '^h')).stdout).toBe('tagk host: [0, 0, 1]\n');
    expect((await tsdb('uid', 'grep', 'metrics', 'USER')).code).toBe(1);
    expect((await tsdb('uid', '-i', 'grep', 'metrics', 'USER')).stdout).toBe('metrics sys.cpu.user: [0, 0, 1]\n');
    expect(await tsdb('uid', 'grep', 'nothing.matches')).toMatchObject({ code: 1, stdout: '' });
  });

  test('uid looks names and IDs up, with or without a kind', async () => {
    expect((await tsdb('uid', 'metrics', 'sys.cpu.sys')).stdout).toBe('metrics sys.cpu.sys: [0, 0, 2]\n');
    expect((await tsdb('uid', 'tagk', '2')).stdout).toBe('tagk dc: [0, 0, 2]\n');
    expect((await tsdb('uid', '2')).stdout).toBe('metrics sys.cpu.sys: [0, 0, 2]\ntagk dc: [0, 0, 2]\n');
    expect((await tsdb('uid', 'host')).stdout).toBe('tagk host: [0, 0, 1]\n');
  });

  test('unknown names, IDs too wide and wrong argument counts fail as OpenTSDB does', async () => {
    const missing = await tsdb('uid', 'metrics', 'nope');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("No such name for 'metrics': 'nope'");
    const wide = await tsdb('uid', 'metrics', '16777216');
    expect(wide.code).toBe(1);
    expect(wide.stderr).toContain('16777216 is too large to fit on 3 bytes.  Maybe you forgot to adjust --idwidth?');
    expect((await tsdb('uid', 'metrics', '16777216', '--idwidth', '4')).code).toBe(1);
    const usage = await tsdb('uid', 'rename', 'metrics', 'a');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^Wrong number of arguments\nUsage: tsdb uid/);
    expect((await tsdb('uid')).code).toBe(2);
    expect((await tsdb('mkmetric')).code).toBe(2);
  });

  test('rename prints old -> new; delete is silent; both exit 1 for an unknown name', async () => {
    expect(await tsdb('uid', 'rename', 'metrics', 'sys.cpu.sys', 'sys.cpu.system')).toMatchObject({ code: 0, stdout: 'metrics sys.cpu.sys -> sys.cpu.system\n' });
    expect((await tsdb('uid', 'metrics', '2')).stdout).toBe('metrics sys.cpu.system: [0, 0, 2]\n');
    expect((await tsdb('uid', 'rename', 'metrics', 'sys.cpu.sys', 'x')).code).toBe(1);
    expect(await tsdb('uid', 'delete', 'tagk', 'dc')).toMatchObject({ code: 0, stdout: '' });
    expect((await tsdb('uid', 'tagk', 'dc')).code).toBe(1);
    expect((await tsdb('uid', 'delete', 'tagk', 'dc')).code).toBe(1);
  });

  test('uid fsck finds a missing reverse mapping and a stale MAXID, and fix repairs both', async () => {
    expect((await tsdb('uid', 'fsck')).code).toBe(0);
    const config = new Config({ 'tsd.storage.embedded.path': dir });
    const store = await EmbeddedStore.open({ path: embeddedPaths(config).store });
    await store.delete('tsdb-uid', Buffer.from([0, 0, 1]), 'name', [Buffer.from('metrics')]);
    await store.put('tsdb-uid', Buffer.from('sys.mem'), [{ family: 'id', qualifier: Buffer.from('metrics'), value: Buffer.from([0, 0, 9]) }]);
    await store.put('tsdb-uid', Buffer.from([0, 0, 9]), [{ family: 'name', qualifier: Buffer.from('metrics'), value: Buffer.from('sys.mem') }]);
    await store.close();

    const check = await tsdb('uid', 'fsck');
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('Forward metrics mapping is missing reverse mapping: sys.cpu.user -> 000001');
    expect(check.stderr).toContain('We found an ID of 9 for metrics but the max ID is only 2!  Future IDs may be double-assigned!');
    expect((await tsdb('uid', 'fsck', 'fix')).code).toBe(2);
    expect((await tsdb('uid', 'fsck')).code).toBe(0);
    expect((await tsdb('uid', 'metrics', '1')).stdout).toBe('metrics sys.cpu.user: [0, 0, 1]\n');
    expect((await tsdb('mkmetric', 'sys.next')).stdout).toBe('metrics sys.next: [0, 0, 10]\n');
  });

  test('a tool cannot open the embedded store while another process holds it, and says why', async () => {
    const config = new Config({ 'tsd.storage.embedded.path': dir });
    const held = await TSDB.open(config, memoryLogger().logger);
    try {
      const r = await tsdb('uid', 'metrics', 'sys.cpu.user');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('another process holds it');
      expect(r.stderr.split('\n').length).toBeLessThan(4);
    } finally {
      await held.shutdown();
    }
  });
});

describe('tsdb uid metasync and metapurge on the embedded store', () => {
  let dir: string;
  let remove: () => void;
  beforeAll(() => ({ dir, remove } = scratchDir()));
  afterAll(() => remove());

  async function metaCells(): Promise<{ uid: Record<string, string>; meta: Record<string, string> }> {
    const tsdb = await TSDB.open(new Config({ 'tsd.storage.embedded.path': dir }), memoryLogger().logger);
    const read = async (table: string): Promise<Record<string, string>> => {
      const out: Record<string, string> = {};
      for await (const batch of tsdb.store.scan(table, { families: ['name'] })) {
        for (const row of batch) {
          for (const c of row.cells) if (/meta|ctr/.test(c.qualifier.toString())) out[`${row.key.toString('hex')}/${c.qualifier}`] = c.qualifier.toString() === 'ts_ctr' ? c.value.toString('hex') : c.value.toString();
        }
      }
      return out;
    };
    try {
      return { uid: await read(tsdb.tables.uid), meta: await read(tsdb.tables.meta) };
    } finally {
      await tsdb.shutdown();
    }
  }

  test('metasync creates UID meta dated by the first hour of data, series counters, then series meta; metapurge removes them', async () => {
    const { writeFileSync } = await import('node:fs');
    const file = `${dir}/points.txt`;
    writeFileSync(file, 'm.a 1356998400 1 host=x\nm.a 1357002000 2 host=y\nm.a 1357005600 3 host=x\n');
    expect((await runTsdb(['import', '--auto-metric', '--data-dir', dir, file])).code).toBe(0);
    const sync = await runTsdb(['uid', 'metasync', '--data-dir', dir]);
    expect(sync.code).toBe(0);
    expect(sync.stdout).toMatch(/^metasync: 2 series, 0 errors in /m);
    const { uid, meta } = await metaCells();
    const uidMeta = (type: string, created: number): string => `{"type":"${type}","displayName":"","description":"","notes":"","created":${created},"custom":null}`;
    expect(uid).toEqual({
      '000001/metric_meta': uidMeta('METRIC', 1356998400),
      '000001/tagk_meta': uidMeta('TAGK', 1356998400),
      '000001/tagv_meta': uidMeta('TAGV', 1356998400),
      '000002/tagv_meta': uidMeta('TAGV', 1357002000),
    });
    // The counters only: OpenTSDB creates the TSMeta of a new counter under enable_realtime_ts alone.
    expect(meta).toEqual({ '000001000001000001/ts_ctr': '0000000000000001', '000001000001000002/ts_ctr': '0000000000000001' });

    // A series whose counter exists but whose TSMeta is missing gets one dated by its first hour.
    expect((await runTsdb(['uid', 'metasync', '--data-dir', dir])).code).toBe(0);
    const again = await metaCells();
    expect(again.uid).toEqual(uid);
    expect(JSON.parse(again.meta['000001000001000002/ts_meta'])).toMatchObject({ tsuid: '000001000001000002', created: 1357002000, max: 'NaN' });

    const purge = await runTsdb(['uid', 'metapurge', '--data-dir', dir]);
    expect(purge.code).toBe(0);
    expect(await metaCells()).toEqual({ uid: {}, meta: {} });
  });
});
