/**
 * The `tsdb` command line: OpenTSDB's subcommands with their options and output formats. Exit codes
 * follow OpenTSDB: 0 ok, 1 error or not found, 2 usage.
 */
import { Command, CommanderError } from 'commander';
import { CliExit } from './cli-exit';
import { createTablesCommand } from './commands/create-tables';
import { fsckCommand } from './commands/fsck';
import { importCommand } from './commands/import';
import { mkmetricCommand } from './commands/mkmetric';
import { queryCommand } from './commands/query';
import { scanCommand } from './commands/scan';
import { tsdCommand } from './commands/tsd';
import { uidCommand } from './commands/uid/uid';
import { versionCommand } from './commands/version';

// OpenTSDB's order (fsck, import, mkmetric, query, tsd, scan, search, uid, version), then ours.
const COMMANDS = [fsckCommand, importCommand, mkmetricCommand, queryCommand, tsdCommand, scanCommand, uidCommand, versionCommand, createTablesCommand];

export function buildProgram(): Command {
  const program = new Command('tsdb').usage('<command> [args]').description('tsd-ts: an OpenTSDB-compatible time series daemon');
  program.exitOverride();
  for (const make of COMMANDS) program.addCommand(make().exitOverride());
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const names = program.commands.map((c) => c.name());
  if (argv.length === 0) {
    process.stderr.write(`usage: tsdb <command> [args]\nValid commands: ${names.join(', ')}\n`);
    return 1;
  }
  if (!argv[0].startsWith('-') && !names.includes(argv[0])) {
    process.stderr.write(`tsdb: error: unknown command '${argv[0]}'\nusage: tsdb <command> [args]\nValid commands: ${names.join(', ')}\n`);
    return 1;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof CliExit) {
      if (e.message) process.stderr.write(`${e.message}\n`);
      return e.code;
    }
    process.stderr.write(`tsdb: ${(e as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== 0) process.exit(code);
    },
    (e: unknown) => {
      process.stderr.write(`tsdb: ${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}
