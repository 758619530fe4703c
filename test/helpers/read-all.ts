/** Reads every point of a metric back through the query read path, keyed by TSUID hex. */
import { decodeColumn } from '../../src/core/column-decoder';
import { planScans } from '../../src/core/read/scan-plan';
import { readRows } from '../../src/core/read/row-reader';
import { toHex } from '../../src/core/row-key';
import type { TSDB } from '../../src/tsdb';

export type SeriesPoints = Map<string, Map<number, number | bigint>>;

export async function readMetric(tsdb: TSDB, metric: string, startSec = 0, endSec = 0xffffffff): Promise<SeriesPoints> {
  const metricUid = await tsdb.uids.metrics.getId(metric);
  const scans = planScans(tsdb.codec, { metricUid, startSec, endSec, literals: [], explicitTags: false });
  const out: SeriesPoints = new Map();
  for await (const row of readRows(tsdb.store, tsdb.tables.data, tsdb.codec, scans, {
    fixDuplicates: false,
    metricUid,
    openRows: tsdb.writer.mode === 'log' ? tsdb.openRows : undefined,
  })) {
    const tsuid = toHex(tsdb.codec.tsuid(row.key));
    let points = out.get(tsuid);
    if (!points) out.set(tsuid, (points = new Map()));
    const p = points;
    decodeColumn(row.qualifier, row.value, row.baseTime * 1000, {
      add: (ts, value) => {
        if (p.has(ts)) throw new Error(`Point ${ts} of ${tsuid} read twice`);
        p.set(ts, value);
      },
    });
  }
  return out;
}
