/**
 * `node dist/scripts/reliability/fault-tsd.js <opentsdb.conf> '<FaultOptions JSON>'`: a TSD like
 * `tsdb tsd`, on a store wrapped in a FaultStore, for the reliability tests and the soak run.
 */
import { Config } from '../../src/config/config';
import { tableNames, tableSpecs } from '../../src/core/tables';
import { EmbeddedStore } from '../../src/storage/embedded/embedded-store';
import { Logger } from '../../src/logging/logger';
import { startDaemon } from '../../src/tsd/daemon';
import { openStore, TSDB } from '../../src/tsdb';
import { FaultStore, type FaultOptions } from './fault-store';

async function main(configFile: string, faults: Omit<FaultOptions, 'dataTable'>): Promise<void> {
  const config = Config.load(configFile);
  const logger = new Logger('tsd');
  const inner = await openStore(config);
  const embedded = inner instanceof EmbeddedStore;
  if (embedded) {
    // TSDB.open creates missing tables only on a store it knows to be embedded; this one is wrapped.
    const salt = { saltWidth: config.getInt('tsd.storage.salt.width'), saltBuckets: config.getInt('tsd.storage.salt.buckets') };
    for (const spec of tableSpecs(tableNames(config), salt)) if (!(await inner.tableExists(spec.name))) await inner.createTable(spec);
  }
  const store = new FaultStore(inner, { ...faults, dataTable: tableNames(config).data });
  const tsdb = await TSDB.open(config, logger, { store, writeMode: embedded ? 'log' : undefined });
  const daemon = await startDaemon(tsdb);
  process.on('SIGTERM', () => {
    void daemon.close().then(() => tsdb.shutdown()).then(() => process.exit(0));
  });
}

main(process.argv[2], JSON.parse(process.argv[3] ?? '{}') as Omit<FaultOptions, 'dataTable'>).catch((e: unknown) => {
  process.stderr.write(`fault-tsd: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
