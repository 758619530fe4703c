/** The telnet commands that need no storage: version, help, exit, and the replies of disabled features. */
import { versionLines } from '../../version';
import type { TelnetRpc } from './telnet-rpc';

export const versionCommand: TelnetRpc = {
  availability: 'all',
  execute: (_words, reply) => {
    for (const l of versionLines()) reply.line(l);
  },
};

export const exitCommand: TelnetRpc = {
  availability: 'all',
  execute: (_words, reply) => reply.close(),
};

/** RpcManager.Help: every registered name followed by a space, in registration order. */
export function helpCommand(names: () => readonly string[]): TelnetRpc {
  return {
    availability: 'all',
    execute: (_words, reply) => {
      reply.line(`available commands: ${names().map((n) => `${n} `).join('')}`);
    },
  };
}
