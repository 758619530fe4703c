/**
 * `tsdb fsck [--full-scan] [--fix|--fix-all] [--compact] [--resolve-duplicates [--last-write-wins]]
 * [--delete-orphans] [--delete-unknown-columns] [--delete-bad-values] [--delete-bad-rows]
 * [--delete-bad-compacts] [START [END] query...]` (Fsck): checks the data table, row by row, and with
 * --fix repairs what the other flags allow. Details go to the log; the closing report (OpenTSDB's
 * lines: `Key Values Processed: …`) to stdout. Exit 0 when no error was found, 1 otherwise.
 */
import { Command } from 'commander';
import { cpus } from 'node:os';
import { DATA_FAMILY } from '../../core/const';
import type { ScanOptions } from '../../storage/store';
import { scansFor } from '../../reader/span-reader';
import { CliExit } from '../cli-exit';
import { addCommonOptions, type CommonFlags } from '../common-options';
import { FsckCounters } from '../fsck/fsck-counters';
import type { FsckOptions } from '../fsck/fsck-options';
import { FsckRowChecker } from '../fsck/fsck-row';
import { Progress, summaryLine } from '../progress';
import { parseCliQuery } from '../query/cli-query';
import { withTsdb } from '../with-tsdb';

interface FsckFlags extends CommonFlags {
  fullScan?: boolean;
  fix?: boolean;
  fixAll?: boolean;
  compact?: boolean;
  resolveDuplicates?: boolean;
  lastWriteWins?: boolean;
  deleteOrphans?: boolean;
  deleteUnknownColumns?: boolean;
  deleteBadValues?: boolean;
  deleteBadRows?: boolean;
  deleteBadCompacts?: boolean;
  threads?: string;
  sync?: boolean;
}

const USAGE = `Usage: tsdb fsck [flags] [START-DATE [END-DATE] query [queries...]]
Checks the data table for errors: the whole table with --full-scan, or the rows a query reads
(query syntax as 'tsdb query'). --fix and --fix-all repair what the other flags allow; use them
with care.`;

/** FsckOptions: --fix-all sets every repair; tsd.storage.fix_duplicates implies --last-write-wins. */
export function fsckOptions(f: FsckFlags, fixDuplicatesConfig: boolean): FsckOptions {
  const all = f.fixAll === true;
  const on = (v: boolean | undefined): boolean => v === true || all;
  return {
    fix: on(f.fix),
    compact: on(f.compact),
    resolveDupes: on(f.resolveDuplicates),
    lastWriteWins: f.lastWriteWins === true || fixDuplicatesConfig,
    deleteOrphans: on(f.deleteOrphans),
    deleteUnknownColumns: on(f.deleteUnknownColumns),
    deleteBadValues: on(f.deleteBadValues),
    deleteBadRows: on(f.deleteBadRows),
    deleteBadCompacts: on(f.deleteBadCompacts),
  };
}

function checkThreads(text: string | undefined): void {
  if (text === undefined) return;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new CliExit(1, 'Must have at least one thread');
  if (n > cpus().length * 4) throw new CliExit(1, 'Not allowed to run more than 4 threads per core');
}

export function fsckCommand(): Command {
  const cmd = new Command('fsck').description('Check the data table for errors and optionally repair them').usage('[options] [START-DATE [END-DATE] query [queries...]]');
  addCommonOptions(cmd)
    .option('--full-scan', 'scan the entire data table')
    .option('--fix', 'fix errors as they are found (with the flags below)')
    .option('--fix-all', 'set every repair flag and fix errors as they are found')
    .option('--compact', 'rewrite each checked row as one compacted cell')
    .option('--resolve-duplicates', 'keep one of the points sharing a timestamp: the oldest, or see --last-write-wins')
    .option('--last-write-wins', 'keep the last written of duplicates (also tsd.storage.fix_duplicates)')
    .option('--delete-orphans', 'delete rows whose metric or tag UIDs have no name')
    .option('--delete-unknown-columns', 'delete cells that are no OpenTSDB object')
    .option('--delete-bad-values', 'delete single cells whose value cannot be read')
    .option('--delete-bad-rows', 'delete rows whose key is not a series key')
    .option('--delete-bad-compacts', 'delete compacted cells that cannot be split')
    .option('--threads <N>', 'accepted for compatibility (one scan at a time)')
    .option('--sync', 'accepted for compatibility (every fix is waited for)')
    .argument('[query...]')
    .addHelpText('after', `\n${USAGE}`)
    .action(async (query: string[], flags: FsckFlags) => {
      checkThreads(flags.threads);
      if (query.length === 0 && !flags.fullScan) throw new CliExit(1, `Must supply a query or use the '--full-scan' flag\n${USAGE}`);
      const parsed = query.length > 0 ? parseCliQuery(query, { nowMs: Date.now(), defaultTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }) : null;
      const counters = new FsckCounters();
      const progress = new Progress({ label: 'fsck', unit: 'rows' });
      await withTsdb(flags, { name: 'fsck', storeOpenRows: true }, async ({ tsdb, config, logger }) => {
        const options = fsckOptions(flags, config.getBoolean('tsd.storage.fix_duplicates'));
        const checker = new FsckRowChecker(tsdb, options, counters, logger);
        const scans: ScanOptions[] = [];
        if (parsed) {
          // The scans a query reads (one per salt bucket, with its row-key regex), query after query.
          for (let i = 0; i < parsed.queries.length; i++) {
            for (const s of (await scansFor(tsdb, parsed, i)).scans) scans.push({ start: s.start, stop: s.stop, filter: s.filter, families: [DATA_FAMILY], batchSize: 1024 });
          }
        } else {
          logger.info('Starting full table scan');
          scans.push({ families: [DATA_FAMILY], batchSize: 1024 });
        }
        progress.start();
        for (const scan of scans) {
          // Fsck counts a row when the next one starts, and the scan's last row only if it held points.
          let pending = false;
          let lastHadPoints = false;
          for await (const batch of tsdb.store.scan(tsdb.tables.data, scan)) {
            for (const row of batch) {
              if (pending) counters.rowsProcessed++;
              pending = true;
              lastHadPoints = await checker.check(row);
              progress.add();
            }
            progress.errors = counters.totalErrors();
          }
          if (pending && lastHadPoints) counters.rowsProcessed++;
        }
      });
      const summary = progress.finish();
      for (const line of counters.reportLines()) process.stdout.write(`${line}\n`);
      process.stdout.write(`${summaryLine('fsck', 'rows', { ...summary, errors: counters.totalErrors() })}\n`);
      if (counters.totalErrors() > 0) throw new CliExit(1);
    });
  return cmd;
}
