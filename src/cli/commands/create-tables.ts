/**
 * `tsdb create-tables` (ours): creates OpenTSDB's four tables from hbase-schema/tables.json through
 * the store's admin API, as hbase-schema/create_table.sh does through the HBase shell. It reads the
 * same environment (COMPRESSION, TSDB_TTL) unless --compression / --ttl are given; the salted data
 * table is pre-split by bucket. Tables that exist are left alone, so it can run on every deploy.
 */
import { Command } from 'commander';
import { tableNames, tableSpecs } from '../../core/tables';
import { openStore } from '../../tsdb';
import { CliExit } from '../cli-exit';
import { addCommonOptions, cliLogger, loadConfig, type CommonFlags } from '../common-options';

interface CreateTablesFlags extends CommonFlags {
  compression?: string;
  ttl?: string;
}

/** The codecs create_table.sh accepts without a warning. */
const KNOWN_COMPRESSION = ['NONE', 'LZO', 'GZIP', 'SNAPPY'];

/** TSDB_TTL: FOREVER (no TTL) or a number of seconds. */
export function parseTtl(text: string): number | undefined {
  const t = text.trim().toUpperCase();
  if (t === '' || t === 'FOREVER') return undefined;
  if (!/^\d+$/.test(t) || Number(t) <= 0 || !Number.isSafeInteger(Number(t))) {
    throw new CliExit(2, `Invalid usage.  --ttl must be FOREVER or a number of seconds > 0, not '${text}'`);
  }
  return Number(t);
}

export function createTablesCommand(): Command {
  const cmd = new Command('create-tables').description("Create OpenTSDB's tables (tsdb, tsdb-uid, tsdb-tree, tsdb-meta) in the store");
  addCommonOptions(cmd)
    .option('--compression <codec>', 'column family compression: NONE, LZO, GZIP, SNAPPY (default: $COMPRESSION or NONE)')
    .option('--ttl <seconds>', 'TTL of the data table in seconds, or FOREVER (default: $TSDB_TTL or FOREVER)')
    .action(async (flags: CreateTablesFlags) => {
      const config = loadConfig(flags);
      const logger = cliLogger(flags, 'create-tables');
      const compression = (flags.compression ?? process.env.COMPRESSION ?? 'NONE').toUpperCase();
      if (!KNOWN_COMPRESSION.includes(compression)) logger.warn(`compression codec '${compression}' might not be supported.`);
      const dataTtlSeconds = parseTtl(flags.ttl ?? process.env.TSDB_TTL ?? 'FOREVER');
      const specs = tableSpecs(tableNames(config), {
        compression,
        dataTtlSeconds,
        saltWidth: config.getInt('tsd.storage.salt.width', 0, 8),
        saltBuckets: config.getInt('tsd.storage.salt.buckets', 1),
      });
      const store = await openStore(config);
      try {
        for (const spec of specs) {
          if (await store.tableExists(spec.name)) {
            process.stdout.write(`Table '${spec.name}' exists, left as it is\n`);
            continue;
          }
          await store.createTable(spec);
          process.stdout.write(`Created table '${spec.name}'\n`);
        }
      } finally {
        await store.close();
      }
    });
  return cmd;
}
