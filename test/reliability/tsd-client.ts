/** Small clients of a TSD's HTTP side used by the reliability tests: query a metric, read a statistic. */

export type Dps = Map<number, number>;

/** Every point of `metric` per value of `tagk` (aggregator `none`), by timestamp in seconds. */
export async function queryByTag(url: string, metric: string, tagk: string, startSec: number, endSec: number): Promise<Map<string, Dps>> {
  const res = await fetch(`${url}/api/query?start=${startSec}&end=${endSec}&m=none:${metric}%7B${tagk}=*%7D`);
  const out = new Map<string, Dps>();
  if (res.status === 400) {
    // A metric nobody wrote yet: OpenTSDB answers "No such name".
    const text = await res.text();
    if (text.includes('No such name')) return out;
    throw new Error(`Query of ${metric} failed: ${text}`);
  }
  if (res.status !== 200) throw new Error(`Query of ${metric} failed with ${res.status}: ${await res.text()}`);
  for (const s of (await res.json()) as { tags: Record<string, string>; dps: Record<string, number> }[]) {
    const dps: Dps = out.get(s.tags[tagk]) ?? new Map();
    for (const [t, v] of Object.entries(s.dps)) dps.set(Number(t), v);
    out.set(s.tags[tagk], dps);
  }
  return out;
}

/** The sum of every value a query answers (e.g. `sum:0all-count:m` counts the points of m). */
export async function querySum(url: string, m: string, startSec: number, endSec: number): Promise<number> {
  const res = await fetch(`${url}/api/query?start=${startSec}&end=${endSec}&m=${encodeURIComponent(m)}`);
  if (res.status !== 200) throw new Error(`Query ${m} failed with ${res.status}: ${await res.text()}`);
  let total = 0;
  for (const s of (await res.json()) as { dps: Record<string, number> }[]) for (const v of Object.values(s.dps)) total += v;
  return total;
}

/** The sum of the values of statistic `metric` whose tags include `tags`. */
export async function statValue(url: string, metric: string, tags: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${url}/api/stats`);
  const lines = (await res.json()) as { metric: string; value: string; tags: Record<string, string> }[];
  return lines
    .filter((l) => l.metric === metric && Object.entries(tags).every(([k, v]) => l.tags[k] === v))
    .reduce((n, l) => n + Number(l.value), 0);
}

/** Resolves after `ms`; an `unref`ed sleep does not keep the process alive (a race's losing side). */
export function sleep(ms: number, unref = false): Promise<void> {
  return new Promise((r) => {
    const t = setTimeout(r, ms);
    if (unref) t.unref();
  });
}
