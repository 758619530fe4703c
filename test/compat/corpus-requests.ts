/** Builders for the requests of the query corpus: GET and POST /api/query over the data set's range. */
import { T0, T_END } from './corpus-data';
import type { HttpCall } from './reply-diff';

export interface CorpusCase {
  readonly name: string;
  readonly call: HttpCall;
}

/** The 35 names of 2.4.1's /api/aggregators (Aggregators.java). */
export const AGGREGATORS = [
  'sum', 'min', 'max', 'avg', 'none', 'median', 'mult', 'dev', 'diff', 'count', 'zimsum', 'mimmin', 'mimmax',
  'first', 'last', 'pfsum', 'squareSum', 'p999', 'p99', 'p95', 'p90', 'p75', 'p50', 'ep999r3', 'ep99r3',
  'ep95r3', 'ep90r3', 'ep75r3', 'ep50r3', 'ep999r7', 'ep99r7', 'ep95r7', 'ep90r7', 'ep75r7', 'ep50r7',
] as const;

/** TSUIDs of series in the data set, known only once it is written. */
export interface CorpusTsuids {
  readonly cpuWeb01: string;
  readonly cpuWeb02: string;
}

export const RANGE = `start=${T0}&end=${T_END}`;
export const enc = (m: string): string => encodeURIComponent(m);

/** GET /api/query over the whole data set with the given sub-queries and extra parameters. */
export const get = (name: string, ms: readonly string[], extra = '', range = RANGE): CorpusCase => ({
  name,
  call: { path: `/api/query?${range}${ms.map((m) => `&m=${enc(m)}`).join('')}${extra}` },
});
export const raw = (name: string, path: string, method: HttpCall['method'] = 'GET'): CorpusCase => ({ name, call: { method, path } });
export const post = (name: string, body: unknown, path = '/api/query'): CorpusCase => ({
  name,
  call: { method: 'POST', path, body: typeof body === 'string' ? body : JSON.stringify(body) },
});
/** A POST body over the whole data set with one sub-query. */
export const sub = (q: Record<string, unknown>, top: Record<string, unknown> = {}): Record<string, unknown> =>
  ({ start: T0, end: T_END, queries: [{ aggregator: 'sum', metric: 'cc.cpu', ...q }], ...top });
