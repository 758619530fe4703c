/**
 * `node dist/scripts/reliability/fault-tsd.js <opentsdb.conf> '<FaultOptions JSON>'`: a TSD like
 * `tsdb tsd`, on a store wrapped in a FaultStore, for the reliability tests and the soak run.
 */
import { Config } from '../../src/config/config';
import { Logger } from '../../src/logging/logger';
import { startDaemon } from '../../src/tsd/daemon';
import type { FaultOptions } from './fault-store';
import { openFaultTsdb } from './fault-tsdb';

async function main(configFile: string, faults: Omit<FaultOptions, 'dataTable'>): Promise<void> {
  const tsdb = await openFaultTsdb(Config.load(configFile), new Logger('tsd'), faults);
  const daemon = await startDaemon(tsdb);
  process.on('SIGTERM', () => {
    void daemon.close().then(() => tsdb.shutdown()).then(() => process.exit(0));
  });
}

main(process.argv[2], JSON.parse(process.argv[3] ?? '{}') as Omit<FaultOptions, 'dataTable'>).catch((e: unknown) => {
  process.stderr.write(`fault-tsd: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
