/** Crash durability, long: 30 SIGKILL rounds of up to 5 s of ingest each (issue 11, part 1). */
import { runCrashRounds } from '../reliability/crash-rounds';
import { Random } from '../reliability/random';
import { report } from './soak-report';

test('30 SIGKILLs under ingest: no acknowledged point lost, telnet loss within 1 s, no corrupt row', async () => {
  const rng = Random.fromEnv(Date.now() % 2 ** 31);
  const f = await runCrashRounds({ rounds: 30, httpSenders: 4, telnetSenders: 3, minRunMs: 50, maxRunMs: 5000, pointsPerRequest: 50, rng });
  report('crash', { seed: rng.seed, ...f, corruptRows: f.corruptRows.length });
  expect(f.rounds).toBe(30);
  expect(f.ackedMissing).toBe(0);
  expect(f.ackedMissingAtEnd).toBe(0);
  expect(f.telnetHoles).toBe(0);
  expect(f.maxTelnetLossMs).toBeLessThanOrEqual(1000);
  expect(f.corruptRows).toEqual([]);
  expect(f.unpackedRowsAtEnd).toBe(0);
});
