/** `tsdb mkmetric <name> [names...]`: OpenTSDB's launcher turns it into `uid assign metrics <names>`. */
import { Command } from 'commander';
import { usageExit } from '../cli-exit';
import { addCommonOptions, type CommonFlags } from '../common-options';
import { runUid, UID_USAGE } from './uid/uid';

export function mkmetricCommand(): Command {
  const cmd = new Command('mkmetric').description('Assign UIDs to metric names (uid assign metrics)').usage('[options] <name> [names...]');
  addCommonOptions(cmd)
    .argument('[names...]')
    .action(async (names: string[], flags: CommonFlags) => {
      if (names.length === 0) throw usageExit('Wrong number of arguments', UID_USAGE);
      await runUid(['assign', 'metrics', ...names], flags);
    });
  return cmd;
}
