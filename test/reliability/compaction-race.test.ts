/**
 * Points that arrive while the compactor packs their row (it waits on the store to merge the row with
 * stored cells) must not be lost: found by the fuzzer, when a client paused for two seconds (the row
 * went idle) and then wrote again in the middle of the pack.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Config } from '../../src/config/config';
import { encodeInteger } from '../../src/core/value-codec';
import { memoryLogger } from '../../src/logging/logger';
import type { TSDB } from '../../src/tsdb';
import { openFaultTsdb } from '../../scripts/reliability/fault-tsdb';
import { readMetric } from '../helpers/read-all';

const HOUR = 1356998400;

describe.each(['log', 'cells'] as const)('a point written while its row is packed (%s mode)', (writeMode) => {
  let dir: string;
  let tsdb: TSDB;
  let now = Date.now();
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsd-ts-race-'));
    const config = new Config({ 'tsd.storage.embedded.path': dir, 'tsd.core.auto_create_metrics': 'true' });
    tsdb = await openFaultTsdb(config, memoryLogger().logger, { delayMs: 200 }, { writeMode, nowMs: () => now });
  });
  afterEach(async () => {
    await tsdb.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  test('is kept, in memory and in the store', async () => {
    await tsdb.addPoint('race.m', HOUR, encodeInteger(1), { host: 'a' });
    await tsdb.flush();
    now += 10_000;
    // The row (an hour of 2013, older than this TSD) is idle: the pass merges it with the store, slowly.
    const pass = tsdb.compactor.runOnce();
    await new Promise((r) => setTimeout(r, 50));
    await tsdb.addPoint('race.m', HOUR + 1, encodeInteger(2), { host: 'a' });
    await pass;
    await tsdb.flush();
    const read = async (): Promise<number[]> => [...((await readMetric(tsdb, 'race.m')).values().next().value ?? new Map()).keys()];
    expect(await read()).toEqual([HOUR * 1000, (HOUR + 1) * 1000]);
    now += 10_000;
    await tsdb.compactor.runOnce();
    expect(tsdb.openRows.size).toBe(0);
    expect(await read()).toEqual([HOUR * 1000, (HOUR + 1) * 1000]);
  });
});
