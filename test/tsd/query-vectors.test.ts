/**
 * The §12 vectors end to end: each example's points written through /api/put into a TSD on the
 * embedded store (a metric of its own per example), the query sent over HTTP, the dps text compared
 * exactly. Same table as the in-memory engine test.
 */
import { defineSpecVectors, seriesSet, type SeriesSet } from '../query-vectors/spec-vectors';
import { ms } from '../unit/query/fixtures';
import { startTestTsd, type TestTsd } from '../helpers/tsd-harness';

let tsd: TestTsd;
let counter = 0;

/**
 * Writes the series under a fresh metric; returns its name. One series after the other, so that new
 * tag values get their UIDs in series order (A before B), the order the vectors' group aggregators
 * (first, last, diff, none) depend on, as in a fresh OpenTSDB.
 */
async function write(set: SeriesSet): Promise<string> {
  const metric = `v${++counter}`;
  for (const s of set) {
    const points = s.points.map(([t, text]) => {
      const at = ms(t);
      return { metric, timestamp: at % 1000 === 0 ? at / 1000 : at, value: text, tags: s.tags };
    });
    const res = await fetch(`${tsd.url}/api/put?details&sync`, { method: 'POST', body: JSON.stringify(points) });
    if (res.status !== 200) throw new Error(`put failed: ${res.status} ${await res.text()}`);
  }
  return metric;
}

async function query(path: string, init?: RequestInit): Promise<string> {
  const res = await fetch(`${tsd.url}${path}`, init);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${res.status} ${text}`);
  return text;
}

const dpsTexts = (body: string): string[] => [...body.matchAll(/"dps":(\{[^}]*\}|\[(?:\[[^\]]*\],?)*\])/g)].map((m) => m[1]);
/** The vectors name their metric `m`; each example gets its own. */
const rename = (qs: string, metric: string): string => qs.replace(/:m(?=&|$|\{)/g, `:${metric}`);

describe.each(['embedded', 'hbase'] as const)('§12 vectors through a TSD on the %s store', (backend) => {
beforeAll(async () => {
  tsd = await startTestTsd({ 'tsd.core.auto_create_metrics': 'true' }, backend);
});
afterAll(() => tsd.stop());

defineSpecVectors({
  series: seriesSet,
  async dpsOf(m, start, end, set, extraQs = '') {
    const metric = await write(set);
    return dpsTexts(await query(`/api/query?start=${start}&end=${end}&m=${encodeURIComponent(rename(m, metric))}${extraQs}`));
  },
  async dps(qs, set) {
    const metric = await write(set);
    const params = new URLSearchParams(qs);
    params.set('m', rename(params.get('m') ?? '', metric));
    return dpsTexts(await query(`/api/query?${params.toString().replace(/=(&|$)/g, '$1')}`));
  },
  async post(body, set) {
    const metric = await write(set);
    const b = JSON.parse(JSON.stringify(body)) as { queries: { metric: string }[] };
    for (const q of b.queries) if (q.metric === 'm') q.metric = metric;
    return query('/api/query', { method: 'POST', body: JSON.stringify(b) });
  },
});
});
