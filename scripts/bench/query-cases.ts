/**
 * The benchmark's read requests, each with the answer it must get, derived from the dataset it runs
 * on (so a target that answers fast but wrong is caught): a raw day of one series, a day of a
 * metric's series summed after 1-minute averages, an hour of many series grouped by host, and a
 * `/api/search/lookup` scan of the data table.
 */
import type { DevopsDataset } from './devops-dataset';

export interface QueryCase {
  readonly label: string;
  /** Sends the request; resolves with status and body. */
  send(port: number): Promise<{ status: number; body: string }>;
  /** Undefined when the body is the expected answer, else what is wrong with it. */
  check(body: string): string | undefined;
}

interface QueryResult {
  readonly dps: Readonly<Record<string, number>>;
}

async function get(port: number, path: string, params: Record<string, string>): Promise<{ status: number; body: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}?${new URLSearchParams(params).toString()}`);
  return { status: res.status, body: await res.text() };
}

/** `/api/query` over `data`'s whole time range; `points` is the expected count per result series. */
function queryCase(label: string, data: DevopsDataset, steps: number, m: string, series: number, points: number): QueryCase {
  const range = { start: String(data.start), end: String(data.timestamp(steps) - 1) };
  return {
    label,
    send: (port) => get(port, '/api/query', { ...range, m }),
    check(body) {
      const results = JSON.parse(body) as QueryResult[];
      if (results.length !== series) return `${results.length} series instead of ${series}`;
      const short = results.find((r) => Object.keys(r.dps).length !== points);
      return short ? `a series with ${Object.keys(short.dps).length} points instead of ${points}` : undefined;
    },
  };
}

function lookupCase(label: string, metric: string, dc: string, expected: number): QueryCase {
  const body = JSON.stringify({ metric, tags: [{ key: 'dc', value: dc }], useMeta: false, limit: expected + 1 });
  return {
    label,
    async send(port) {
      const res = await fetch(`http://127.0.0.1:${port}/api/search/lookup`, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
      return { status: res.status, body: await res.text() };
    },
    check(text) {
      const got = (JSON.parse(text) as { results: unknown[] }).results.length;
      return got === expected ? undefined : `${got} series instead of ${expected}`;
    },
  };
}

/**
 * `wide`: one metric of N hosts over `wideSteps` (a day); `grouped`: one metric of M hosts over
 * `groupedSteps` (an hour).
 */
export function queryCases(wide: DevopsDataset, wideSteps: number, grouped: DevopsDataset, groupedSteps: number): QueryCase[] {
  const hours = (steps: number, d: DevopsDataset): string => `${(steps * d.intervalSec) / 3600} h`;
  const [w, g] = [wide.series[0], grouped.series[0]];
  if (w === undefined || g === undefined) throw new RangeError('Cannot build the queries: a dataset has no series');
  const dc1 = grouped.series.filter((s) => s.tags.dc === 'dc1').length;
  return [
    queryCase(`1 series × ${hours(wideSteps, wide)} raw`, wide, wideSteps, `sum:${w.metric}{host=${w.tags.host}}`, 1, wideSteps),
    queryCase(`${wide.series.length} series × ${hours(wideSteps, wide)} sum + 1m-avg`, wide, wideSteps, `sum:1m-avg:${w.metric}`, 1,
      Math.ceil((wideSteps * wide.intervalSec) / 60)),
    queryCase(`${grouped.series.length} series × ${hours(groupedSteps, grouped)} avg by host`, grouped, groupedSteps, `avg:${g.metric}{host=*}`,
      grouped.series.length, groupedSteps),
    lookupCase(`/api/search/lookup (${dc1} of ${grouped.series.length} series)`, g.metric, 'dc1', dc1),
  ];
}
