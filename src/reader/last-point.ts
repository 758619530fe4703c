/**
 * The last data point of a series (`/api/query/last`), found without OpenTSDB's meta tracking: the
 * newest unpacked row in memory, and a reverse scan of the series' rows from the current hour back
 * (to `backScan` hours, or to the oldest row when it is 0), stopping at the first row found.
 */
import { decodeColumn } from '../core/column-decoder';
import { readRows } from '../core/read/row-reader';
import { tsuidRegex } from '../core/read/scan-plan';
import { toHex } from '../core/row-key';
import type { LastPoint } from '../query';
import type { TSDB } from '../tsdb';

const HOUR = 3600;

/** The last point of the series `tsuid` at or before `nowMs`, or null. */
export async function lastPointOf(tsdb: TSDB, tsuid: Buffer, nowMs: number, backScanHours: number): Promise<LastPoint | null> {
  const { codec } = tsdb;
  const nowSec = Math.floor(nowMs / 1000);
  const newestBase = nowSec - (nowSec % HOUR);
  const oldestBase = backScanHours > 0 ? newestBase - backScanHours * HOUR : 0;
  const metricUid = tsuid.subarray(0, codec.layout.metricWidth);
  const filter = { type: 'keyRegexp' as const, pattern: tsuidRegex(codec, [tsuid]) };
  let best: { ts: number; value: number | bigint; isInteger: boolean } | null = null;
  const consider = (ts: number, value: number | bigint, isInteger: boolean): void => {
    if (ts <= nowMs && (best === null || ts >= best.ts)) best = { ts, value, isInteger };
  };
  // Reverse order: the first stored row with a point is the newest; unpacked rows are merged in.
  for await (const batch of tsdb.store.scan(tsdb.tables.data, {
    start: codec.fromTsuid(tsuid, newestBase),
    stop: oldestBase > 0 ? codec.fromTsuid(tsuid, oldestBase - HOUR) : codec.fromTsuid(tsuid, 0),
    reverse: true,
    filter,
    batchSize: 1,
  })) {
    const keys = batch.map((r) => r.key);
    for await (const row of readRows(tsdb.store, tsdb.tables.data, codec, keys.map((k) => ({ start: k, stop: Buffer.concat([k, Buffer.from([0])]) })), {
      fixDuplicates: tsdb.config.getBoolean('tsd.storage.fix_duplicates'),
      metricUid,
    })) {
      decodeColumn(row.qualifier, row.value, row.baseTime * 1000, { add: consider });
    }
    if (best !== null) break;
  }
  if (tsdb.writer.mode === 'log') {
    for (const row of tsdb.openRows.forMetric(metricUid, oldestBase, newestBase + HOUR)) {
      if (!codec.tsuid(row.key).equals(tsuid)) continue;
      const packed = row.pack();
      decodeColumn(packed.qualifier, packed.value, row.baseTime * 1000, { add: consider });
    }
  }
  const found = best as { ts: number; value: number | bigint; isInteger: boolean } | null;
  return found ? { tsuid: toHex(tsuid), timestamp: found.ts, value: found.value, isInteger: found.isInteger } : null;
}
