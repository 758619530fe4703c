/**
 * `/api/query` (GET, POST, DELETE) and `/api/query/last` (QueryRpc): parse with the pure engine,
 * read and run through the TSDB, stream the JSON answer. Deletion runs only when
 * tsd.http.query.allow_delete is on — including a POST body's `"delete":true`, which OpenTSDB
 * honours unchecked and we do not (docs/compatibility.md).
 */
import { TsdError } from '../../errors/tsd-error';
import { parseQueryBody, parseQueryString, serializeQueryResponseChunks, type TSQuery } from '../../query';
import { queryLimits, runQuery } from '../../reader/query-runner';
import type { TSDB } from '../../tsdb';
import type { HttpQuery } from './http-query';
import type { HttpRpc } from './http-rpc';
import { lastPointRpc } from './query-last';

/** Adapts the HttpQuery's parameters to the engine's (first value per name, all values). */
function params(q: HttpQuery): { getAll(name: string): string[]; has(name: string): boolean } {
  return { getAll: (n) => [...q.paramValues(n)], has: (n) => q.hasParam(n) };
}

/** How a query ended, for /api/stats (tsd.http.query.*). */
export type QueryEnd = 'success' | 'invalid_requests' | 'exceptions' | 'aborted';

export function queryRpc(tsdb: TSDB, onQuery?: (ms: number, end: QueryEnd) => void): HttpRpc {
  const allowDelete = tsdb.config.getBoolean('tsd.http.query.allow_delete');
  const defaultTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const last = lastPointRpc(tsdb);
  return {
    availability: 'read',
    async handle(q) {
      if (q.subPath === 'last') return last(q);
      if (q.subPath === 'exp' || q.subPath === 'gexp') throw new TsdError('Endpoint not found', 404);
      const method = q.method;
      if (method !== 'GET' && method !== 'POST' && method !== 'DELETE') q.notAllowed();
      if (method === 'DELETE' && !allowDelete) {
        throw new TsdError('Bad request', 400, 'Deleting data is not enabled (tsd.http.query.allow_delete=false)');
      }
      const started = Date.now();
      const deleteRequested = allowDelete && (method === 'DELETE' || q.apiMethod() === 'DELETE');
      const ctx = { nowMs: started, defaultTimeZone };
      const query: TSQuery =
        method === 'POST'
          ? parseQueryBody(q.hasContent() ? q.bodyText() : '', ctx)
          : parseQueryString(params(q), { ...ctx, deleteRequested });
      const abort = new AbortController();
      q.res.once('close', () => {
        if (!q.res.writableFinished) abort.abort(new TsdError('Client went away', 499));
      });
      let end: QueryEnd = 'exceptions';
      try {
        const outcome = await runQuery(tsdb, query, abort.signal, queryLimits(tsdb), allowDelete);
        await stream(q, query, outcome);
        end = 'success';
      } catch (e) {
        if (abort.signal.aborted) end = 'aborted';
        else if (e instanceof TsdError && e.status < 500) end = 'invalid_requests';
        throw e;
      } finally {
        onQuery?.(Date.now() - started, end);
      }
    },
  };
}

/**
 * Writes the answer chunk by chunk, waiting for the socket to drain: a large answer to a slow client
 * then holds a socket buffer of memory, not the whole JSON text.
 */
async function stream(q: HttpQuery, query: TSQuery, outcome: Awaited<ReturnType<typeof runQuery>>): Promise<void> {
  const jsonp = q.param('jsonp');
  const res = q.res;
  res.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8' });
  if (jsonp) res.write(`${jsonp}(`);
  for (const chunk of serializeQueryResponseChunks({
    query,
    results: outcome.results,
    arrays: q.hasParam('arrays'),
    globalAnnotations: outcome.globalAnnotations,
    filterTagkUids: outcome.filterTagkUids,
    stats: outcome.stats,
    statsSummary: outcome.summary,
  })) {
    if (res.write(chunk)) continue;
    const drained = await new Promise<boolean>((resolve) => {
      const done = (ok: boolean) => (): void => {
        res.off('drain', onDrain).off('close', onClose);
        resolve(ok);
      };
      const onDrain = done(true);
      const onClose = done(false);
      res.once('drain', onDrain).once('close', onClose);
    });
    if (!drained) return;
  }
  res.end(jsonp ? ')' : undefined);
}
