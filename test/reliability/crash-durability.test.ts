/**
 * A TSD on the embedded store, SIGKILLed under ingest and restarted (issue 11, part 1). The soak run
 * (test/soak) repeats this with more rounds and longer ingest.
 */
import { Random } from './random';
import { runCrashRounds } from './crash-rounds';

test('a killed TSD keeps every point /api/put?sync acknowledged, loses at most 1 s of telnet, and resumes compaction', async () => {
  const rng = Random.fromEnv(11);
  const f = await runCrashRounds({ rounds: 6, httpSenders: 3, telnetSenders: 2, minRunMs: 100, maxRunMs: 1500, pointsPerRequest: 50, rng });
  expect(f.rounds).toBe(6);
  expect(f.acked).toBeGreaterThan(1000);
  expect(f.ackedMissing).toBe(0);
  expect(f.ackedMissingAtEnd).toBe(0);
  expect(f.telnetSent).toBeGreaterThan(1000);
  expect(f.telnetHoles).toBe(0);
  expect(f.maxTelnetLossMs).toBeLessThanOrEqual(1000);
  expect(f.corruptRows).toEqual([]);
  expect(f.rowsAtEnd).toBeGreaterThan(0);
  expect(f.unpackedRowsAtEnd).toBe(0);
}, 120_000);
