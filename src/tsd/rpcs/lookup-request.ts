/**
 * A `/api/search/lookup` request as SearchRpc reads it: from the query string `m=<metric>{k=v,...}`
 * and `limit` (Tags.parseWithMetric's list flavour: `k=` and `=v` leave a side empty, a metric of `{`
 * alone means no metric), or from a JSON SearchQuery body. The echo keeps what the client sent.
 */
import { TsdError } from '../../errors/tsd-error';
import type { LookupPair } from '../../meta/time-series-lookup';
import type { HttpQuery } from '../http/http-query';
import { booleanField, integerField, parseJavaInt, textField, unparseable, type JsonObject } from '../json/json-body';

export interface LookupEcho {
  readonly query: string | null;
  readonly metric: string | null;
  /** Null when a JSON body gave none (then left out of the answer). */
  readonly tags: readonly LookupPair[] | null;
  readonly limit: number;
  readonly startIndex: number;
  readonly useMeta: boolean;
}

const DEFAULT_LIMIT = 25;

/** Tags.parse: one `k=v` of a list; `=v` and `k=` leave the other side null. */
function parsePair(tag: string): LookupPair {
  if (tag.length < 2) throw new Error('Missing tag pair');
  if (tag[0] === '=') return { key: null, value: tag.slice(1) };
  if (tag[tag.length - 1] === '=') return { key: tag.slice(0, -1), value: null };
  const kv = tag.split('=');
  if (kv.length !== 2 || kv[0] === '' || kv[1] === '') throw new Error(`invalid tag: ${tag}`);
  return { key: kv[0], value: kv[1] };
}

/** Tags.parseWithMetric (List flavour); throws Error with OpenTSDB's text. */
export function parseMetricAndPairs(m: string): { metric: string | null; tags: LookupPair[] } {
  const curly = m.indexOf('{');
  const tags: LookupPair[] = [];
  if (curly < 0) {
    if (m === '') throw new Error('Metric string was empty');
    return { metric: m, tags };
  }
  if (m[m.length - 1] !== '}') throw new Error(`Missing '}' at the end of: ${m}`);
  if (curly === m.length - 2) {
    if (m[0] === '{') throw new Error(`Missing metric and tags: ${m}`);
    return { metric: m.slice(0, -2), tags };
  }
  for (const tag of m.slice(curly + 1, -1).split(',')) {
    try {
      tags.push(parsePair(tag));
    } catch (e) {
      throw new Error(`When parsing tag '${tag}': ${(e as Error).message}`);
    }
  }
  return { metric: m[0] === '{' ? null : m.slice(0, curly), tags };
}

export function lookupFromQueryString(q: HttpQuery): LookupEcho {
  const m = q.requiredParam('m');
  let parsed: { metric: string | null; tags: LookupPair[] };
  try {
    parsed = parseMetricAndPairs(m);
  } catch (e) {
    throw new TsdError('Unable to parse query', 400, (e as Error).message);
  }
  let limit = DEFAULT_LIMIT;
  if (q.hasParam('limit')) {
    const n = parseJavaInt(q.param('limit') ?? '');
    if (n === null) throw new TsdError("Unable to convert 'limit' to a valid number", 400);
    limit = n;
  }
  return { query: null, metric: parsed.metric, tags: parsed.tags, limit, startIndex: 0, useMeta: true };
}

/** A SearchQuery JSON body (unknown fields ignored, Jackson's coercions). */
export function lookupFromBody(o: JsonObject): LookupEcho {
  let tags: LookupPair[] | null = null;
  if (o.tags !== undefined && o.tags !== null) {
    if (!Array.isArray(o.tags)) throw unparseable("Cannot read 'tags' as a list of {key, value} pairs");
    tags = o.tags.map((p: unknown) => {
      if (p === null || typeof p !== 'object' || Array.isArray(p)) throw unparseable("Cannot read 'tags' as a list of {key, value} pairs");
      return { key: textField(p as JsonObject, 'key'), value: textField(p as JsonObject, 'value') };
    });
  }
  return {
    query: textField(o, 'query'),
    metric: 'metric' in o ? textField(o, 'metric') : '*',
    tags,
    limit: 'limit' in o ? integerField(o, 'limit') : DEFAULT_LIMIT,
    startIndex: integerField(o, 'startIndex'),
    useMeta: 'useMeta' in o ? booleanField(o, 'useMeta') : true,
  };
}
