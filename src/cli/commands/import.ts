/**
 * `tsdb import [--skip-errors] [--auto-metric] <path> [paths...]` (TextImporter): loads files of
 * `<metric> <timestamp> <value> <tagk=tagv>...` lines (plain, gzipped as *.gz, or stdin as `-`)
 * through the daemon's write path, and ends by packing every row. Unlike TextImporter, which stops
 * at the first bad line unless --skip-errors, a bad line is always reported with its file and line
 * number and the rest is imported; without --skip-errors the exit code is then 1.
 */
import { Command } from 'commander';
import { statSync } from 'node:fs';
import { CliExit, usageExit } from '../cli-exit';
import { addCommonOptions, type CommonFlags } from '../common-options';
import { Importer, type BadLine } from '../import/importer';
import { openLineSource } from '../import/line-reader';
import { Progress, summaryLine } from '../progress';
import { withTsdb } from '../with-tsdb';

interface ImportFlags extends CommonFlags {
  skipErrors?: boolean;
  autoMetric?: boolean;
}

const USAGE = 'Usage: tsdb import [--skip-errors] [--auto-metric] <path> [paths...]   (*.gz files are read gunzipped, - is stdin)';

/** Size of an input file for the progress bar (0 for stdin or a file that cannot be read). */
function fileSize(path: string): number {
  if (path === '-') return 0;
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export function importCommand(): Command {
  const cmd = new Command('import').description('Import data points from files in the telnet put format (without "put")').usage('[options] <path> [paths...]');
  addCommonOptions(cmd)
    .option('--skip-errors', 'exit 0 even when some lines could not be imported')
    .option('--auto-metric', 'create metrics on first use (tsd.core.auto_create_metrics)')
    .argument('[paths...]')
    .action(async (paths: string[], flags: ImportFlags) => {
      if (paths.length === 0) throw usageExit('Not enough arguments', USAGE);
      const overrides: Record<string, string> = flags.autoMetric ? { 'tsd.core.auto_create_metrics': 'true' } : {};
      const progress = new Progress({ label: 'import', unit: 'points' });
      let errors = 0;
      // ^C stops reading and still packs and stores what was imported; a second ^C quits at once.
      let interrupted = false;
      const onSigint = (): void => {
        if (interrupted) process.exit(130);
        interrupted = true;
      };
      process.on('SIGINT', onSigint);
      await withTsdb(flags, { name: 'import', overrides }, async ({ tsdb, config, logger }) => {
        const report = (b: BadLine): void => {
          progress.error();
          logger.error(`error while processing file ${b.path} line ${b.lineNo}: ${b.message}`, { line: b.line });
        };
        const importer = new Importer(tsdb, config.getBoolean('tsd.core.bulk.allow_out_of_order_timestamps'), report);
        progress.start();
        // One bar for all files: bytes of the files done plus bytes read of the current one.
        const sizes = paths.map(fileSize);
        const total = sizes.reduce((a, b) => a + b, 0);
        let doneBytes = 0;
        for (const [i, path] of paths.entries()) {
          if (interrupted) break;
          const before = importer.points;
          const started = Date.now();
          try {
            const source = openLineSource(path);
            logger.info(`reading from file:${path}`);
            for await (const batch of source.batches()) {
              if (interrupted) break;
              await importer.importBatch(path, batch);
              progress.count = importer.points;
              progress.position(doneBytes + source.bytesRead(), total);
            }
            doneBytes += sizes[i];
          } catch (e) {
            doneBytes += sizes[i];
            progress.error();
            importer.errors++;
            logger.error(`Exception caught while processing file ${path}`, { error: (e as Error).message });
            continue;
          }
          const ms = Math.max(1, Date.now() - started);
          const n = importer.points - before;
          logger.info(`Processed ${path} in ${ms} ms, ${n} data points (${((n * 1000) / ms).toFixed(1)} points/s)`);
        }
        errors = importer.errors;
        progress.count = importer.points;
        if (interrupted) logger.warn('Interrupted: the points imported so far are stored');
      }).finally(() => process.off('SIGINT', onSigint));
      // Timed after shutdown: every point is then packed into its row and durable.
      const summary = progress.finish();
      process.stdout.write(`${summaryLine('import', 'points', summary)}\n`);
      if (interrupted) throw new CliExit(130);
      if (errors > 0 && !flags.skipErrors) throw new CliExit(1);
    });
  return cmd;
}
