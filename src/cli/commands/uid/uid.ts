/**
 * `tsdb uid` (UidManager): looks up, lists, assigns, renames and deletes UIDs, checks the UID table,
 * and maintains meta data. Exit codes as OpenTSDB's: 0 ok, 1 not found, 2 usage, 3 storage error.
 */
import { Command } from 'commander';
import { CliExit, usageExit } from '../../cli-exit';
import { addCommonOptions, type CommonFlags } from '../../common-options';
import { LineOutput } from '../../line-output';
import { withTsdb } from '../../with-tsdb';
import type { UidContext } from './uid-context';
import { uidAssign } from './uid-assign';
import { uidDelete } from './uid-delete';
import { uidFsck } from './uid-fsck';
import { uidGrep } from './uid-grep';
import { uidLookup } from './uid-lookup';
import { uidMetaPurge } from './uid-metapurge';
import { uidMetaSync } from './uid-metasync';
import { uidRename } from './uid-rename';

interface UidFlags extends CommonFlags {
  idwidth?: string;
  ignoreCase?: boolean;
}

export const UID_USAGE = `Usage: tsdb uid <subcommand> args
Subcommands:
  grep [kind] <regex>             list mappings whose name matches the regular expression
  assign <kind> <name> [names]    give each name a UID (a name that has one keeps it)
  rename <kind> <name> <newname>  give a UID a new name
  delete <kind> <name>            delete a name's mappings (its data stays)
  fsck [fix] [delete_unknown]     check that forward and reverse mappings agree
                                    fix: repair what can be repaired (default: only report)
                                    delete_unknown: with fix, remove cells of unknown qualifiers
  [kind] <name>                   look up the UID of a name
  [kind] <ID>                     look up the name of a UID
  metasync                        create or correct UID and time series meta data from the data
  metapurge                       delete all UID and time series meta data
kind is one of: metrics, tagk (tag names), tagv (tag values).`;

const wrongCount = (): CliExit => usageExit('Wrong number of arguments', UID_USAGE);

/** Runs one subcommand; storage failures of the meta jobs are exit code 3, as in UidManager. */
async function dispatch(ctx: UidContext, args: readonly string[]): Promise<number> {
  const n = args.length;
  switch (args[0]) {
    case 'grep':
      if (n < 2 || n > 3) throw wrongCount();
      return uidGrep(ctx, args);
    case 'assign':
      if (n < 3) throw wrongCount();
      return uidAssign(ctx, args[1], args.slice(2));
    case 'rename':
      if (n !== 4) throw wrongCount();
      return uidRename(ctx, args[1], args[2], args[3]);
    case 'delete':
      if (n !== 3) throw wrongCount();
      return uidDelete(ctx, args[1], args[2]);
    case 'fsck':
      return uidFsck(ctx, args.slice(1));
    case 'metasync':
    case 'metapurge':
      try {
        return await (args[0] === 'metasync' ? uidMetaSync(ctx) : uidMetaPurge(ctx));
      } catch (e) {
        ctx.logger.error('Unexpected exception', { error: (e as Error).message });
        return 3;
      }
    case 'treesync':
    case 'treepurge':
      ctx.logger.error(`'${args[0]}' is not supported: tsd-ts has no tree processing`);
      return 1;
    default:
      if (n > 2) throw wrongCount();
      return uidLookup(ctx, args);
  }
}

/** Parses --idwidth as UidManager does (a positive short). */
function idWidth(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n)) throw usageExit(`Invalid usage.  --idwidth must be a number, not '${text}'`, UID_USAGE);
  if (n <= 0) throw new CliExit(3, `Negative or 0 --idwidth\n${UID_USAGE}`);
  if (n > 8) throw usageExit(`Invalid usage.  --idwidth must be at most 8, not ${n}`, UID_USAGE);
  return n;
}

/** Runs `uid <args>` with the given flags; also the body of `mkmetric`. */
export async function runUid(args: readonly string[], flags: UidFlags): Promise<void> {
  if (args.length < 1) throw usageExit('Not enough arguments', UID_USAGE);
  const idwidth = idWidth(flags.idwidth);
  const out = new LineOutput();
  const code = await withTsdb(flags, { name: 'uid', quiet: true }, (tool) =>
    dispatch({ ...tool, out, idwidth, ignoreCase: flags.ignoreCase === true }, args),
  );
  await out.flush();
  if (code !== 0) throw new CliExit(code);
}

export function uidCommand(): Command {
  const cmd = new Command('uid').description('Look up, assign, rename, delete and check UIDs; sync or purge meta data').usage('[options] <subcommand> [args...]');
  addCommonOptions(cmd)
    .option('--idwidth <N>', 'bytes of a UID (default: the configured width, 3)')
    .option('-i, --ignore-case', 'grep: ignore case distinctions')
    .argument('[args...]')
    .addHelpText('after', `\n${UID_USAGE}`)
    .action((args: string[], flags: UidFlags) => runUid(args, flags));
  return cmd;
}
