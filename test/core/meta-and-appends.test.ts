import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Config } from '../../src/config/config';
import { parseValue } from '../../src/core/value-parser';
import { memoryLogger } from '../../src/logging/logger';
import { TSDB } from '../../src/tsdb';
import { collect } from '../storage/conformance';
import { readMetric } from '../helpers/read-all';

async function open(overrides: Record<string, string>): Promise<{ tsdb: TSDB; done: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-meta-'));
  const config = new Config({ 'tsd.storage.embedded.path': dir, 'tsd.core.auto_create_metrics': 'true', ...overrides });
  const tsdb = await TSDB.open(config, memoryLogger().logger);
  return { tsdb, done: async () => { await tsdb.shutdown(); rmSync(dir, { recursive: true, force: true }); } };
}

const put = (tsdb: TSDB, ts: number, v: string, tags: Record<string, string> = { host: 'web01' }) =>
  tsdb.addPoint('sys.cpu.user', ts, parseValue(v, 'telnet').encoded, tags);

describe('tsdb-meta bookkeeping (storage spec §9)', () => {
  test('tracking alone puts ts_ctr = 1 per series', async () => {
    const { tsdb, done } = await open({ 'tsd.core.meta.enable_tsuid_tracking': 'true' });
    for (let i = 0; i < 10; i++) await put(tsdb, 1356998400 + i, String(i));
    await put(tsdb, 1356998400, '1', { host: 'web02' });
    await tsdb.flush();
    const rows = await collect(tsdb.store, tsdb.tables.meta);
    expect(rows.map((r) => `${r.key.toString('hex').toUpperCase()} ${r.cells.map((c) => `${c.qualifier}=${c.value.toString('hex')}`).join(',')}`)).toEqual([
      '000001000001000001 ts_ctr=0000000000000001',
      '000001000001000002 ts_ctr=0000000000000001',
    ]);
    await done();
  });

  test('tracking + realtime + incrementing counts points and writes TSMeta once', async () => {
    const { tsdb, done } = await open({
      'tsd.core.meta.enable_tsuid_tracking': 'true',
      'tsd.core.meta.enable_realtime_ts': 'true',
      'tsd.core.meta.enable_tsuid_incrementing': 'true',
      'tsd.core.meta.enable_realtime_uid': 'true',
    });
    for (let i = 0; i < 7; i++) await put(tsdb, 1356998400 + i, String(i));
    await tsdb.flush();
    for (let i = 7; i < 10; i++) await put(tsdb, 1356998400 + i, String(i));
    await tsdb.flush();
    const [row] = await collect(tsdb.store, tsdb.tables.meta);
    const cells = Object.fromEntries(row.cells.map((c) => [c.qualifier.toString(), c.value]));
    expect(cells.ts_ctr.readBigInt64BE(0)).toBe(10n);
    expect(JSON.parse(cells.ts_meta.toString())).toMatchObject({ tsuid: '000001000001000001', displayName: '', max: 'NaN', min: 'NaN' });
    const uidRow = (await tsdb.store.get(tsdb.tables.uid, Buffer.from('000001', 'hex')))?.cells.map((c) => c.qualifier.toString());
    expect(uidRow).toEqual(expect.arrayContaining(['metric_meta', 'tagk_meta', 'tagv_meta', 'metrics', 'tagk', 'tagv']));
    await done();
  });
});

describe('append mode (tsd.storage.enable_appends)', () => {
  test('writes each point into the 050000 column and reads them back sorted', async () => {
    const { tsdb, done } = await open({ 'tsd.storage.enable_appends': 'true' });
    await put(tsdb, 1356998460, '300');
    await put(tsdb, 1356998430, '42');
    await put(tsdb, 1356998430500, '7');
    await tsdb.flush();
    const [row] = await collect(tsdb.store, tsdb.tables.data);
    expect(row.cells.map((c) => `${c.qualifier.toString('hex')}=${c.value.toString('hex').toUpperCase()}`)).toEqual(['050000=03C1012C01E02AF01DC90007']);
    const points = await readMetric(tsdb, 'sys.cpu.user');
    expect([...(points.values().next().value ?? new Map()).entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [1356998430000, 42],
      [1356998430500, 7],
      [1356998460000, 300],
    ]);
    await done();
  });
});
