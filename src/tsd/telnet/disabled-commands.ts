/**
 * The replies OpenTSDB 2.4 gives in its default configuration for `rollup` (no rollups configured),
 * `histogram` (no histogram codecs) and `diediedie` (shuts the TSD down).
 */
import type { TelnetRpc } from './telnet-rpc';

export const rollupCommand: TelnetRpc = {
  availability: 'write',
  execute: (words, reply) => {
    if (words.length < 6) reply.line(`rollup: illegal argument: not enough arguments (need least 7, got ${words.length - 1})`);
    else reply.line('rollup: illegal argument: No rollup or aggregations were configured');
  },
};

export const histogramCommand: TelnetRpc = {
  availability: 'write',
  execute: (_words, reply) => {
    reply.line("histogram: illegal argument: Histogram storage has not been enabled. Check the 'tsd.core.histograms.config' configuration.");
  },
};

export function dieDieDieCommand(shutdown: () => void): TelnetRpc {
  return {
    availability: 'all',
    execute: (_words, reply) => {
      reply.line('Cleaning up and exiting now.');
      reply.close();
      shutdown();
    },
  };
}
