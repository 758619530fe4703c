/**
 * `tsdb import` into a temporary embedded store, run as a child process: plain, gzipped and stdin
 * sources, several files, bad lines reported by file and line while the rest is imported, values
 * typed as TextImporter types them, and every row packed when the command ends.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Config } from '../../src/config/config';
import { memoryLogger } from '../../src/logging/logger';
import { TSDB } from '../../src/tsdb';
import { readMetric } from '../helpers/read-all';
import { runTsdb, scratchDir, writeConfig } from './tsdb-cli';

const SUMMARY = /^import: (\d+) points, (\d+) errors in \d+\.\d{3}s \(\d+\.\d points\/s\)$/m;

async function openDir(dir: string): Promise<TSDB> {
  return TSDB.open(new Config({ 'tsd.storage.embedded.path': dir }), memoryLogger().logger);
}

describe('tsdb import on the embedded store', () => {
  let dir: string;
  let remove: () => void;
  beforeEach(() => ({ dir, remove } = scratchDir()));
  afterEach(() => remove());

  test('imports plain, gzipped and stdin sources; bad lines are reported by file and line, the rest is imported', async () => {
    const a = join(dir, 'a.txt');
    writeFileSync(a, [
      'sys.cpu.user 1356998400 42 host=web01',
      'sys.cpu.user 1356998410 42.5 host=web01',
      'sys.cpu.user 1356998420 x host=web01',
      'sys.cpu.user 1356998430 7',
      'sys.cpu.user 1356998405 1 host=web01',
      'sys.cpu.user 1356998400500 8 host=web02',
      '',
      'sys.cpu.user 1356998440 0.1 host=web01 ',
    ].join('\n') + '\n');
    const b = join(dir, 'b.txt.gz');
    writeFileSync(b, gzipSync('sys.cpu.user 1356998450 -300 host=web01\r\nsys.cpu.user 1356998460 70000 host=web01\n'));
    const r = await runTsdb(['import', '--auto-metric', '--data-dir', join(dir, 'data'), a, b, '-'], { input: 'sys.cpu.user 1356998470 5000000000 host=web01' });
    expect(r.code).toBe(1);
    const [, points, errors] = SUMMARY.exec(r.stdout) ?? [];
    expect([points, errors]).toEqual(['7', '4']);
    expect(r.stderr).toContain(`error while processing file ${a} line 3: Invalid character 'x' in x`);
    expect(r.stderr).toContain(`file ${a} line 4: Need at least one tag (metric=sys.cpu.user, tags={})`);
    expect(r.stderr).toContain(`file ${a} line 5: New timestamp=1356998405 is less than or equal to previous=1356998410000`);
    expect(r.stderr).toContain(`file ${a} line 7: invalid metric: `);

    const tsdb = await openDir(join(dir, 'data'));
    try {
      const series = [...(await readMetric(tsdb, 'sys.cpu.user')).values()];
      const web01 = series.find((s) => s.has(1356998400000));
      expect([...(web01 ?? [])]).toEqual([
        [1356998400000, 42],
        [1356998410000, 42.5],
        [1356998440000, Math.fround(0.1)],
        [1356998450000, -300],
        [1356998460000, 70000],
        [1356998470000, 5000000000],
      ]);
      expect([...(series.find((s) => s.has(1356998400500)) ?? [])]).toEqual([[1356998400500, 8]]);
      // Packed at the end: one compacted cell per row, non-integers as 4-byte floats (flags 0xB).
      for await (const batch of tsdb.store.scan(tsdb.tables.data)) {
        for (const row of batch) expect(row.cells).toHaveLength(1);
      }
      const row = await tsdb.store.get(tsdb.tables.data, tsdb.codec.build(await tsdb.uids.metrics.getId('sys.cpu.user'), [Buffer.from([0, 0, 1, 0, 0, 1])], 1356998400));
      expect(row?.cells[0].qualifier.toString('hex')).toBe('0000' + '00ab' + '028b' + '0321' + '03c3' + '0467');
    } finally {
      await tsdb.shutdown();
    }
  });

  test('--skip-errors exits 0; without --auto-metric unknown metrics are refused', async () => {
    const f = join(dir, 'f.txt');
    writeFileSync(f, 'new.metric 1356998400 1 host=a\n');
    const refused = await runTsdb(['import', '--data-dir', join(dir, 'data'), f]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("line 1: No such name for 'metrics': 'new.metric'");
    const skipped = await runTsdb(['import', '--skip-errors', '--data-dir', join(dir, 'data'), f]);
    expect(skipped.code).toBe(0);
    expect(SUMMARY.exec(skipped.stdout)?.slice(1)).toEqual(['0', '1']);
  });

  test('tsd.core.bulk.allow_out_of_order_timestamps lets a series go back in time', async () => {
    const f = join(dir, 'f.txt');
    writeFileSync(f, 'm 1356998410 1 h=a\nm 1356998400 2 h=a\n');
    const config = writeConfig(dir, { 'tsd.core.bulk.allow_out_of_order_timestamps': 'true', 'tsd.core.auto_create_metrics': 'true' });
    const r = await runTsdb(['import', '--config', config, '--data-dir', join(dir, 'data'), f]);
    expect(r.code).toBe(0);
    expect(SUMMARY.exec(r.stdout)?.slice(1)).toEqual(['2', '0']);
  });

  test('a missing file is an error; the other files are still imported', async () => {
    const f = join(dir, 'f.txt');
    writeFileSync(f, 'm 1356998400 1 h=a\n');
    const r = await runTsdb(['import', '--auto-metric', '--data-dir', join(dir, 'data'), join(dir, 'missing.txt'), f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('missing.txt');
    expect(SUMMARY.exec(r.stdout)?.slice(1)).toEqual(['1', '1']);
    expect((await runTsdb(['import', '--data-dir', join(dir, 'data')])).code).toBe(2);
  });
});
