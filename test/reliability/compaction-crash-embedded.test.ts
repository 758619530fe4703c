/** A TSD on the embedded store killed at each step of packing rows (issue 11, part 2). */
import type { CrashPoint } from '../../scripts/reliability/fault-store';
import { compactionCrash } from './compaction-crash';

const POINTS: CrashPoint[] = ['before-pack-put', 'after-pack-put', 'after-pack-delete'];

test.concurrent.each(POINTS)('killed %s: every point reads back once and the rows are packed again', async (crash) => {
  const r = await compactionCrash('embedded', crash);
  expect(r.faultSignal).toBe('SIGKILL');
  expect(r.wrongPoints).toBe(0);
  expect(r.countsOk).toBe(true);
  expect(r.report.corrupt).toEqual([]);
  expect(r.report.unpacked).toBe(0);
  expect(r.report.points).toBe(r.expectedPoints);
}, 90_000);
