/** Crash during compaction, long: every crash point five times on each backend (issue 11, part 2). */
import type { CrashPoint } from '../../scripts/reliability/fault-store';
import { compactionCrash } from '../reliability/compaction-crash';
import { report } from './soak-report';

const POINTS: CrashPoint[] = ['before-pack-put', 'after-pack-put', 'after-pack-delete'];

test.each(['embedded', 'hbase'] as const)('%s: five kills at each step of packing, every point read once, rows repaired', async (backend) => {
  let runs = 0;
  for (let i = 0; i < 5; i++) {
    for (const crash of POINTS) {
      const r = await compactionCrash(backend, crash);
      expect({ crash, signal: r.faultSignal, wrong: r.wrongPoints, counts: r.countsOk, corrupt: r.report.corrupt, unpacked: r.report.unpacked })
        .toEqual({ crash, signal: 'SIGKILL', wrong: 0, counts: true, corrupt: [], unpacked: 0 });
      runs++;
    }
  }
  report(`compaction-crash-${backend}`, { runs });
});
