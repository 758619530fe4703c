/**
 * The `/api/query` side of Grafana's OpenTSDB datasources, restated from their sources: how a panel
 * target becomes a sub-query (convertTargetToQuery in the browser, BuildMetric in Go), the request
 * bodies, and how the answers become series (mapMetricsToTargets, transformMetricData, the Go
 * ParseResponse for map and array `dps`) and annotation events.
 */

/** A query editor target with the fields the datasources read. */
export interface GrafanaTarget {
  metric: string;
  aggregator?: string;
  alias?: string;
  downsampleInterval?: string;
  downsampleAggregator?: string;
  downsampleFillPolicy?: string;
  disableDownsampling?: boolean;
  shouldComputeRate?: boolean;
  isCounter?: boolean;
  counterMax?: string;
  counterResetValue?: string;
  tags?: Record<string, string>;
  filters?: { type: string; tagk: string; filter: string; groupBy: boolean }[];
  explicitTags?: boolean;
}

/** convertTargetToQuery (browser datasource), `interval` being the panel's auto interval. */
export function browserSubQuery(t: GrafanaTarget, interval: string, tsdbVersion: number): Record<string, unknown> {
  const q: Record<string, unknown> = { metric: t.metric, aggregator: t.aggregator ?? 'avg' };
  if (t.shouldComputeRate) {
    const rateOptions: Record<string, unknown> = { counter: !!t.isCounter };
    if (t.counterMax?.length) rateOptions.counterMax = parseInt(t.counterMax, 10);
    if (t.counterResetValue?.length) rateOptions.resetValue = parseInt(t.counterResetValue, 10);
    // Grafana reads `ResetValue` (capital R), so only counterMax decides.
    if (tsdbVersion >= 2) rateOptions.dropResets = !rateOptions.counterMax;
    q.rate = true;
    q.rateOptions = rateOptions;
  }
  if (!t.disableDownsampling) {
    let iv = t.downsampleInterval || interval;
    if (/\.[0-9]+s/.test(iv)) iv = `${parseFloat(iv) * 1000}ms`;
    q.downsample = `${iv}-${t.downsampleAggregator}`;
    if (t.downsampleFillPolicy && t.downsampleFillPolicy !== 'none') q.downsample += `-${t.downsampleFillPolicy}`;
  }
  if (t.filters && t.filters.length > 0) q.filters = t.filters.map((f) => ({ ...f }));
  else q.tags = { ...(t.tags ?? {}) };
  if (t.explicitTags) q.explicitTags = true;
  return q;
}

/** performTimeSeriesQuery's body; `end` is left out when the range ends at now. */
export function browserQueryBody(queries: unknown[], startMs: number, endMs: number | null, tsdbVersion: number, tsdbResolution: number): Record<string, unknown> {
  const body: Record<string, unknown> = { start: startMs, queries, msResolution: tsdbResolution === 2, globalAnnotations: true };
  if (tsdbVersion === 3) body.showQuery = true;
  if (endMs) body.end = endMs;
  return body;
}

export interface QueryElement {
  metric: string;
  tags: Record<string, string>;
  aggregateTags: string[];
  dps: Record<string, number> | [number, number][];
  query?: { index: number };
  annotations?: { description: string; startTime: number }[];
  globalAnnotations?: { description: string; startTime: number }[];
}

/** mapMetricsToTargets: by query.index with tsdbVersion 3, else by metric (and tag values). */
export function mapToTargets(elements: QueryElement[], targets: GrafanaTarget[], tsdbVersion: number): number[] {
  return elements.map((md) => {
    if (tsdbVersion === 3) return md.query?.index ?? -1;
    return targets.findIndex((t) => {
      if (t.filters && t.filters.length > 0) return t.metric === md.metric;
      return t.metric === md.metric && Object.entries(t.tags ?? {}).every(([k, v]) => v.split('|').includes(md.tags[k]) || v === '*');
    });
  });
}

/** transformMetricData + createMetricLabel: [value, ms] points and the series label. */
export function browserSeries(md: QueryElement, target: GrafanaTarget, groupByTags: Set<string>, tsdbResolution: number): { target: string; datapoints: [number, number][] } {
  const datapoints = Object.entries(md.dps as Record<string, number>).map(([k, v]): [number, number] => [v, tsdbResolution === 2 ? Number(k) : Number(k) * 1000]);
  let label: string;
  if (target.alias) label = target.alias.replace(/\$tag_(\w+)/g, (_, k: string) => md.tags[k] ?? `$tag_${k}`);
  else {
    const tags = Object.entries(md.tags).filter(([k]) => groupByTags.has(k)).map(([k, v]) => `${k}=${v}`);
    label = tags.length > 0 ? `${md.metric}{${tags.join(', ')}}` : md.metric;
  }
  return { target: label, datapoints };
}

/** annotationEvent: the description and floor(startTime) * 1000 of each annotation of the first element. */
export function annotationEvents(elements: QueryElement[], isGlobal: boolean): { text: string; time: number }[] {
  const list = elements[0] ? (isGlobal ? elements[0].globalAnnotations : elements[0].annotations) : undefined;
  return (list ?? []).map((a) => ({ text: a.description, time: Math.floor(a.startTime) * 1000 }));
}

/** BuildMetric (Go backend): counterMax/resetValue as floats, dropResets when neither is set. */
export function goSubQuery(t: GrafanaTarget, intervalMs: number): Record<string, unknown> {
  const m: Record<string, unknown> = { metric: t.metric, aggregator: t.aggregator };
  if (!t.disableDownsampling) {
    let iv = t.downsampleInterval ?? '';
    if (iv === '') iv = intervalMs > 0 ? (intervalMs < 1000 ? `${intervalMs}ms` : intervalMs < 60000 ? `${intervalMs / 1000}s` : `${Math.floor(intervalMs / 60000)}m`) : '1m';
    const ds = `${iv}-${t.downsampleAggregator}`;
    m.downsample = t.downsampleFillPolicy && t.downsampleFillPolicy !== 'none' ? `${ds}-${t.downsampleFillPolicy}` : ds;
  }
  if (t.shouldComputeRate) {
    const ro: Record<string, unknown> = { counter: !!t.isCounter };
    const max = t.counterMax ? parseFloat(t.counterMax) : undefined;
    const reset = t.counterResetValue ? parseFloat(t.counterResetValue) : undefined;
    if (max !== undefined) ro.counterMax = max;
    if (reset !== undefined) ro.resetValue = reset;
    if (max === undefined && (reset === undefined || reset === 0)) ro.dropResets = true;
    m.rate = true;
    m.rateOptions = ro;
  }
  if (t.tags && Object.keys(t.tags).length > 0) m.tags = t.tags;
  if (t.filters && t.filters.length > 0) m.filters = t.filters;
  if (t.explicitTags) m.explicitTags = true;
  return m;
}

/** ParseResponse for tsdbVersion 4 (`?arrays=true`): `dps` must be [][]float64 of [seconds, value]. */
export function goFramesArrays(elements: unknown): { metric: string; points: [number, number][] }[] {
  return (elements as QueryElement[]).map((e) => {
    if (!Array.isArray(e.dps) || e.dps.some((p) => !Array.isArray(p) || p.length !== 2 || p.some((x) => typeof x !== 'number'))) {
      throw new Error('json: cannot unmarshal dps into [][]float64');
    }
    return { metric: e.metric, points: (e.dps as [number, number][]).map(([t, v]): [number, number] => [t * 1000, v]) };
  });
}

/** ParseResponseLT24: `dps` a map of second timestamps to float64, sorted by key. */
export function goFramesMap(elements: unknown): { metric: string; points: [number, number][] }[] {
  return (elements as QueryElement[]).map((e) => {
    const dps = e.dps as Record<string, unknown>;
    if (Array.isArray(dps) || Object.values(dps).some((v) => typeof v !== 'number')) throw new Error('json: cannot unmarshal dps into map[string]float64');
    return { metric: e.metric, points: Object.keys(dps).sort().map((k): [number, number] => [parseInt(k, 10) * 1000, dps[k] as number]) };
  });
}

/** Start of the counters the query replays read (a whole minute). */
export const Q0 = 1700000000 - (1700000000 % 60);
export const COUNTER_HOSTS = [
  { host: 'web01', dc: 'lga' },
  { host: 'web02', dc: 'lga' },
  { host: 'web03', dc: 'sjc' },
];

/**
 * app.hits: a counter per host rising 60 per minute for 10 minutes (a rate of 1/s), one series
 * annotation on web01 and one global annotation.
 */
export async function seedCounters(url: string): Promise<void> {
  const points = COUNTER_HOSTS.flatMap((tags, h) =>
    Array.from({ length: 10 }, (_, i) => ({ metric: 'app.hits', timestamp: Q0 + i * 60, value: 1000 * h + i * 60, tags })),
  );
  const put = await fetch(`${url}/api/put?sync`, { method: 'POST', body: JSON.stringify(points) });
  if (put.status !== 204) throw new Error(`Cannot seed counters: ${put.status} ${await put.text()}`);
  const lookup = (await (await fetch(`${url}/api/search/lookup?m=app.hits%7Bhost%3Dweb01%7D`)).json()) as { results: { tsuid: string }[] };
  for (const body of [{ tsuid: lookup.results[0].tsuid, startTime: Q0 + 120, description: 'web01 restarted' }, { startTime: Q0 + 300, description: 'deploy' }]) {
    const res = await fetch(`${url}/api/annotation`, { method: 'POST', body: JSON.stringify(body) });
    if (res.status !== 200) throw new Error(`Cannot seed annotations: ${res.status} ${await res.text()}`);
  }
}

/** The panel target with every option the editor offers (filter mode). */
export const EVERY_OPTION: GrafanaTarget = {
  metric: 'app.hits',
  aggregator: 'sum',
  alias: 'hits $tag_host',
  shouldComputeRate: true,
  isCounter: true,
  counterMax: '1000000',
  counterResetValue: '0',
  downsampleInterval: '1m',
  downsampleAggregator: 'avg',
  downsampleFillPolicy: 'zero',
  filters: [{ type: 'wildcard', tagk: 'host', filter: 'web*', groupBy: true }],
  explicitTags: false,
};

/** A tag-mode target (tsdbVersion 1 has no filters): max of the lga hosts, no downsampling. */
export const TAG_MODE: GrafanaTarget = { metric: 'app.hits', aggregator: 'max', tags: { dc: 'lga' }, disableDownsampling: true, downsampleAggregator: 'avg' };
