/**
 * The options every `tsdb` subcommand shares (OpenTSDB's CliOptions) plus ours, and their mapping
 * onto configuration keys: a flag given on the command line overrides the config file.
 */
import type { Command } from 'commander';
import { Config } from '../config/config';
import { Logger } from '../logging/logger';

export interface CommonFlags {
  config?: string;
  zkquorum?: string;
  zkbasedir?: string;
  table?: string;
  uidtable?: string;
  backend?: string;
  dataDir?: string;
  verbose?: boolean;
}

export function addCommonOptions(cmd: Command): Command {
  return cmd
    .option('--config <path>', 'configuration file (default: ./opentsdb.conf, /etc/opentsdb.conf, ...)')
    .option('--zkquorum <spec>', 'ZooKeeper quorum of the HBase cluster (tsd.storage.hbase.zk_quorum)')
    .option('--zkbasedir <path>', 'HBase base znode (tsd.storage.hbase.zk_basedir)')
    .option('--table <name>', 'data table (tsd.storage.hbase.data_table)')
    .option('--uidtable <name>', 'UID table (tsd.storage.hbase.uid_table)')
    .option('--backend <name>', "storage backend: 'embedded' (default) or 'hbase' (tsd.storage.backend)")
    .option('--data-dir <path>', 'embedded store directory (tsd.storage.embedded.path, default ./data)')
    .option('-v, --verbose', 'log at DEBUG level');
}

const FLAG_KEYS: Record<keyof Omit<CommonFlags, 'config' | 'verbose'>, string> = {
  zkquorum: 'tsd.storage.hbase.zk_quorum',
  zkbasedir: 'tsd.storage.hbase.zk_basedir',
  table: 'tsd.storage.hbase.data_table',
  uidtable: 'tsd.storage.hbase.uid_table',
  backend: 'tsd.storage.backend',
  dataDir: 'tsd.storage.embedded.path',
};

/** Loads the config file and applies the common flags plus `extra` overrides. */
export function loadConfig(flags: CommonFlags, extra: Record<string, string> = {}): Config {
  const overrides: Record<string, string> = {};
  for (const [flag, key] of Object.entries(FLAG_KEYS)) {
    const v = flags[flag as keyof typeof FLAG_KEYS];
    if (v !== undefined) overrides[key] = v;
  }
  return Config.load(flags.config, { ...overrides, ...extra });
}

export function cliLogger(flags: CommonFlags, name = 'tsdb'): Logger {
  const logger = new Logger(name);
  logger.setLevel(flags.verbose ? 'DEBUG' : 'INFO');
  return logger;
}
