/**
 * POST /api/put (PutDataPointRpc.execute for HTTP): one point or an array; every point stands alone,
 * so one bad point never drops its neighbours. 204 when all are stored; otherwise OpenTSDB's 400
 * error, or with `summary`/`details` the counts (and per-point errors); `sync` waits until the points
 * are durable, bounded by `sync_timeout` ms.
 */
import { TsdError } from '../../errors/tsd-error';
import type { HttpQuery } from '../http/http-query';
import type { HttpRpc } from '../http/http-rpc';
import { JsonSyntaxError, parseLenientJson } from '../json/lenient-json';
import { encodePutValue, toPutError } from './put-point';
import { countPutError, type PutDeps } from './telnet-put';
import { readPutBodyFast, type IncomingPoint } from './put-json-fast';
import { echoPoint, invalidReason, readIncomingPoint, UnmappableBodyError } from './incoming-data-point';
import { checkMetricAndTags, checkTimestamp } from '../../core/point-validation';
import { javaHashMapOrder } from '../../java/java-text';

interface PointResult {
  readonly datapoint: unknown;
  readonly error: string | null;
}


/** A body element Jackson cannot map, kept aside so the points beside it are still stored. */
interface UnmappablePoint {
  readonly raw: unknown;
  readonly reason: string;
}

type BodyElement = IncomingPoint | null | UnmappablePoint;

function isUnmappable(e: BodyElement): e is UnmappablePoint {
  return e !== null && 'reason' in e;
}

/**
 * The body's points as Jackson maps them. OpenTSDB fails the whole body when one element cannot be
 * mapped; we fail it only when none can, and otherwise store the rest and report that element as a
 * failed point (docs/compatibility.md), so one bad point never drops its neighbours.
 */
function parseBody(q: HttpQuery): BodyElement[] {
  if (!q.hasContent()) throw new TsdError('Missing request content', 400);
  const text = q.bodyText().trim();
  if (text[0] !== '{' && text[0] !== '[') throw new TsdError('The JSON must start as an object or an array', 400);
  let parsed: unknown;
  try {
    parsed = parseLenientJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new TsdError('Unable to parse the given JSON', 400, e.message);
    throw e;
  }
  const elements: BodyElement[] = (Array.isArray(parsed) ? parsed : [parsed]).map((raw: unknown) => {
    try {
      return readIncomingPoint(raw);
    } catch (e) {
      if (e instanceof UnmappableBodyError) return { raw, reason: e.message };
      throw e;
    }
  });
  if (elements.length === 0) throw new TsdError('No datapoints found in content', 400);
  const firstUnmappable = elements.find(isUnmappable);
  if (firstUnmappable && elements.every(isUnmappable)) throw new TsdError('Unable to parse the given JSON', 400, firstUnmappable.reason);
  return elements;
}

/** The summary object in OpenTSDB's key order (a java.util.HashMap). */
function summaryBody(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(javaHashMapOrder(Object.keys(fields)).map((k) => [k, fields[k]]));
}

/**
 * `sync_timeout` as Integer.parseInt reads it. OpenTSDB lets a bad value escape as a 500; it is the
 * client's mistake, so ours is a 400 with Java's words (docs/compatibility.md).
 */
function syncTimeoutMs(text: string | undefined): number {
  if (text === undefined) return 0;
  const n = Number(text);
  if (!/^[+-]?\d{1,10}$/.test(text) || n < -(2 ** 31) || n >= 2 ** 31) {
    throw new TsdError(`For input string: "${text}"`, 400);
  }
  return n;
}

export function httpPutRpc(deps: PutDeps & { readonly maxPointsPerRequest: number }): HttpRpc {
  const { tsdb, stats } = deps;

  const OK: PointResult = { datapoint: null, error: null };
  const failed = (e: unknown, p: IncomingPoint): PointResult => {
    const err = toPutError(e);
    countPutError(stats, err);
    return { datapoint: echoPoint(p), error: err.httpDetail() };
  };

  /**
   * One point: a known series is written at once; a new one returns a promise that resolves its UIDs
   * first. Either way the result never throws.
   */
  function one(point: BodyElement): PointResult | Promise<PointResult> {
    if (point === null) return { datapoint: null, error: 'Unexpected null datapoint encountered in set.' };
    if (isUnmappable(point)) return { datapoint: point.raw, error: `Unable to parse the given JSON: ${point.reason}` };
    const invalid = invalidReason(point);
    if (invalid) return { datapoint: echoPoint(point), error: invalid };
    return point.tags !== null && Object.values(point.tags).includes(null) ? nullTagValue(point) : store(point);
  }

  /** A JSON null tag value (general path only): OpenTSDB's checks fail on it in their usual order. */
  function nullTagValue(point: IncomingPoint): PointResult | Promise<PointResult> {
    try {
      const metric = point.metric as string;
      const value = encodePutValue(point.value as string, 'http', metric, point.timestamp);
      checkTimestamp(metric, point.timestamp, value.bytes, value.flags, point.tags ?? {});
      checkMetricAndTags(metric, point.tags ?? {}, tsdb.limits);
    } catch (e) {
      return failed(e, point);
    }
    return store(point);
  }

  /** Stores a point that passed validate(). */
  function store(point: IncomingPoint): PointResult | Promise<PointResult> {
    try {
      const metric = point.metric as string;
      const value = encodePutValue(point.value as string, 'http', metric, point.timestamp);
      const tags = point.tags as Record<string, string>;
      let key = point.seriesKey;
      if (key === undefined) {
        key = metric;
        for (const k in tags) key += ` ${k}=${tags[k]}`;
      }
      const known = deps.series.getText(key);
      if (known) {
        checkTimestamp(metric, point.timestamp, value.bytes, value.flags, tags);
        tsdb.writePoint(known, point.timestamp, value);
        return OK;
      }
      return tsdb.resolvePoint(metric, point.timestamp, value, tags).then(
        (series) => {
          deps.series.setText(key, series);
          tsdb.writePoint(series, point.timestamp, value);
          return OK;
        },
        (e: unknown) => failed(e, point),
      );
    } catch (e) {
      return failed(e, point);
    }
  }

  return {
    availability: 'write',
    async handle(q) {
      if (q.method !== 'POST') q.notAllowed();
      stats.inc('tsd.rpc.received', { type: 'http' });
      // Ordinary bodies skip the general JSON path; anything unusual takes it, with Jackson's rules.
      const fast = q.hasContent() ? readPutBodyFast(q.bodyText()) : null;
      const points = fast ?? parseBody(q);
      if (points.length > deps.maxPointsPerRequest) {
        throw new TsdError('Too many data points', 413, `A request may carry at most ${deps.maxPointsPerRequest} data points`);
      }
      const syncTimeout = syncTimeoutMs(q.param('sync_timeout'));
      stats.inc('tsd.rpc.received', { type: 'put' }, points.length);
      await tsdb.writable();
      const settled = fast ? fast.map(store) : points.map(one);
      const results = settled.some((r) => r instanceof Promise) ? await Promise.all(settled) : (settled as PointResult[]);
      const failures = results.filter((r) => r.error !== null);
      let success = results.length - failures.length;
      let timeouts = 0;
      if (q.hasParam('sync')) {
        const flushed = tsdb.flush().then(() => true, () => false);
        const ok = syncTimeout > 0 ? await Promise.race([flushed, new Promise<boolean>((r) => setTimeout(() => r(false), syncTimeout).unref())]) : await flushed;
        if (!ok) {
          timeouts = success;
          success = 0;
        }
      }
      const summary = q.hasParam('summary') || q.hasParam('details');
      if (!summary) {
        if (timeouts > 0) {
          throw new TsdError(
            `The put call has timedout with ${success} successful writes, ${failures.length} failed writes and ${timeouts} timed out writes.`,
            400,
            'Please see the TSD logs or append "details" to the put request',
          );
        }
        if (failures.length === 0) return q.sendNoContent();
        throw new TsdError('One or more data points had errors', 400, 'Please see the TSD logs or append "details" to the put request');
      }
      const body: Record<string, unknown> = { success, failed: failures.length };
      if (q.hasParam('details')) body.errors = failures.map((f) => ({ datapoint: f.datapoint, error: f.error }));
      if (syncTimeout > 0) body.timeouts = timeouts;
      q.sendJson(failures.length > 0 || timeouts > 0 ? 400 : 200, summaryBody(body));
    },
  };
}
