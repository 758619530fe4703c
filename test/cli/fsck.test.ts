/**
 * `tsdb fsck --full-scan` on a temporary embedded store seeded with damaged rows (fsck-seed.ts), run as
 * a child process: OpenTSDB's report lines and exit codes, and what --fix-all and
 * --resolve-duplicates [--last-write-wins] leave in the table.
 */
import { Config } from '../../src/config/config';
import { memoryLogger } from '../../src/logging/logger';
import { TSDB } from '../../src/tsdb';
import { dataCells, reportOf, seedFsckRows, seedKey, SEEDED_REPORT } from './fsck-seed';
import { runTsdb, scratchDir } from './tsdb-cli';

const open = (dir: string): Promise<TSDB> => TSDB.open(new Config({ 'tsd.storage.embedded.path': dir }), memoryLogger().logger);

describe('tsdb fsck on the embedded store', () => {
  let dir: string;
  let remove: () => void;
  beforeEach(() => ({ dir, remove } = scratchDir()));
  afterEach(() => remove());

  test('reports every seeded error in OpenTSDB words and exits 1; --fix-all repairs what can be repaired', async () => {
    let tsdb = await open(dir);
    const keys = await seedFsckRows(tsdb);
    await tsdb.shutdown();

    const check = await runTsdb(['fsck', '--full-scan', '--data-dir', dir]);
    expect(check.code).toBe(1);
    expect(reportOf(check.stdout)).toEqual(SEEDED_REPORT);
    expect(check.stdout.split('\n')[0]).toBe('Key Values Processed: 11');
    expect(check.stderr).toContain('More than one column had a value for the same timestamp: (1356998400000');
    expect(check.stderr).toContain('Unable to resolve the a tagk or tagv from the row key.');
    expect(check.stdout).toMatch(/^fsck: 6 rows, 7 errors in \d+\.\d{3}s/m);

    const fix = await runTsdb(['fsck', '--full-scan', '--fix-all', '--data-dir', dir]);
    expect(fix.code).toBe(1);
    expect(reportOf(fix.stdout)).toMatchObject({
      'Invalid Rows Deleted': 1,
      'Duplicate Datapoints Resolved': 1,
      'Orphaned UID Rows Deleted': 1,
      'Unknown Objects Deleted': 1,
      'Improperly Encoded Floating Point Values Fixed': 1,
      'Datapoints Compressed with VLE': 1,
      'Total Errors Fixed': 5,
    });

    tsdb = await open(dir);
    const hex = (b: Buffer): string => b.toString('hex');
    expect(await dataCells(tsdb)).toEqual([
      // a: the oldest value at +0 s kept, packed with +1 s.
      `${hex(keys.a)} 00000010=010500`,
      // b: the float cut to 4 bytes, the integer to 1 byte; the annotation and the future object stay.
      `${hex(keys.b)} 000b0010=3fc000000500`,
      `${hex(keys.b)} 010000=${Buffer.from('{"startTime":1356998400,"endTime":0,"description":"x","notes":"","custom":null}').toString('hex')}`,
      `${hex(keys.b)} 070000=00`,
      // c: a compacted cell with a bad meta byte is only reported.
      `${hex(keys.c)} 00000010=010205`,
      // d: sorted and packed with its single cell.
      `${hex(keys.d)} 000000100020=01020300`,
    ].sort());
    await tsdb.shutdown();

    const after = await runTsdb(['fsck', '--full-scan', '--data-dir', dir]);
    expect(reportOf(after.stdout)).toMatchObject({ 'Total Errors': 1, 'Unparseable Compacted Columns': 1, 'Valid Datapoints': 7 });
  });

  test('--resolve-duplicates keeps the oldest cell, or the newest with --last-write-wins; a clean table exits 0', async () => {
    let tsdb = await open(dir);
    const key = await seedKey(tsdb, 'a');
    const put = (q: string, v: string, ts: number): Promise<void> =>
      tsdb.store.put(tsdb.tables.data, key, [{ family: 't', qualifier: Buffer.from(q, 'hex'), value: Buffer.from(v, 'hex'), timestamp: ts }]);
    await put('0000', '01', 1000);
    await put('0001', '0002', 3000);
    await put('f0000000', '03', 2000);
    await tsdb.shutdown();

    const report = await runTsdb(['fsck', '--full-scan', '--fix', '--last-write-wins', '--data-dir', dir]);
    expect(reportOf(report.stdout)).toMatchObject({ 'Duplicate Datapoints': 2, 'Duplicate Datapoints Resolved': 0 });
    expect(report.stderr).toContain('One or more errors found in row that were not marked for repair');

    const fix = await runTsdb(['fsck', '--full-scan', '--fix', '--resolve-duplicates', '--last-write-wins', '--data-dir', dir]);
    expect(reportOf(fix.stdout)).toMatchObject({ 'Duplicate Datapoints': 2, 'Duplicate Datapoints Resolved': 2, 'Total Errors Fixed': 2 });
    tsdb = await open(dir);
    expect(await dataCells(tsdb)).toEqual([`${key.toString('hex')} 0001=0002`]);
    await tsdb.shutdown();

    const clean = await runTsdb(['fsck', '--full-scan', '--data-dir', dir]);
    expect(clean.code).toBe(0);
    expect(reportOf(clean.stdout)).toMatchObject({ 'Total Errors': 0, 'Valid Datapoints': 1, 'Rows Processed': 1 });
  });

  test('needs a query or --full-scan', async () => {
    const r = await runTsdb(['fsck', '--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Must supply a query or use the '--full-scan' flag");
  });
});
