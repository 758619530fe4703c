/**
 * Property test of the write path: random points (seconds and milliseconds, integers and floats,
 * 1–8 tags, out of order, re-sent duplicates) written through the TSDB read back identical before and
 * after compaction, in both write modes, on the real embedded store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Config } from '../../src/config/config';
import { parseValue } from '../../src/core/value-parser';
import { toHex } from '../../src/core/row-key';
import { memoryLogger } from '../../src/logging/logger';
import { TSDB } from '../../src/tsdb';
import type { WriteMode } from '../../src/core/write/data-point-writer';
import { readMetric, type SeriesPoints } from '../helpers/read-all';
import { tableNames, tableSpecs } from '../../src/core/tables';
import { openTestStore } from '../hbase/hbase-env';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    s = (s ^ (s >>> 12)) >>> 0;
    return s / 2 ** 32;
  };
}

const BASE = 1_356_998_400; // 2013-01-01T00:00:00Z: hours long over, so every row can be packed.
const POINTS = Number(process.env.TSD_TS_ROUNDTRIP_POINTS ?? 1_000_000);

interface Written {
  metric: string;
  tags: Record<string, string>;
  ms: number;
  text: string;
}

function generate(n: number, seed: number): Written[] {
  const r = rng(seed);
  const series = Array.from({ length: 500 }, (_, i) => {
    const tagCount = 1 + Math.floor(r() * 8);
    const tags: Record<string, string> = {};
    for (let t = 0; t < tagCount; t++) tags[`k${t}`] = `v${Math.floor(r() * 4)}.${i}`;
    return { metric: `m.${i % 7}`, tags, ms: r() < 0.5 };
  });
  const out: Written[] = [];
  while (out.length < n) {
    const si = Math.floor(r() * series.length);
    const s = series[si];
    // Within 6 hours; millisecond series use ms timestamps, others whole seconds.
    const offsetMs = Math.floor(r() * 6 * 3600 * 1000);
    const ms = s.ms ? BASE * 1000 + offsetMs : (BASE + Math.floor(offsetMs / 1000)) * 1000;
    // The value's type and width depend only on (series, time), so a timestamp written twice keeps its
    // qualifier and the second write replaces the first, as in HBase. (Differing qualifiers at one
    // offset are OpenTSDB's duplicate error, tested elsewhere.)
    const kind = ((Math.imul(si + 1, 2654435761) ^ Math.floor(ms / 7)) >>> 0) / 2 ** 32;
    const text = kind < 0.6 ? String(Math.floor(r() * 200) - 100) : kind < 0.8 ? String(Math.fround((r() - 0.5) * 1000)) : String((r() - 0.5) * 1e9);
    const w = { metric: s.metric, tags: s.tags, ms, text };
    out.push(w);
    if (r() < 0.02) out.push({ ...w }); // an exact re-send
  }
  return out;
}

async function openTsdb(dir: string, mode: WriteMode, backend: 'embedded' | 'hbase', tables: Record<string, string>): Promise<TSDB> {
  const config = new Config({ 'tsd.storage.embedded.path': dir, 'tsd.core.auto_create_metrics': 'true', ...tables });
  const store = backend === 'hbase' ? await openTestStore() : undefined;
  if (store && !(await store.tableExists(config.getString('tsd.storage.hbase.data_table')))) {
    for (const spec of tableSpecs(tableNames(config), { saltWidth: 0, saltBuckets: 20 })) await store.createTable(spec);
  }
  const tsdb = await TSDB.open(config, memoryLogger().logger, { writeMode: mode, store });
  await tsdb.compactor.stop();
  return tsdb;
}

describe.each([
  ['log', 'embedded', POINTS],
  ['cells', 'embedded', POINTS],
  ['cells', 'hbase', Math.min(POINTS, 200_000)],
] as const)('write path round trip (%s mode, %s store)', (mode, backend, count) => {
  const dir = mkdtempSync(join(tmpdir(), `tsd-ts-roundtrip-${mode}-`));
  const prefix = `rt${Date.now().toString(36)}`;
  const tables: Record<string, string> = backend === 'hbase' ? { 'tsd.storage.hbase.data_table': `${prefix}-tsdb`, 'tsd.storage.hbase.uid_table': `${prefix}-uid`, 'tsd.storage.hbase.tree_table': `${prefix}-tree`, 'tsd.storage.hbase.meta_table': `${prefix}-meta` } : {};
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test(`${count.toLocaleString()} random points read back identical before and after compaction, and after a restart`, async () => {
    const points = generate(count, mode === 'log' ? 1 : 2);
    let tsdb = await openTsdb(dir, mode, backend, tables);
    const expected = new Map<string, SeriesPoints>();
    const resolved = new Map<string, Awaited<ReturnType<TSDB['resolvePoint']>>>();
    for (const p of points) {
      const value = parseValue(p.text, 'telnet');
      const ts = p.ms % 1000 === 0 ? p.ms / 1000 : p.ms;
      const key = `${p.metric} ${JSON.stringify(p.tags)}`;
      let series = resolved.get(key);
      if (!series) resolved.set(key, (series = await tsdb.resolvePoint(p.metric, ts, value.encoded, p.tags)));
      tsdb.writePoint(series, ts, value.encoded);
      const tsuid = toHex(tsdb.codec.tsuid(tsdb.codec.withBaseTime(series.keyTemplate, 0)));
      let byMetric = expected.get(p.metric);
      if (!byMetric) expected.set(p.metric, (byMetric = new Map()));
      let byTs = byMetric.get(tsuid);
      if (!byTs) byMetric.set(tsuid, (byTs = new Map()));
      byTs.set(p.ms, value.value);
    }
    await tsdb.flush();
    const check = async (when: string): Promise<void> => {
      for (const [metric, want] of expected) {
        const got = await readMetric(tsdb, metric);
        expect({ when, metric, series: got.size }).toEqual({ when, metric, series: want.size });
        for (const [tsuid, pts] of want) {
          const g = got.get(tsuid);
          expect({ when, tsuid, count: g?.size }).toEqual({ when, tsuid, count: pts.size });
          for (const [ts, v] of pts) if (g?.get(ts) !== v) expect({ when, tsuid, ts, v: g?.get(ts) }).toEqual({ when, tsuid, ts, v });
        }
      }
    };
    await check('before compaction');
    expect(tsdb.openRows.size).toBeGreaterThan(0);
    await tsdb.compactor.runOnce(true);
    expect(tsdb.openRows.size).toBe(0);
    expect(tsdb.compactor.stats.rowsPacked).toBeGreaterThan(0);
    await check('after compaction');
    // Every stored row is now one packed cell.
    let rows = 0;
    for await (const batch of tsdb.store.scan(tsdb.tables.data)) {
      for (const row of batch) {
        rows++;
        expect(row.cells).toHaveLength(1);
      }
    }
    expect(rows).toBe(tsdb.compactor.stats.rowsPacked);
    await tsdb.shutdown();
    tsdb = await openTsdb(dir, mode, backend, tables);
    await check('after restart');
    await tsdb.shutdown();
  }, 600_000);
});
