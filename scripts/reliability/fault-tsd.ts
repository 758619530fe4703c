/**
 * `node dist/scripts/reliability/fault-tsd.js <opentsdb.conf> '<FaultOptions JSON>'`: a TSD like
 * `tsdb tsd`, on a store wrapped in a FaultStore, for the reliability tests and the soak run.
 */
import { Config } from '../../src/config/config';
import { Logger } from '../../src/logging/logger';
import { startDaemon } from '../../src/tsd/daemon';
import type { WriteMode } from '../../src/core/write/data-point-writer';
import type { FaultOptions } from './fault-store';

/** The faults, and optionally the write mode (`cells` on the embedded store stands in for HBase). */
type FaultArgs = Omit<FaultOptions, 'dataTable'> & { readonly writeMode?: WriteMode };
import { openFaultTsdb } from './fault-tsdb';

async function main(configFile: string, { writeMode, ...faults }: FaultArgs): Promise<void> {
  const tsdb = await openFaultTsdb(Config.load(configFile), new Logger('tsd'), faults, writeMode ? { writeMode } : {});
  const daemon = await startDaemon(tsdb);
  process.on('SIGTERM', () => {
    void daemon.close().then(() => tsdb.shutdown()).then(() => process.exit(0));
  });
}

main(process.argv[2], JSON.parse(process.argv[3] ?? '{}') as FaultArgs).catch((e: unknown) => {
  process.stderr.write(`fault-tsd: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
