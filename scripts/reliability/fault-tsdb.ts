/** Opens a TSDB whose store is wrapped in a FaultStore, as `tsdb tsd` would open it otherwise. */
import type { Config } from '../../src/config/config';
import { tableNames, tableSpecs } from '../../src/core/tables';
import type { Logger } from '../../src/logging/logger';
import { EmbeddedStore } from '../../src/storage/embedded/embedded-store';
import { openStore, TSDB, type TsdbOptions } from '../../src/tsdb';
import { FaultStore, type FaultOptions } from './fault-store';

export async function openFaultTsdb(config: Config, logger: Logger, faults: Omit<FaultOptions, 'dataTable'>, options: TsdbOptions = {}): Promise<TSDB> {
  const inner = await openStore(config);
  const embedded = inner instanceof EmbeddedStore;
  if (embedded) {
    // TSDB.open creates missing tables only on a store it knows to be embedded; this one is wrapped.
    const salt = { saltWidth: config.getInt('tsd.storage.salt.width'), saltBuckets: config.getInt('tsd.storage.salt.buckets') };
    for (const spec of tableSpecs(tableNames(config), salt)) if (!(await inner.tableExists(spec.name))) await inner.createTable(spec);
  }
  const store = new FaultStore(inner, { ...faults, dataTable: tableNames(config).data });
  return TSDB.open(config, logger, { writeMode: embedded ? 'log' : undefined, ...options, store });
}
