/**
 * What Grafana's three OpenTSDB datasource generations put on the wire, and how each reads the
 * answers, restated from grafana/grafana (`public/app/plugins/datasource/opentsdb/datasource.ts`,
 * `app/core/utils/fetch.ts`) and grafana/grafana-opentsdb-datasource (`pkg/opentsdb/*.go`):
 *
 * - angular: Grafana ≤ 7.0, `backendSrv.datasourceRequest` → AngularJS `$http`, whose parameter
 *   serializer sorts keys and percent-encodes like encodeURIComponent but keeps `@ : $ , ;`;
 * - fetch: Grafana 7.x–11 browser datasource, `getBackendSrv().fetch`, parameters in insertion order
 *   through encodeURIComponent (undefined and empty arrays left out);
 * - backend: the Go backend (Grafana 11+ and the external plugin): `url.Values.Encode` (sorted keys,
 *   QueryEscape: space → `+`, `*` → `%2A`), resources re-shaped and sorted before the browser sees them.
 */
export type Params = Record<string, string | number>;

/** AngularJS encodeUriQuery (pctEncodeSpaces = true) and $httpParamSerializer's sorted keys. */
export function angularQuery(params: Params): string {
  const enc = (v: string): string =>
    encodeURIComponent(v).replace(/%40/gi, '@').replace(/%3A/gi, ':').replace(/%24/g, '$').replace(/%2C/gi, ',').replace(/%3B/gi, ';');
  return Object.keys(params)
    .sort()
    .map((k) => `${enc(k)}=${enc(String(params[k]))}`)
    .join('&');
}

/** app/core/utils/fetch.ts serializeParams, keys in insertion order. */
export function fetchQuery(params: Params): string {
  return Object.keys(params)
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(params[k]))}`)
    .join('&');
}

/** Go's url.QueryEscape over sorted keys (url.Values.Encode). */
export function goQuery(params: Params): string {
  const esc = (v: string): string =>
    encodeURIComponent(v)
      .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
      .replace(/%20/g, '+');
  return Object.keys(params)
    .sort()
    .map((k) => `${esc(k)}=${esc(String(params[k]))}`)
    .join('&');
}

/** The `m` parameter of a tag_values(metric, "key[, k=v...]") lookup (_performMetricKeyValueLookup). */
export function tagValuesM(metric: string, keys: string): { m: string; key: string } {
  const list = keys.split(',').map((k) => k.trim());
  let query = `${list[0]}=*`;
  if (list.length > 1) query += `,${list.slice(1).join(',')}`;
  return { m: `${metric}{${query}}`, key: list[0] };
}

export interface LookupReply {
  results: { tsuid: string; metric: string; tags: Record<string, string> }[];
}

/** The browser datasource's tag_names(): keys of every result's tags, first seen first. */
export function browserTagKeys(reply: LookupReply): string[] {
  const out: string[] = [];
  for (const r of reply.results) for (const k of Object.keys(r.tags)) if (!out.includes(k)) out.push(k);
  return out;
}

/** The browser datasource's tag_values(): each result's value of `key`, first seen first. */
export function browserTagValues(reply: LookupReply, key: string): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  for (const r of reply.results) if (!out.includes(r.tags[key])) out.push(r.tags[key]);
  return out;
}

/** The Go backend's HandleKeyLookup / HandleKeyValueLookup: a sorted set. */
export function goSortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** metricFindQuery's answer: each name as `{ text }`. */
export const asTextValues = (names: readonly (string | undefined)[]): { text: string | undefined }[] => names.map((text) => ({ text }));

/** The hard-coded filter types the editor falls back to, which the server's list must cover. */
export const GRAFANA_FILTER_FALLBACK = ['wildcard', 'iliteral_or', 'not_iliteral_or', 'not_literal_or', 'iwildcard', 'literal_or', 'regexp'];
/** The hard-coded aggregators the editor falls back to. */
export const GRAFANA_AGGREGATOR_FALLBACK = ['avg', 'sum', 'min', 'max', 'dev', 'zimsum', 'mimmin', 'mimmax'];

/** A small estate the replay tests browse: three metrics of sys.cpu.*, memory, and cpu.idle. */
export const GRAFANA_SERIES = [
  { metric: 'sys.cpu.user', tags: { host: 'web01', dc: 'lga', cpu: '0' } },
  { metric: 'sys.cpu.user', tags: { host: 'web02', dc: 'lga', cpu: '0' } },
  { metric: 'sys.cpu.user', tags: { host: 'web03', dc: 'sjc', cpu: '1' } },
  { metric: 'sys.cpu.system', tags: { host: 'web01', dc: 'lga' } },
  { metric: 'sys.mem.free', tags: { host: 'web01' } },
  { metric: 'cpu.idle', tags: { host: 'db01' } },
];

export async function seedGrafanaSeries(url: string): Promise<void> {
  const points = GRAFANA_SERIES.map((s, i) => ({ ...s, timestamp: 1700000000 + i, value: i }));
  const res = await fetch(`${url}/api/put?sync`, { method: 'POST', body: JSON.stringify(points) });
  if (res.status !== 204) throw new Error(`Cannot seed the replay data: ${res.status} ${await res.text()}`);
}
