/**
 * `tsdb query [+plotparam=value...] START [END] <query> [queries...]` (CliQuery): runs each query
 * through the same reader and engine as /api/query and prints one line per data point,
 *
 *   <metric> <timestamp ms> <value> {<tagk>=<tagv>, ...}
 *
 * integers as is, other values as Java's `%f` (six decimals), the tags those the group's series share.
 * Without OpenTSDB's limits: this is the operator's own tool. `--graph` (Gnuplot files) is not supported.
 */
import { Command } from 'commander';
import { runQuery } from '../../reader/query-runner';
import { CliExit, usageExit } from '../cli-exit';
import { addCommonOptions, type CommonFlags } from '../common-options';
import { LineOutput } from '../line-output';
import { parseCliQuery } from '../query/cli-query';
import { javaFormatF } from '../query/java-format';
import { withTsdb } from '../with-tsdb';

interface QueryFlags extends CommonFlags {
  graph?: string;
}

export const QUERY_USAGE = `Usage: tsdb query [+gnuplot-option=value...] START-DATE [END-DATE] <query> [queries...]
A query has the form:
  FUNC [rate] [counter,max,reset] [downsample N FUNC] SERIES [TAGS]
for example:
  2010/03/11-20:57 sum my.awsum.metric host=blah sum some.other.metric host=blah state=foo
Dates: YYYY/MM/DD-HH:MM[:SS], a Unix epoch, or relative such as 1h-ago, 2d-ago.`;

export function queryCommand(): Command {
  const cmd = new Command('query').description('Query data points and print them, one per line').usage('[options] START-DATE [END-DATE] <query> [queries...]');
  addCommonOptions(cmd)
    .option('--graph <basepath>', 'write Gnuplot files (not supported by tsd-ts)')
    .argument('[args...]')
    .allowUnknownOption(false)
    .addHelpText('after', `\n${QUERY_USAGE}`)
    .action(async (args: string[], flags: QueryFlags) => {
      if (flags.graph !== undefined) throw new CliExit(1, 'tsdb query: --graph (Gnuplot output) is not supported by tsd-ts');
      if (args.length < 3) throw usageExit('Not enough arguments.', QUERY_USAGE);
      const query = parseCliQuery(args, { nowMs: Date.now(), defaultTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
      const out = new LineOutput();
      await withTsdb(flags, { name: 'query', quiet: true }, async ({ tsdb }) => {
        const outcome = await runQuery(tsdb, query, undefined, { timeoutMs: 0, maxPoints: 0, maxSeries: 0 });
        for (const result of outcome.results) {
          for (const g of result.groups) {
            const tags = `{${g.tags.map(([k, v]) => `${k}=${v}`).join(', ')}}`;
            for (let i = 0; i < g.size; i++) {
              const value = g.isInteger[i] ? String(g.bigValues?.get(i) ?? g.values[i]) : javaFormatF(g.values[i]);
              await out.line(`${g.metric} ${g.timestamps[i]} ${value} ${tags}`);
              if (out.closed) return;
            }
          }
        }
      });
      await out.flush();
    });
  return cmd;
}
