/**
 * Runs a parsed query against the TSDB: every sub-query's Spans through the pure engine, global
 * annotations when asked for, deletion when allowed, and the safety OpenTSDB lacks — a time limit,
 * limits on points and series, and stopping when the client goes away (the AbortSignal).
 */
import { TsdError } from '../errors/tsd-error';
import type { Annotation } from '../meta/annotation';
import { globalAnnotations as readGlobalAnnotations } from '../meta/annotation-store';
import { runSubQuery, type SubQueryResult, type TSQuery } from '../query';
import type { TSDB } from '../tsdb';
import { readSpans, type ReadCounter, type ReadLimits } from './span-reader';

export interface QueryLimits {
  readonly timeoutMs: number;
  readonly maxPoints: number;
  readonly maxSeries: number;
}

export interface QueryOutcome {
  readonly results: SubQueryResult[];
  readonly globalAnnotations: Annotation[];
  readonly filterTagkUids: Uint8Array[][];
  readonly stats: Record<string, number>[];
  readonly summary: Record<string, number>;
}

/** The limits from configuration: tsd.query.timeout (ms; ours defaults on) and our point/series caps. */
export function queryLimits(tsdb: TSDB): QueryLimits {
  const c = tsdb.config;
  return {
    timeoutMs: c.getInt('tsd.query.timeout', 0),
    maxPoints: c.getInt('tsd.query.limits.max_points', 0),
    maxSeries: c.getInt('tsd.query.limits.max_series', 0),
  };
}

/**
 * Runs `query`. With `allowDelete` (tsd.http.query.allow_delete) a query asking for deletion removes
 * every row it read, after reading it (OpenTSDB returns the deleted data too).
 */
export async function runQuery(tsdb: TSDB, query: TSQuery, clientSignal: AbortSignal | undefined, limits: QueryLimits, allowDelete = false): Promise<QueryOutcome> {
  const doomed: Buffer[] = [];
  const deleting = query.delete && allowDelete ? (key: Buffer) => void doomed.push(key) : undefined;
  const signals: AbortSignal[] = [];
  if (clientSignal) signals.push(clientSignal);
  if (limits.timeoutMs > 0) signals.push(AbortSignal.timeout(limits.timeoutMs));
  const signal = signals.length > 0 ? AbortSignal.any(signals) : undefined;
  const counter: ReadCounter = { points: 0, series: 0, rows: 0 };
  const read: ReadLimits = { maxPoints: limits.maxPoints, maxSeries: limits.maxSeries, signal };
  const started = performance.now();
  const { layout } = tsdb.codec;
  const uidWidths = { metric: layout.metricWidth, tagk: layout.tagkWidth, tagv: layout.tagvWidth };
  try {
    const results: SubQueryResult[] = [];
    const stats: Record<string, number>[] = [];
    const filterTagkUids: Uint8Array[][] = [];
    for (let i = 0; i < query.queries.length; i++) {
      const t0 = performance.now();
      const before = { ...counter };
      const spans = await readSpans(tsdb, query, i, read, counter, deleting);
      const t1 = performance.now();
      signal?.throwIfAborted();
      results.push(runSubQuery(query, i, spans, { uidWidths }));
      const t2 = performance.now();
      filterTagkUids.push(await filterUids(tsdb, query, i));
      stats.push({
        storageTime: t1 - t0,
        queryTime: t2 - t0,
        aggregationTime: t2 - t1,
        rowsScanned: counter.rows - before.rows,
        dpsRead: counter.points - before.points,
        seriesRead: counter.series - before.series,
      });
    }
    // QueryRpc: Annotation.getGlobalAnnotations over the query's [start, end] in seconds.
    const globalAnnotations =
      query.globalAnnotations && !query.noAnnotations
        ? await readGlobalAnnotations({ store: tsdb.store, table: tsdb.tables.data, codec: tsdb.codec }, Math.floor(query.startTime / 1000), Math.floor(query.endTime / 1000))
        : [];
    if (doomed.length > 0) {
      await tsdb.compactor.discard(doomed);
      await tsdb.store.batch(doomed.map((row) => ({ type: 'delete' as const, table: tsdb.tables.data, row })));
    }
    const summary = { processingTime: performance.now() - started, rowsScanned: counter.rows, dpsRead: counter.points, seriesRead: counter.series };
    return { results, globalAnnotations, filterTagkUids, stats, summary };
  } catch (e) {
    if (signal?.aborted && !clientSignal?.aborted) {
      throw new TsdError('Query timed out', 408, `The query ran longer than tsd.query.timeout (${limits.timeoutMs} ms)`);
    }
    throw e;
  }
}

/** The tagk UIDs of a sub-query's filters, for the `filterTagKs` of the query echo. */
async function filterUids(tsdb: TSDB, query: TSQuery, index: number): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (const tagk of new Set(query.queries[index].filters.map((f) => f.tagk))) {
    const uid = tsdb.uids.tagk.getIdCached(tagk) ?? (await tsdb.uids.tagk.getId(tagk).catch(() => undefined));
    if (uid) out.push(uid);
  }
  return out;
}
