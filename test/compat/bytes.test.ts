/**
 * Bytes at rest: the same points written through tsd-ts and through OpenTSDB 2.4.1 into separate
 * tables give the same cells — row keys (salt included), qualifiers and values — once each table's
 * UIDs are mapped to the other's by name: as loose cells, after each compacted its rows on read, and
 * for rows tsd-ts packed from memory.
 */
import { RowKeyCodec } from '../../src/core/row-key';
import { oracleOn, oursOn } from './compat-env';
import { dumpRows, type DumpedRow } from './cell-dump';
import { crossPoints } from './cross-data';
import { cellsPerRow } from './data-cells';
import type { Oracle } from './oracle';
import { send } from './reply-diff';
import { getTableSet, SALTINGS } from './table-set';
import { readUidTable } from './uid-table';
import { writeBoth } from './write-points';
import type { TestTsd } from '../helpers/tsd-harness';

const METRICS = ['int', 'float', 'ms', 'mix', 'wide'].map((s) => `bb.${s}`);
const POINTS = crossPoints('bb');

/** Reads every metric of the data set in full through `url` (OpenTSDB compacts what it reads). */
async function readAll(url: string): Promise<void> {
  for (const m of METRICS) {
    expect((await send(url, { path: `/api/query?start=1706745600&end=1706752800&m=none:${m}` })).status).toBe(200);
  }
}

async function untilOneCellPerRow(tsd: TestTsd): Promise<void> {
  const deadline = Date.now() + 20_000;
  let counts: number[] = [];
  do {
    counts = (await Promise.all(METRICS.map((m) => cellsPerRow(tsd.tsdb, m)))).flat();
    if (counts.every((n) => n === 1)) return;
    await new Promise((r) => setTimeout(r, 250));
  } while (Date.now() < deadline);
  expect(counts.filter((n) => n !== 1)).toEqual([]);
}

describe.each(SALTINGS)('cells on $label tables', ({ suffix, salt }) => {
  let oursLoose: TestTsd;
  let oursCompacting: TestTsd;
  let oursPacking: TestTsd;
  /** A tsd-ts on OpenTSDB's tables, to read them with our Store. */
  let reader: TestTsd;
  let theirsLoose: Oracle;
  let theirsCompacting: Oracle;
  let codec: RowKeyCodec;

  beforeAll(async () => {
    const theirSet = await getTableSet(`cross${suffix}`, salt);
    const ourSet = await getTableSet(`bytes${suffix}`, salt);
    const packedSet = await getTableSet(`packed${suffix}`, salt);
    [theirsLoose, theirsCompacting] = await Promise.all([oracleOn(theirSet, { compaction: false }), oracleOn(theirSet, { compaction: true })]);
    oursLoose = await oursOn(ourSet, { 'tsd.storage.enable_compaction': 'false' });
    oursCompacting = await oursOn(ourSet);
    oursPacking = await oursOn(packedSet);
    reader = await oursOn(theirSet, { 'tsd.storage.enable_compaction': 'false' });
    codec = oursLoose.tsdb.codec;
  }, 240_000);
  afterAll(async () => {
    for (const t of [oursLoose, oursCompacting, oursPacking, reader]) await t?.stop();
  });

  /** OpenTSDB's rows, keys mapped to the UIDs of `ours`, beside the rows of `ours`. */
  async function bothDumps(ours: TestTsd): Promise<{ mine: DumpedRow[]; theirs: DumpedRow[] }> {
    const [ourUids, theirUids] = await Promise.all([
      readUidTable(ours.tsdb.store, ours.tsdb.tables.uid), readUidTable(reader.tsdb.store, reader.tsdb.tables.uid)]);
    const mine = await dumpRows(ours.tsdb.store, ours.tsdb.tables.data, codec, ourUids, ourUids, METRICS);
    const theirs = await dumpRows(reader.tsdb.store, reader.tsdb.tables.data, codec, theirUids, ourUids, METRICS);
    return { mine, theirs };
  }

  test('loose cells: one per point, the same bytes', async () => {
    await writeBoth(oursLoose.port, oursLoose.url, POINTS);
    await oursLoose.tsdb.flush();
    await writeBoth(theirsLoose.port, theirsLoose.url, POINTS);
    const { mine, theirs } = await bothDumps(oursLoose);
    expect(mine.reduce((n, r) => n + r.cells.length, 0)).toBe(POINTS.length);
    expect(mine).toEqual(theirs);
  });

  test('compacted on read by each: the same compacted cells', async () => {
    await readAll(theirsCompacting.url);
    await readAll(oursCompacting.url);
    await oursCompacting.tsdb.compactor.runOnce();
    await untilOneCellPerRow(reader);
    await untilOneCellPerRow(oursCompacting);
    const { mine, theirs } = await bothDumps(oursCompacting);
    expect(mine.length).toBeGreaterThan(METRICS.length);
    expect(mine).toEqual(theirs);
  });

  test('packed from memory by tsd-ts: the same cells as OpenTSDB compacted', async () => {
    await writeBoth(oursPacking.port, oursPacking.url, POINTS);
    await oursPacking.tsdb.flush();
    await oursPacking.tsdb.compactor.runOnce(true);
    await untilOneCellPerRow(oursPacking);
    const { mine, theirs } = await bothDumps(oursPacking);
    expect(mine.length).toBeGreaterThan(METRICS.length);
    expect(mine).toEqual(theirs);
  });
});
