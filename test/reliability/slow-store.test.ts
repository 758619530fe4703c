/**
 * A slow store under a telnet flood (issue 11, part 6): the embedded store whose writes crawl (the
 * compactor cannot keep up, so only the open-row bound holds memory), and the same store written as
 * HBase is, a cell per point (so the backlog bound holds it). Ingest pushes back on the client and
 * the bounds hold; nothing sent is lost. The soak run does the same on the real HBase.
 */
import { slowStoreRun, type SlowStoreOptions } from './slow-store';

const MAX_OPEN_BYTES = 4 * 2 ** 20;
const MAX_PENDING = 20_000;

test.each([
  ['log', 500],
  ['cells', 40_000],
] as const)('embedded store in %s mode at %d writes/s: reads pause, memory stays under its bounds, every point is stored', async (writeMode, writesPerSecond) => {
  const o: SlowStoreOptions = { backend: 'embedded', writeMode, writesPerSecond, floodMs: 4000, series: 20_000, maxPendingPoints: MAX_PENDING, maxOpenBytes: MAX_OPEN_BYTES, heapLimitMb: 256 };
  const f = await slowStoreRun(o);
  expect(f.aliveAtEnd).toBe(true);
  expect(f.pointsStored).toBe(f.pointsSent);
  expect(f.clientBlockedShare).toBeGreaterThan(0.5);
  // Reads pause once a bound is reached; one more socket chunk may land before they do.
  expect(f.peakOpenRowsBytes).toBeLessThanOrEqual(1.5 * MAX_OPEN_BYTES + 2 ** 20);
  expect(f.peakBacklog).toBeLessThanOrEqual(MAX_PENDING + 5000);
  expect(f.putDuringFloodStatus).toBe(204);
}, 240_000);
