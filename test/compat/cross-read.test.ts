/**
 * Cross-reads on shared tables, unsalted and salted: what one TSD writes (telnet and HTTP; integers
 * and floats; seconds and milliseconds; 1–8 tags; out of order; annotations), the other reads with
 * the same answer as the writer — before compaction, after OpenTSDB compacted the rows, after
 * tsd-ts compacted rows it read, and for rows tsd-ts packed from memory. Each answer is also checked
 * against the points written, so the two cannot agree on a wrong answer.
 */
import { oracleOn, oursOn } from './compat-env';
import { crossPoints, expectedSeries, seriesKey, X0, type XPoint } from './cross-data';
import { cellsPerRow } from './data-cells';
import type { Oracle } from './oracle';
import { diffReplies, QUERY_RULES, send, sendBoth, type HttpCall } from './reply-diff';
import { getTableSet, SALTINGS } from './table-set';
import { writeBoth } from './write-points';
import type { TestTsd } from '../helpers/tsd-harness';

const SUFFIXES = ['int', 'float', 'ms', 'mix', 'wide'] as const;
const RANGE = `start=${X0}&end=${X0 + 2 * 3600}`;

/** The requests compared for a data set: raw series, aggregates, downsampling, rate, filters. */
function queries(prefix: string): HttpCall[] {
  const q = (m: string, extra = ''): HttpCall => ({ path: `/api/query?${RANGE}&m=${encodeURIComponent(m)}${extra}` });
  return SUFFIXES.flatMap((s) => [
    q(`none:${prefix}.${s}`, '&ms&show_tsuids'),
    q(`sum:${prefix}.${s}`, '&ms'),
    q(`avg:10m-avg-nan:${prefix}.${s}`),
    q(`max:rate:${prefix}.${s}`, '&ms'),
    q(`count:1h-count:${prefix}.${s}`, '&global_annotations'),
    { method: 'POST', path: '/api/query', body: JSON.stringify({ start: X0, end: X0 + 7200, msResolution: true,
      queries: [{ aggregator: 'min', metric: `${prefix}.${s}`, downsample: '15m-max', filters: [{ type: 'wildcard', tagk: s === 'int' ? 'k1' : 'host', filter: '*', groupBy: true }] }] }) },
  ]);
}

interface Side {
  readonly url: string;
}

/** Compares every query of the data set between two sides, and each `none` answer with the points. */
async function compareReads(ours: Side, theirs: Side, prefix: string, points: readonly XPoint[]): Promise<void> {
  for (const call of queries(prefix)) {
    const { ours: mine, theirs: other } = await sendBoth(ours.url, theirs.url, call);
    expect({ call: call.path, diffs: diffReplies(mine, other, QUERY_RULES) }).toEqual({ call: call.path, diffs: [] });
    expect(mine.status).toBe(200);
  }
  for (const s of SUFFIXES) {
    const reply = await send(ours.url, { path: `/api/query?${RANGE}&m=${encodeURIComponent(`none:${prefix}.${s}`)}&ms` });
    const got = new Map((JSON.parse(reply.text) as { tags: Record<string, string>; dps: Record<string, number> }[])
      .map((r) => [seriesKey(r.tags), new Map(Object.entries(r.dps).map(([t, v]) => [Number(t), v]))]));
    expect(got).toEqual(expectedSeries(points, `${prefix}.${s}`));
  }
}

/** Waits until every row of the data set holds one data cell (OpenTSDB writes compactions after answering). */
async function expectCompacted(tsdb: TestTsd['tsdb'], prefix: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const counts = (await Promise.all(SUFFIXES.map((s) => cellsPerRow(tsdb, `${prefix}.${s}`)))).flat();
    if (counts.every((n) => n === 1) || Date.now() > deadline) {
      expect(counts.filter((n) => n !== 1)).toEqual([]);
      expect(counts.length).toBeGreaterThan(0);
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function expectLoose(tsdb: TestTsd['tsdb'], prefix: string): Promise<void> {
  const counts = (await Promise.all(SUFFIXES.map((s) => cellsPerRow(tsdb, `${prefix}.${s}`)))).flat();
  expect(counts.length).toBeGreaterThan(0);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(crossPoints(prefix).length);
}

/** A series annotation and a global one, written through a TSD's /api/annotation. */
async function annotate(url: string, notes: readonly Record<string, unknown>[]): Promise<void> {
  for (const note of notes) {
    expect((await send(url, { method: 'POST', path: '/api/annotation', body: JSON.stringify(note) })).status).toBe(200);
  }
}

const annotateThroughOurs = (tsd: TestTsd, tsuid: string): Promise<void> => annotate(tsd.url, [
  { tsuid, startTime: X0 + 300, endTime: X0 + 400, description: 'ours', notes: 'series', custom: { by: 'tsd-ts' } },
  { startTime: X0 + 3700, description: 'ours global' },
]);

const annotateThroughOpenTsdb = (oracle: Oracle, tsuid: string): Promise<void> => annotate(oracle.url, [
  { tsuid, startTime: X0 + 600, endTime: X0 + 700, description: 'theirs', notes: 'series', custom: { by: 'opentsdb' } },
  { startTime: X0 + 3800, description: 'theirs global' },
]);

async function firstTsuid(url: string, metric: string): Promise<string> {
  const reply = await send(url, { path: `/api/query?${RANGE}&m=${encodeURIComponent(`none:${metric}`)}&show_tsuids` });
  return (JSON.parse(reply.text) as { tsuids: string[] }[])[0]?.tsuids[0] as string;
}

describe.each(SALTINGS)('cross-reads on $label tables', ({ suffix, salt }) => {
  let oursLoose: TestTsd;
  let oursCompacting: TestTsd;
  let theirsLoose: Oracle;
  let theirsCompacting: Oracle;

  beforeAll(async () => {
    const set = await getTableSet(`cross${suffix}`, salt);
    [theirsLoose, theirsCompacting] = await Promise.all([oracleOn(set, { compaction: false }), oracleOn(set, { compaction: true })]);
    oursLoose = await oursOn(set, { 'tsd.storage.enable_compaction': 'false' });
    oursCompacting = await oursOn(set);
  }, 240_000);
  afterAll(async () => {
    await oursLoose?.stop();
    await oursCompacting?.stop();
  });

  const written = crossPoints('xw');
  test('tsd-ts writes; OpenTSDB reads the loose cells as tsd-ts does', async () => {
    await writeBoth(oursLoose.port, oursLoose.url, written);
    await oursLoose.tsdb.flush();
    await annotateThroughOurs(oursLoose, await firstTsuid(oursLoose.url, 'xw.int'));
    await expectLoose(oursLoose.tsdb, 'xw');
    await compareReads(oursLoose, theirsLoose, 'xw', written);
  });

  test('… and after OpenTSDB compacted those rows on read', async () => {
    for (const call of queries('xw')) expect((await send(theirsCompacting.url, call)).status).toBe(200);
    await expectCompacted(oursLoose.tsdb, 'xw');
    await compareReads(oursLoose, theirsLoose, 'xw', written);
  });

  const theirs = crossPoints('xo');
  test('OpenTSDB writes; tsd-ts reads the loose cells as OpenTSDB does', async () => {
    await writeBoth(theirsLoose.port, theirsLoose.url, theirs);
    await annotateThroughOpenTsdb(theirsLoose, await firstTsuid(theirsLoose.url, 'xo.int'));
    await expectLoose(oursLoose.tsdb, 'xo');
    await compareReads(oursLoose, theirsLoose, 'xo', theirs);
  });

  test('… and after tsd-ts compacted the rows it read', async () => {
    for (const call of queries('xo')) expect((await send(oursCompacting.url, call)).status).toBe(200);
    await oursCompacting.tsdb.compactor.runOnce();
    await expectCompacted(oursLoose.tsdb, 'xo');
    await compareReads(oursCompacting, theirsLoose, 'xo', theirs);
  });

  const packed = crossPoints('xp');
  test('tsd-ts packs rows from memory; OpenTSDB reads them as tsd-ts does', async () => {
    await writeBoth(oursCompacting.port, oursCompacting.url, packed);
    await oursCompacting.tsdb.flush();
    await oursCompacting.tsdb.compactor.runOnce(true);
    await expectCompacted(oursCompacting.tsdb, 'xp');
    await compareReads(oursCompacting, theirsLoose, 'xp', packed);
  });
});
