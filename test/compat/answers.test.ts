/**
 * The query corpus (query-corpus.ts) sent to tsd-ts and to OpenTSDB 2.4.1 over the same stored data:
 * status, content type and body must agree — numbers exactly as written, key and element order
 * included — except for the deviations listed (and explained) in query-deviations.ts.
 */
import { plainPair } from './compat-env';
import { corpusLines, T0, T_END } from './corpus-data';
import { queryCorpus, type CorpusCase } from './query-corpus';
import { deviationOf, rulesFor } from './query-deviations';
import { diffReplies, send, sendBoth, type Reply } from './reply-diff';
import { telnet } from '../helpers/tsd-harness';

const pair = plainPair();
let corpus: CorpusCase[] = [];

/** Writes the data set through tsd-ts's telnet side, in chunks, and packs every row. */
async function writeData(): Promise<void> {
  const lines = corpusLines();
  for (let i = 0; i < lines.length; i += 2000) {
    const chunk = `${lines.slice(i, i + 2000).join('\n')}\nversion\n`;
    const { lines: reply } = await telnet(pair.ours.port, chunk, 1, 30_000);
    expect(reply[0]).toMatch(/^net\.opentsdb\.tools /);
  }
  await pair.ours.tsdb.flush();
  await pair.ours.tsdb.compactor.runOnce(true);
}

async function tsuidsByHost(): Promise<Map<string, string>> {
  const reply = await send(pair.ours.url, { path: `/api/query?start=${T0}&m=${encodeURIComponent('none:cc.cpu{dc=lga}')}&show_tsuids` });
  const series = JSON.parse(reply.text) as { tags: { host: string }; tsuids: string[] }[];
  return new Map(series.map((s) => [s.tags.host, s.tsuids[0] as string]));
}

/** A series annotation and a global one, written through OpenTSDB's /api/annotation. */
async function writeAnnotations(tsuid: string): Promise<void> {
  const notes = [
    { tsuid, startTime: T0 + 600, endTime: T0 + 900, description: 'restart web01', notes: 'by hand', custom: { owner: 'ops' } },
    { tsuid, startTime: T0 + 7300, description: 'second hour' },
    { startTime: T0 + 1200, description: 'deploy', notes: 'global' },
  ];
  for (const n of notes) {
    const r = await send(pair.oracle.url, { method: 'POST', path: '/api/annotation', body: JSON.stringify(n) });
    expect(r.status).toBe(200);
  }
}

beforeAll(async () => {
  await writeData();
  const tsuids = await tsuidsByHost();
  await writeAnnotations(tsuids.get('web01') as string);
  corpus = queryCorpus({ cpuWeb01: tsuids.get('web01') as string, cpuWeb02: tsuids.get('web02') as string });
}, 300_000);

test('the corpus holds at least 200 requests', () => {
  expect(corpus.length).toBeGreaterThanOrEqual(200);
});

/** What OpenTSDB answered, to check below that the corpus compares data and not only errors. */
const answered: { status: number; points: number }[] = [];

function pointsIn(text: string): number {
  const m = text.match(/"dps":\{[^}]*\}|"dps":\[[^\]]*\]/g) ?? [];
  return m.reduce((n, dps) => n + (dps.match(/,/g)?.length ?? 0) + (/[{[]\s*[}\]]$/.test(dps) ? 0 : 1), 0);
}

describe('the same request gets the same answer', () => {
  // The cases need the TSUIDs of the written data, so the names are fixed here and the cases looked up.
  const names = queryCorpus({ cpuWeb01: '0', cpuWeb02: '0' }).map((c) => c.name);
  test('every case has its own name', () => expect(new Set(names).size).toBe(names.length));
  test.each(names)('%s', async (name) => {
    const c = corpus.find((x) => x.name === name) as CorpusCase;
    const { ours: mine, theirs } = await sendBoth(pair.ours.url, pair.oracle.url, c.call);
    answered.push({ status: theirs.status, points: pointsIn(theirs.text) });
    const deviation = deviationOf(name);
    if (deviation?.check) deviation.check(mine, theirs);
    else expect(diffReplies(mine, theirs, rulesFor(name))).toEqual(deviation?.diffs ?? []);
  });
});

test('most of the corpus compares data points, not only errors', () => {
  const withData = answered.filter((a) => a.status === 200 && a.points > 0);
  const errors = answered.filter((a) => a.status >= 400);
  expect(withData.length).toBeGreaterThanOrEqual(180);
  expect(errors.length).toBeGreaterThanOrEqual(40);
  expect(withData.reduce((n, a) => n + a.points, 0)).toBeGreaterThan(10_000);
});

test('a bad percent escape: OpenTSDB never answers, tsd-ts answers 400 (deviation)', async () => {
  const call = { path: `/api/query?start=${T0}&m=sum:cc.cpu%zz` };
  await expect(send(pair.oracle.url, call, 3000)).rejects.toThrow(/No reply/);
  const mine = await send(pair.ours.url, call);
  expect(mine.status).toBe(400);
});

test('/api/version: the same fields in the same order; the values say tsd-ts (deviation)', async () => {
  const { ours: mine, theirs } = await sendBoth(pair.ours.url, pair.oracle.url, { path: '/api/version' });
  const keys = (r: Reply): string[] => Object.keys(JSON.parse(r.text) as object);
  expect(keys(mine)).toEqual(keys(theirs));
  expect(JSON.parse(mine.text)).toMatchObject({ version: '2.4.1', repo: 'tsd-ts' });
});

test('a POST body\'s "delete": true deletes in 2.4 even with deletion off; tsd-ts keeps the data (deviation)', async () => {
  const { lines } = await telnet(pair.ours.port, `put cc.del ${T0} 1 host=a\nput cc.del ${T0 + 60} 2 host=a\nversion\n`, 1);
  expect(lines[0]).toMatch(/^net\.opentsdb\.tools /);
  await pair.ours.tsdb.flush();
  // Packed now: a pack from memory after OpenTSDB's delete would write the row again (docs: open).
  await pair.ours.tsdb.compactor.runOnce(true);
  const read = { path: `/api/query?start=${T0}&end=${T_END}&m=sum:cc.del` };
  const data = '[{"metric":"cc.del","tags":{"host":"a"},"aggregateTags":[],"dps":{"1704067200":1,"1704067260":2}}]';
  const deleting = { method: 'POST' as const, path: '/api/query', body: JSON.stringify({ start: T0, end: T_END, delete: true, queries: [{ aggregator: 'sum', metric: 'cc.del' }] }) };
  expect((await send(pair.ours.url, deleting)).text).toBe(data);
  expect((await send(pair.ours.url, read)).text).toBe(data);
  expect((await send(pair.oracle.url, deleting)).text).toBe(data);
  const deadline = Date.now() + 10_000;
  let after = '';
  while ((after = (await send(pair.oracle.url, read)).text) !== '[]' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  expect(after).toBe('[]');
});
