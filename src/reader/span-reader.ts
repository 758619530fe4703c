/**
 * The read path of a query, from a sub-query's plan to the Spans the pure engine takes (OpenTSDB's
 * TsdbQuery.findSpans + SaltScanner): resolve names to UIDs, push literal tag values into the row-key
 * regex, scan every salt bucket, merge each row into one column, group rows by series, resolve the
 * series' tag names, and keep the series the sub-query's filters accept.
 */
import { readRows, type ReadRow } from '../core/read/row-reader';
import { planScans, tsuidRegex, type ScanRange, type TagLiteral } from '../core/read/scan-plan';
import { toHex } from '../core/row-key';
import { TsdError } from '../errors/tsd-error';
import { parseAnnotationJson, type Annotation } from '../meta/annotation';
import { planSubQuery, pushDownLiterals, seriesFilter, type Span, type TSQuery } from '../query';
import type { TSDB } from '../tsdb';
import { NoSuchUniqueName } from '../uid/errors';
import { SpanBuilder } from './span-builder';

export interface ReadLimits {
  /** Points a query may read before it is refused (0 = no limit). */
  readonly maxPoints: number;
  /** Series a query may read (0 = no limit). */
  readonly maxSeries: number;
  readonly signal?: AbortSignal;
}

/** The running total of a whole query, across its sub-queries. */
export interface ReadCounter {
  points: number;
  series: number;
  rows: number;
}

/** NoSuchUniqueName renders as OpenTSDB's 400 with the message repeated in details. */
export function unknownName(e: NoSuchUniqueName): TsdError {
  return new TsdError(e.message, 400, e.message);
}

async function uidOf(tsdb: TSDB, kind: 'metrics' | 'tagk' | 'tagv', name: string): Promise<Buffer> {
  try {
    return await tsdb.uids[kind].getId(name);
  } catch (e) {
    if (e instanceof NoSuchUniqueName) throw unknownName(e);
    throw e;
  }
}

/** Resolves the plan's names and builds the scans (also what `tsdb scan` and `tsdb fsck` read); `pushed` tells the filter what the regex covers. */
export async function scansFor(
  tsdb: TSDB,
  query: TSQuery,
  index: number,
): Promise<{ scans: ScanRange[]; metricUid: Buffer; pushed: Map<string, ReadonlySet<string>> }> {
  const c = tsdb.config;
  const { codec } = tsdb;
  const plan = planSubQuery(query, index, {
    expansionLimit: c.getInt('tsd.query.filter.expansion_limit', 1),
    enableFuzzyFilter: c.getBoolean('tsd.query.enable_fuzzy_filter'),
    uidWidths: { metric: codec.layout.metricWidth, tagk: codec.layout.tagkWidth, tagv: codec.layout.tagvWidth },
  });
  const endSec = plan.scanRowAtEnd ? plan.scanEndSec + 1 : plan.scanEndSec;
  if (plan.tsuids) {
    const tsuids = plan.tsuids.map((t) => Buffer.from(t.length % 2 ? `0${t}` : t, 'hex'));
    const metricUid = tsuids[0].subarray(0, codec.layout.metricWidth);
    const scans = planScans(codec, { metricUid, startSec: plan.scanStartSec, endSec, literals: [], explicitTags: false });
    const filter = { type: 'keyRegexp' as const, pattern: tsuidRegex(codec, tsuids) };
    return { scans: scans.map((s) => ({ ...s, filter })), metricUid, pushed: new Map() };
  }
  const metricUid = await uidOf(tsdb, 'metrics', plan.metric as string);
  const skipUnresolved = c.getBoolean('tsd.query.skip_unresolved_tagvs');
  const keys = await Promise.all(
    plan.tagKeys.map(async (k) => {
      const tagk = await uidOf(tsdb, 'tagk', k.tagk);
      const resolved = new Map<string, Buffer>();
      for (const v of k.literals) {
        try {
          resolved.set(v, await tsdb.uids.tagv.getId(v));
        } catch (e) {
          if (!(e instanceof NoSuchUniqueName)) throw e;
          if (!skipUnresolved) throw unknownName(e);
        }
      }
      return { tagk: k.tagk, uid: tagk, resolved };
    }),
  );
  keys.sort((a, b) => Buffer.compare(a.uid, b.uid));
  const pushed = pushDownLiterals(
    keys.map((k) => ({ tagk: k.tagk, resolved: new Set(k.resolved.keys()) })),
    c.getInt('tsd.query.filter.expansion_limit', 1),
  );
  const literals: TagLiteral[] = keys.map((k) => {
    const values = pushed.get(k.tagk);
    return { tagk: k.uid, tagvs: values ? [...values].map((v) => k.resolved.get(v) as Buffer) : null };
  });
  const scans = planScans(codec, { metricUid, startSec: plan.scanStartSec, endSec, literals, explicitTags: plan.explicitTags });
  return { scans, metricUid, pushed };
}

/** Reads every series of sub-query `index` as Spans; limits are checked as rows arrive. */
export async function readSpans(
  tsdb: TSDB,
  query: TSQuery,
  index: number,
  limits: ReadLimits,
  counter: ReadCounter,
  onRowKey?: (key: Buffer) => void,
): Promise<Span[]> {
  const sub = query.queries[index];
  const { scans, metricUid, pushed } = await scansFor(tsdb, query, index);
  const { codec } = tsdb;
  const bySeries = new Map<string, SpanBuilder>();
  const rows = readRows(tsdb.store, tsdb.tables.data, codec, scans, {
    fixDuplicates: tsdb.config.getBoolean('tsd.storage.fix_duplicates'),
    signal: limits.signal,
    openRows: tsdb.writer.mode === 'log' ? tsdb.openRows : undefined,
    metricUid,
    batchSize: tsdb.config.getInt('tsd.storage.hbase.scanner.maxNumRows', 1),
  });
  for await (const row of rows) {
    counter.rows++;
    onRowKey?.(row.key);
    const sortKey = seriesKey(codec, row);
    let span = bySeries.get(sortKey);
    if (!span) {
      if (limits.maxSeries > 0 && ++counter.series > limits.maxSeries) throw tooLarge('series', limits.maxSeries);
      bySeries.set(sortKey, (span = new SpanBuilder(sortKey)));
    }
    counter.points += span.addColumn(row.qualifier, row.value, row.baseTime * 1000);
    if (limits.maxPoints > 0 && counter.points > limits.maxPoints) throw tooLarge('data points', limits.maxPoints);
    for (const cell of row.annotations) span.annotations.push(parseAnnotationJson(cell.value.toString('utf8')));
    if (row.needsRewrite && !row.hasAppend) tsdb.compactor.rewriteLater(row.key, row.baseTime);
  }
  const accept = seriesFilter(sub, pushed);
  const spans: Span[] = [];
  for (const [sortKey, b] of bySeries) {
    const key = Buffer.from(sortKey, 'latin1');
    const metric = await tsdb.uids.metrics.getName(key.subarray(0, codec.layout.metricWidth));
    const tags: Record<string, string> = {};
    const tagkOrder: string[] = [];
    for (let at = codec.layout.metricWidth; at < key.length; at += codec.tagPairWidth) {
      const k = await tsdb.uids.tagk.getName(key.subarray(at, at + codec.layout.tagkWidth));
      tags[k] = await tsdb.uids.tagv.getName(key.subarray(at + codec.layout.tagkWidth, at + codec.tagPairWidth));
      tagkOrder.push(k);
    }
    if (!accept(tags)) continue;
    spans.push(b.build(toHex(key), metric, tags, tagkOrder));
  }
  return spans;
}

/** Metric UID + tag UIDs (no salt, no time), as latin1: the Span's sortKey and the series' identity. */
function seriesKey(codec: TSDB['codec'], row: ReadRow): string {
  const { saltWidth, metricWidth } = codec.layout;
  return row.key.toString('latin1', saltWidth, saltWidth + metricWidth) + row.key.toString('latin1', codec.prefixLength);
}

function tooLarge(what: string, limit: number): TsdError {
  return new TsdError(
    `Query exceeded the limit of ${limit} ${what}`,
    413,
    `Narrow the query (time range, tags, downsampling) or raise tsd.query.limits.max_${what === 'series' ? 'series' : 'points'}`,
  );
}

export type { Annotation };
