/**
 * Opens the TSDB for a tool, as OpenTSDB's tools build their TSDB from CliOptions.getConfig, and
 * always shuts it down (packing every row the tool wrote and closing the store), even on failure.
 * The embedded store belongs to one process: while a TSD runs on it, tools get StoreLockedError
 * and its message says so.
 */
import type { Config } from '../config/config';
import type { Logger } from '../logging/logger';
import { TSDB } from '../tsdb';
import { cliLogger, loadConfig, type CommonFlags } from './common-options';

export interface ToolContext {
  readonly tsdb: TSDB;
  readonly config: Config;
  readonly logger: Logger;
}

export interface ToolOptions {
  /** Config overrides from the tool's own flags. */
  readonly overrides?: Record<string, string>;
  /** The logger's name (the tool's name). */
  readonly name: string;
  /** Log level without --verbose: OpenTSDB raises tools that take --verbose to WARN. */
  readonly quiet?: boolean;
  /**
   * Store the points replayed from the embedded store's write-ahead log before running, for tools
   * that read the stored cells themselves (scan, fsck) rather than through the query path.
   */
  readonly storeOpenRows?: boolean;
}

export async function withTsdb<T>(flags: CommonFlags, options: ToolOptions, run: (ctx: ToolContext) => Promise<T>): Promise<T> {
  const config = loadConfig(flags, options.overrides ?? {});
  const logger = cliLogger(flags, options.name);
  if (options.quiet && !flags.verbose) logger.setLevel('WARN');
  const tsdb = await TSDB.open(config, logger);
  let result: T;
  try {
    if (options.storeOpenRows && tsdb.openRows.size > 0) await tsdb.compactor.runOnce(true);
    result = await run({ tsdb, config, logger });
  } catch (e) {
    await tsdb.shutdown().catch((err: unknown) => logger.error('Cannot shut down cleanly', { error: (err as Error).message }));
    throw e;
  }
  await tsdb.shutdown();
  return result;
}
