/**
 * The TSDB facade, one per process: wires configuration, the store and the layers built on it. Faces
 * (the daemon, the CLI) get everything from here; nothing here parses requests or formats answers.
 */
import type { Config } from './config/config';
import { tableNames, tableSpecs, type TableNames } from './core/tables';
import type { Logger } from './logging/logger';
import { EmbeddedStore } from './storage/embedded/embedded-store';
import type { Store } from './storage/store';

export class TsdbStartError extends Error {
  override name = 'TsdbStartError';
}

/** Opens the backend named by tsd.storage.backend. */
export async function openStore(config: Config): Promise<Store> {
  const backend = config.getString('tsd.storage.backend').trim().toLowerCase();
  if (backend === 'embedded') {
    return EmbeddedStore.open({
      path: config.getString('tsd.storage.embedded.path'),
      fsync: config.getBoolean('tsd.storage.embedded.fsync'),
    });
  }
  throw new TsdbStartError(
    `Cannot open the store: 'tsd.storage.backend' must be 'embedded' or 'hbase', current value is '${backend}'`,
  );
}

export class TSDB {
  readonly tables: TableNames;

  private constructor(
    readonly config: Config,
    readonly store: Store,
    readonly logger: Logger,
  ) {
    this.tables = tableNames(config);
  }

  /**
   * Opens the store and checks its tables. The embedded store creates missing tables (no setup);
   * on HBase, as OpenTSDB, the data and UID tables must exist.
   */
  static async open(config: Config, logger: Logger, store?: Store): Promise<TSDB> {
    const s = store ?? (await openStore(config));
    const tsdb = new TSDB(config, s, logger);
    await tsdb.#ensureTables(s instanceof EmbeddedStore);
    return tsdb;
  }

  async #ensureTables(create: boolean): Promise<void> {
    const specs = tableSpecs(this.tables, {
      saltWidth: this.config.getInt('tsd.storage.salt.width', 0, 8),
      saltBuckets: this.config.getInt('tsd.storage.salt.buckets', 1),
    });
    for (const spec of specs) {
      if (await this.store.tableExists(spec.name)) continue;
      if (create) {
        await this.store.createTable(spec);
        this.logger.info('Created table', { table: spec.name, store: this.store.description });
      } else if (spec.name === this.tables.data || spec.name === this.tables.uid) {
        throw new TsdbStartError(
          `Cannot start: table '${spec.name}' does not exist in ${this.store.description}; ` +
            `create the tables with 'tsdb create-tables' or hbase-schema/create_table.sh`,
        );
      }
    }
  }

  async shutdown(): Promise<void> {
    await this.store.flush();
    await this.store.close();
  }
}
