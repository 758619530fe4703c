/** A TSD on the embedded store killed at each step of packing rows (issue 11, part 2). */
import type { CrashPoint } from '../../scripts/reliability/fault-store';
import { compactionCrash } from './compaction-crash';
import type { IntegrityReport } from './store-integrity';

const POINTS: CrashPoint[] = ['before-pack-put', 'after-pack-put', 'after-pack-delete'];
// What each crash leaves in the store: hour 1's rows only (hour 2 lives in the log alone), then the
// merged cell beside the old packed one, then the packing done but not yet noted (the log still holds it).
const STATE: Record<CrashPoint, { rows: number; unpacked: number; points: number }> = {
  'before-pack-put': { rows: 4, unpacked: 0, points: 480 },
  'after-pack-put': { rows: 8, unpacked: 4, points: 1440 },
  'after-pack-delete': { rows: 8, unpacked: 0, points: 1440 },
};
const afterCrash = ({ rows, unpacked, points }: IntegrityReport): (typeof STATE)[CrashPoint] => ({ rows, unpacked, points });

test.concurrent.each(POINTS)('killed %s: every point reads back once and the rows are packed again', async (crash) => {
  const r = await compactionCrash('embedded', crash);
  expect(r.faultSignal).toBe('SIGKILL');
  expect(afterCrash(r.afterCrash)).toEqual(STATE[crash]);
  expect(r.wrongPoints).toBe(0);
  expect(r.countsOk).toBe(true);
  expect(r.report.corrupt).toEqual([]);
  expect(r.report.unpacked).toBe(0);
  expect(r.report.points).toBe(r.expectedPoints);
}, 90_000);

test('after a kill after the packed put, tsdb fsck --fix --resolve-duplicates --compact repairs the rows and a second fsck finds nothing', async () => {
  const r = await compactionCrash('embedded', 'after-pack-put', 'fsck');
  expect(r.faultSignal).toBe('SIGKILL');
  expect(r.fsckExits?.[1]).toBe(0);
  expect(r.report.unpacked).toBe(0);
  expect(r.report.corrupt).toEqual([]);
  expect(r.wrongPoints).toBe(0);
  expect(r.countsOk).toBe(true);
}, 120_000);
