/**
 * `/api/search/<type>` (SearchRpc). `lookup` is answered from the series index, so it lists series
 * whether or not meta tracking ever ran; the other types need a search plugin, which tsd-ts does not
 * load, so they fail as a 2.4 TSD without one does.
 */
import { TsdError } from '../../errors/tsd-error';
import { javaDoubleToString } from '../../java/java-double';
import { lookupSeries, type LookupDeps, type LookupSeries } from '../../meta/time-series-lookup';
import { NoSuchUniqueId, NoSuchUniqueName } from '../../uid/errors';
import type { HttpQuery } from '../http/http-query';
import type { HttpRpc } from '../http/http-rpc';
import { parseJavaInt, parseJsonObject } from '../json/json-body';
import { lookupFromBody, lookupFromQueryString, type LookupEcho } from './lookup-request';

const SEARCH_TYPES = new Set(['tsmeta', 'tsmeta_summary', 'tsuids', 'uidmeta', 'annotation', 'lookup']);

const str = JSON.stringify;

/** One result as OpenTSDB's ConcurrentHashMap(3) iterates it: tsuid, metric, tags. */
function seriesJson(s: LookupSeries): string {
  const tags = s.tags.map(([k, v]) => `${str(k)}:${str(v)}`).join(',');
  return `{"tsuid":${str(s.tsuid)},"metric":${str(s.metric)},"tags":{${tags}}}`;
}

/** SearchQuery as Jackson writes it: null fields left out, `time` a float. */
export function lookupResponseJson(echo: LookupEcho, results: readonly LookupSeries[], elapsedMs: number): string {
  const parts = ['"type":"LOOKUP"'];
  if (echo.query !== null) parts.push(`"query":${str(echo.query)}`);
  if (echo.metric !== null) parts.push(`"metric":${str(echo.metric)}`);
  if (echo.tags !== null) parts.push(`"tags":${str(echo.tags.map((p) => ({ key: p.key, value: p.value })))}`);
  parts.push(
    `"limit":${echo.limit}`,
    `"time":${javaDoubleToString(elapsedMs)}`,
    `"results":[${results.map(seriesJson).join(',')}]`,
    `"startIndex":${echo.startIndex}`,
    `"totalResults":${results.length}`,
  );
  return `{${parts.join(',')}}`;
}

async function processLookup(deps: LookupDeps, q: HttpQuery, echo: LookupEcho): Promise<void> {
  if (echo.metric === null && (echo.tags === null || echo.tags.length === 0)) {
    throw new TsdError('Missing metric and tags. Please supply at least one value.', 400);
  }
  const started = Date.now();
  let results: LookupSeries[];
  try {
    results = await lookupSeries(deps, { metric: echo.metric, tags: echo.tags ?? [], limit: echo.limit });
  } catch (e) {
    if (e instanceof NoSuchUniqueName) throw new TsdError('Unable to resolve one or more UIDs', 404, e.message);
    if (e instanceof NoSuchUniqueId) throw new TsdError('Unable to resolve one or more TSUIDs', 404, e.message);
    throw e;
  }
  q.sendJsonText(200, lookupResponseJson(echo, results, Date.now() - started));
}

export function searchRpc(deps: LookupDeps): HttpRpc {
  return {
    availability: 'read',
    async handle(q) {
      const method = q.apiMethod();
      if (method !== 'GET' && method !== 'POST') throw new TsdError(`Unsupported method: ${method}`, 400);
      const type = q.subPath ?? '';
      if (!SEARCH_TYPES.has(type)) {
        throw new TsdError('Invalid search query type supplied', 400, type === '' ? 'Type provided was null or empty' : `Unknown type: ${type}`);
      }
      if (type === 'lookup') {
        const echo = q.hasContent() ? lookupFromBody(parseJsonObject(q, 'a search query')) : lookupFromQueryString(q);
        return processLookup(deps, q, echo);
      }
      // Other types go to a search plugin (TSDB.executeSearch); none is loaded.
      if (!q.hasContent()) {
        q.requiredParam('query');
        for (const param of ['limit', 'start_index']) {
          if (q.hasParam(param) && parseJavaInt(q.param(param) ?? '') === null) {
            throw new TsdError(`Unable to convert '${param}' to a valid number`, 400);
          }
        }
      }
      throw new TsdError('Searching is not enabled', 400, 'Searching has not been enabled on this TSD');
    },
  };
}
