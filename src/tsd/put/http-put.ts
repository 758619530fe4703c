/**
 * POST /api/put (PutDataPointRpc.execute for HTTP): one point or an array; every point stands alone,
 * so one bad point never drops its neighbours. 204 when all are stored; otherwise OpenTSDB's 400
 * error, or with `summary`/`details` the counts (and per-point errors); `sync` waits until the points
 * are durable, bounded by `sync_timeout` ms.
 */
import { TsdError } from '../../errors/tsd-error';
import type { HttpQuery } from '../http/http-query';
import type { HttpRpc } from '../http/http-rpc';
import { asText, JsonSyntaxError, parseLenientJson } from '../json/lenient-json';
import { encodePutValue, parseTimestampText, PutError, toPutError } from './put-point';
import { countPutError, type PutDeps } from './telnet-put';
import { readPutBodyFast, type IncomingPoint } from './put-json-fast';
import { checkTimestamp } from '../../core/point-validation';

interface PointResult {
  readonly datapoint: unknown;
  readonly error: string | null;
}


function readPoint(raw: unknown): IncomingPoint {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new PutError('illegal argument', 'Unable to parse the data point');
  const o = raw as Record<string, unknown>;
  const tsText = asText(o.timestamp);
  let timestamp = 0;
  if (tsText !== null && tsText !== '') {
    const n = Number(tsText);
    timestamp = Number.isFinite(n) ? Math.trunc(n) : parseTimestampText(tsText);
  }
  let tags: Record<string, string> | null = null;
  if (o.tags && typeof o.tags === 'object' && !Array.isArray(o.tags)) {
    tags = {};
    for (const [k, v] of Object.entries(o.tags as Record<string, unknown>)) {
      const t = asText(v);
      if (t !== null) tags[k] = t;
    }
  }
  return { metric: asText(o.metric), timestamp, value: asText(o.value), tags };
}

/** The point as OpenTSDB echoes it in errors: null fields left out, value as a string. */
function echo(p: IncomingPoint): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (p.metric !== null) out.metric = p.metric;
  out.timestamp = p.timestamp;
  if (p.value !== null) out.value = p.value;
  if (p.tags !== null) out.tags = p.tags;
  return out;
}

/** IncomingDataPoint.validate, in its order; null when valid. */
function validate(p: IncomingPoint): string | null {
  if (p.metric === null || p.metric === '') return 'Metric name was empty';
  if (p.timestamp <= 0) return 'Invalid timestamp';
  if (p.value === null || p.value === '') return 'Empty value';
  if (p.tags === null || Object.keys(p.tags).length === 0) return 'Missing tags';
  return null;
}

function parseBody(q: HttpQuery): unknown[] {
  if (!q.hasContent()) throw new TsdError('Missing request content', 400, 'Supply valid JSON formatted data in the body of your request');
  const text = q.bodyText().trim();
  if (text[0] !== '{' && text[0] !== '[') throw new TsdError('The JSON must start as an object or an array', 400);
  let parsed: unknown;
  try {
    parsed = parseLenientJson(text);
  } catch (e) {
    throw new TsdError('Unable to parse the given JSON', 400, (e as JsonSyntaxError).message);
  }
  const points = Array.isArray(parsed) ? parsed : [parsed];
  if (points.length === 0) throw new TsdError('No datapoints found in content', 400);
  return points;
}

export function httpPutRpc(deps: PutDeps & { readonly maxPointsPerRequest: number }): HttpRpc {
  const { tsdb, stats } = deps;

  const OK: PointResult = { datapoint: null, error: null };
  const failed = (e: unknown, p: IncomingPoint | null, raw: unknown): PointResult => {
    const err = toPutError(e);
    countPutError(stats, err);
    return { datapoint: p ? echo(p) : raw, error: err.httpDetail() };
  };

  /**
   * One point: a known series is written at once; a new one returns a promise that resolves its UIDs
   * first. Either way the result never throws.
   */
  function one(raw: unknown): PointResult | Promise<PointResult> {
    if (raw === null) return { datapoint: null, error: 'Unexpected null datapoint encountered in set.' };
    let p: IncomingPoint | null = null;
    try {
      p = readPoint(raw);
      const invalid = validate(p);
      if (invalid) return { datapoint: echo(p), error: invalid };
      return store(p, raw);
    } catch (e) {
      return failed(e, p, raw);
    }
  }

  /** Stores a point that passed validate(). */
  function store(point: IncomingPoint, raw: unknown): PointResult | Promise<PointResult> {
    try {
      const metric = point.metric as string;
      const tags = point.tags as Record<string, string>;
      const value = encodePutValue(point.value as string, 'http', metric, point.timestamp);
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
        (e: unknown) => failed(e, point, raw),
      );
    } catch (e) {
      return failed(e, point, raw);
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
      stats.inc('tsd.rpc.received', { type: 'put' }, points.length);
      await tsdb.writable();
      const settled = fast ? fast.map((p) => store(p, p)) : points.map(one);
      const results = settled.some((r) => r instanceof Promise) ? await Promise.all(settled) : (settled as PointResult[]);
      const failures = results.filter((r) => r.error !== null);
      let success = results.length - failures.length;
      let timeouts = 0;
      const syncTimeout = Number(q.param('sync_timeout') ?? 0);
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
      const body: Record<string, unknown> = {};
      if (q.hasParam('details')) body.errors = failures.map((f) => ({ datapoint: f.datapoint, error: f.error }));
      body.failed = failures.length;
      body.success = success;
      if (syncTimeout > 0) body.timeouts = timeouts;
      q.sendJson(failures.length > 0 || timeouts > 0 ? 400 : 200, body);
    },
  };
}
