/** `/api/query/last` (GET, POST): the last point of exact series by metric and tags, or by TSUID. */
import { fromHex } from '../../core/row-key';
import { parseLastQueryBody, parseLastQueryString, serializeLastPoints, type LastPoint, type LastPointSubQuery } from '../../query';
import { lastPointOf } from '../../reader/last-point';
import { unknownName } from '../../reader/span-reader';
import type { TSDB } from '../../tsdb';
import { NoSuchUniqueName } from '../../uid/errors';
import type { HttpQuery } from './http-query';

async function tsuidsOf(tsdb: TSDB, sub: LastPointSubQuery): Promise<Buffer[]> {
  if (sub.tsuids) return sub.tsuids.map(fromHex);
  try {
    const metric = await tsdb.uids.metrics.getId(sub.metric ?? '');
    const pairs = await Promise.all((sub.tags ?? []).map(async ([k, v]) => Buffer.concat([await tsdb.uids.tagk.getId(k), await tsdb.uids.tagv.getId(v)])));
    return [tsdb.codec.tsuid(tsdb.codec.build(metric, pairs, 0))];
  } catch (e) {
    if (e instanceof NoSuchUniqueName) throw unknownName(e);
    throw e;
  }
}

async function resolveNames(tsdb: TSDB, p: LastPoint): Promise<LastPoint> {
  const key = fromHex(p.tsuid);
  const { metricWidth, tagkWidth } = tsdb.codec.layout;
  const pair = tsdb.codec.tagPairWidth;
  const tags: [string, string][] = [];
  for (let at = metricWidth; at + pair <= key.length; at += pair) {
    tags.push([await tsdb.uids.tagk.getName(key.subarray(at, at + tagkWidth)), await tsdb.uids.tagv.getName(key.subarray(at + tagkWidth, at + pair))]);
  }
  return { ...p, metric: await tsdb.uids.metrics.getName(key.subarray(0, metricWidth)), tags };
}

export function lastPointRpc(tsdb: TSDB): (q: HttpQuery) => Promise<void> {
  return async (q) => {
    if (q.method !== 'GET' && q.method !== 'POST') q.notAllowed();
    const query =
      q.method === 'POST'
        ? parseLastQueryBody(q.hasContent() ? q.bodyText() : '')
        : parseLastQueryString({ getAll: (n) => [...q.paramValues(n)], has: (n) => q.hasParam(n) });
    const now = Date.now();
    const points: LastPoint[] = [];
    for (const sub of query.queries) {
      for (const tsuid of await tsuidsOf(tsdb, sub)) {
        const p = await lastPointOf(tsdb, tsuid, now, query.backScan);
        if (p) points.push(query.resolveNames ? await resolveNames(tsdb, p) : p);
      }
    }
    q.sendJsonText(200, serializeLastPoints(points));
  };
}
