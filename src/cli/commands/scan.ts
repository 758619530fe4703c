/**
 * `tsdb scan [--import|--delete] START-DATE [END-DATE] <query> [queries...]` (DumpSeries): prints the
 * data-table rows a query reads — the same scans (salt buckets, row-key regex) as `tsdb query`, the
 * aggregator ignored — raw, or with --import in the format `tsdb import` reads; --delete deletes every
 * row printed (and implies --import). Rows go to stdout; progress and the summary to stderr.
 */
import { Command } from 'commander';
import { DATA_FAMILY } from '../../core/const';
import { scansFor } from '../../reader/span-reader';
import { usageExit } from '../cli-exit';
import { addCommonOptions, type CommonFlags } from '../common-options';
import { LineOutput } from '../line-output';
import { Progress, summaryLine } from '../progress';
import { parseCliQuery } from '../query/cli-query';
import { SeriesDump } from '../scan/series-dump';
import { withTsdb } from '../with-tsdb';

interface ScanFlags extends CommonFlags {
  import?: boolean;
  delete?: boolean;
}

const USAGE = `Usage: tsdb scan [--delete|--import] START-DATE [END-DATE] query [queries...]
Queries are written as for 'tsdb query' (the aggregator is not used). Rows are printed as they are
stored; --import prints them in the format of 'tsdb import' instead; --delete deletes every row it
prints (and implies --import).`;

export function scanCommand(): Command {
  const cmd = new Command('scan').description('Print (or delete) the stored rows of a query').usage('[options] START-DATE [END-DATE] <query> [queries...]');
  addCommonOptions(cmd)
    .option('--import', "print the rows in the format of 'tsdb import'")
    .option('--delete', 'delete the rows as they are scanned (implies --import)')
    .argument('[args...]')
    .addHelpText('after', `\n${USAGE}`)
    .action(async (args: string[], flags: ScanFlags) => {
      if (args.length < 3) throw usageExit('Not enough arguments.', USAGE);
      const deleting = flags.delete === true;
      const importFormat = deleting || flags.import === true;
      const query = parseCliQuery(args, { nowMs: Date.now(), defaultTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
      const out = new LineOutput();
      const progress = new Progress({ label: 'scan', unit: 'rows' });
      await withTsdb(flags, { name: 'scan', storeOpenRows: true }, async ({ tsdb }) => {
        const dump = new SeriesDump(tsdb);
        const batchSize = tsdb.config.getInt('tsd.storage.hbase.scanner.maxNumRows', 1);
        progress.start();
        for (let i = 0; i < query.queries.length && !out.closed; i++) {
          const { scans } = await scansFor(tsdb, query, i);
          for (const scan of scans) {
            const rows = tsdb.store.scan(tsdb.tables.data, { start: scan.start, stop: scan.stop, filter: scan.filter, families: [DATA_FAMILY], batchSize });
            for await (const batch of rows) {
              for (const row of batch) {
                for (const line of await dump.rowLines(row, importFormat)) await out.line(line);
                progress.add();
              }
              if (deleting) await tsdb.store.batch(batch.map((row) => ({ type: 'delete' as const, table: tsdb.tables.data, row: row.key })));
              if (out.closed) break;
            }
          }
        }
      });
      await out.flush();
      process.stderr.write(`${summaryLine(deleting ? 'scan --delete' : 'scan', 'rows', progress.finish())}\n`);
    });
  return cmd;
}
