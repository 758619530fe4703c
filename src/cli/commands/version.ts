/** `tsdb version`: the same two lines as telnet `version`. */
import { Command } from 'commander';
import { versionLines } from '../../version';

export function versionCommand(): Command {
  return new Command('version').description('Print the version').action(() => {
    process.stdout.write(versionLines().join('\n') + '\n');
  });
}
