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
