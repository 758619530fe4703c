/**
 * The pure parts of `/api/query/last` (OpenTSDB 2.4.1 `QueryRpc.handleLastDataPointQuery`,
 * `TSUIDQuery.getLastPoint`): request parsing (GET and POST), the rows to probe, and the response.
 * The storage side probes the rows newest first and takes the last point of the first non-empty one.
 */
import { JavaHashMap } from '../../java/java-hash-map';
import { javaDoubleToString } from '../../java/java-double';
import { asBoolean, asList, asLong, asMap, asString, MappingError, mismatch } from '../parse/jackson-coerce';
import { JsonSyntaxError, readJson, type JsonValue } from '../parse/json-reader';
import type { QueryParams } from '../parse/parse-query-string';
import { QueryError } from '../query-error';

export interface LastPointSubQuery {
  readonly metric: string | null;
  /** Exact tags of the series (no filters), in request order. */
  readonly tags: ReadonlyArray<readonly [string, string]> | null;
  readonly tsuids: readonly string[] | null;
}

export interface LastPointQuery {
  readonly resolveNames: boolean;
  /** Extra hours to probe before the current one. */
  readonly backScan: number;
  readonly queries: readonly LastPointSubQuery[];
}

/** `GET /api/query/last?timeseries=m{k=v}&tsuids=a,b&resolve&back_scan=N`. */
export function parseLastQueryString(params: QueryParams): LastPointQuery {
  let backScan = 0;
  if (params.has('back_scan')) {
    const text = params.getAll('back_scan').at(-1) ?? '';
    if (!/^[+-]?[0-9]+$/.test(text) || Math.abs(Number(text)) > 2147483647) {
      throw new QueryError('Unable to parse back_scan parameter');
    }
    backScan = Number(text);
  }
  const queries: LastPointSubQuery[] = [
    ...params.getAll('timeseries').map(parseTimeSeries),
    ...params.getAll('tsuids').map((s) => ({ metric: null, tags: null, tsuids: javaSplitComma(s) })),
  ];
  return checked({ resolveNames: params.has('resolve'), backScan, queries });
}

/** `POST /api/query/last`: `{"queries":[…],"resolveNames":bool,"backScan":int}`; unknown fields fail. */
export function parseLastQueryBody(body: string): LastPointQuery {
  if (body.length === 0) {
    throw new QueryError('Missing message content', 400, 'Supply valid JSON formatted data in the body of your request');
  }
  try {
    const root = readJson(body);
    if (root === null || root.kind !== 'object') throw mismatch('LastPointQuery', root ?? { kind: 'null', at: 0 }, '');
    let resolveNames = false;
    let backScan = 0;
    let queries: LastPointSubQuery[] = [];
    for (const [name, v] of root.entries) {
      if (name === 'resolveNames') resolveNames = asBoolean(v, name);
      else if (name === 'backScan') backScan = Number(asLong(v, name, 32));
      else if (name === 'queries') queries = asList(v, name, subQuery) ?? [];
      else throw unrecognized(name, v, 'QueryRpc$LastPointQuery');
    }
    return checked({ resolveNames, backScan, queries });
  } catch (e) {
    if (e instanceof JsonSyntaxError || e instanceof MappingError) {
      throw new QueryError('Unable to parse the given JSON', 400, e.message);
    }
    throw e;
  }
}

function subQuery(v: JsonValue, path: string): LastPointSubQuery {
  if (v.kind !== 'object') throw mismatch('QueryRpc$LastPointSubQuery', v, path);
  let metric: string | null = null;
  let tags: Array<[string, string]> | null = null;
  let tsuids: string[] | null = null;
  for (const [name, e] of v.entries) {
    if (name === 'metric') metric = asString(e, name);
    else if (name === 'tags') tags = asMap(e, name, 'java.util.HashMap', (x, p) => asString(x, p) ?? 'null');
    else if (name === 'tsuids') tsuids = asList(e, name, (x, p) => asString(x, p) ?? 'null');
    else throw unrecognized(name, e, 'QueryRpc$LastPointSubQuery');
  }
  return { metric, tags, tsuids };
}

function unrecognized(name: string, v: JsonValue, cls: string): MappingError {
  return new MappingError(
    'com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException',
    `Unrecognized field "${name}" (class net.opentsdb.tsd.${cls}), not marked as ignorable`,
    name,
    v.at,
  );
}

function checked(q: LastPointQuery): LastPointQuery {
  if (q.queries.length === 0) throw new QueryError('Missing sub queries');
  return q;
}

/** `Tags.parseWithMetric(query, HashMap)`: exact `metric{k=v,…}`; errors are HTTP 500 like Java's. */
function parseTimeSeries(query: string): LastPointSubQuery {
  const curly = query.indexOf('{');
  if (curly < 0) return { metric: query, tags: [], tsuids: null };
  const len = query.length;
  if (query[len - 1] !== '}') throw new QueryError(`Missing '}' at the end of: ${query}`, 500);
  if (curly === len - 2) return { metric: query.slice(0, len - 2), tags: [], tsuids: null };
  const tags = new Map<string, string>();
  for (const tag of query.slice(curly + 1, len - 1).split(',')) {
    const kv = tag.split('=');
    if (kv.length !== 2 || kv[0].length === 0 || kv[1].length === 0) {
      throw new QueryError(`When parsing tag '${tag}': invalid tag: ${tag}`, 500);
    }
    const seen = tags.get(kv[0]);
    if (seen !== undefined && seen !== kv[1]) {
      throw new QueryError(`When parsing tag '${tag}': duplicate tag: ${tag}, tags={${[...tags].map(([k, v]) => `${k}=${v}`).join(', ')}}`, 500);
    }
    tags.set(kv[0], kv[1]);
  }
  return { metric: query.slice(0, curly), tags: [...tags], tsuids: null };
}

function javaSplitComma(s: string): string[] {
  const parts = s.split(',');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts.length === 0 && s.length === 0 ? [''] : parts;
}

/** Row base times to probe, newest first: the current hour, then `backScan` hours before it. */
export function lastPointRows(nowMs: number, backScan: number): number[] {
  const hour = Math.floor(nowMs / 1000);
  const base = hour - (hour % 3600);
  return Array.from({ length: Math.max(0, backScan) + 1 }, (_, i) => base - i * 3600);
}

export interface LastPoint {
  readonly tsuid: string;
  /** Milliseconds. */
  readonly timestamp: number;
  readonly value: number | bigint;
  readonly isInteger: boolean;
  /** With `resolve`: the series' metric and tags (tags in tagk UID order). */
  readonly metric?: string;
  readonly tags?: ReadonlyArray<readonly [string, string]>;
}

/** The response: `[{"metric"?,"timestamp","value":"<text>","tags"?,"tsuid"}]`, value as a string. */
export function serializeLastPoints(points: readonly LastPoint[]): string {
  const items = points.map((p) => {
    const value = p.isInteger ? p.value.toString() : javaDoubleToString(Number(p.value));
    let tags = '';
    if (p.tags !== undefined) {
      const map = new JavaHashMap<string>(p.tags.length);
      for (const [k, v] of p.tags) map.put(k, v);
      tags = `,"tags":{${map.orderedEntries().map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
    }
    const metric = p.metric !== undefined ? `"metric":${JSON.stringify(p.metric)},` : '';
    return `{${metric}"timestamp":${p.timestamp},"value":${JSON.stringify(value)}${tags},"tsuid":${JSON.stringify(p.tsuid)}}`;
  });
  return `[${items.join(',')}]`;
}
