/**
 * Assembles the daemon from a TSDB: the HTTP routes and telnet commands of this build, the express
 * app, and the one-port server. `startDaemon` resolves once it listens.
 */
import type { AddressInfo } from 'node:net';
import type { TSDB } from '../tsdb';
import { createHttpApp } from './http/http-app';
import type { HttpRoutes, HttpRpc } from './http/http-rpc';
import { versionRpc } from './http/version-rpc';
import { TsdServer } from './server';
import { exitCommand, helpCommand, versionCommand } from './telnet/basic-commands';
import { serveTelnet } from './telnet/telnet-connection';
import type { TelnetRpc } from './telnet/telnet-rpc';

export interface Daemon {
  readonly address: AddressInfo;
  readonly server: TsdServer;
  close(): Promise<void>;
}

function telnetCommands(): Map<string, TelnetRpc> {
  // Registration order is what `help` prints (RpcManager.initializeBuiltinRpcs).
  const commands = new Map<string, TelnetRpc>();
  commands.set('version', versionCommand);
  commands.set('exit', exitCommand);
  commands.set('help', helpCommand(() => [...commands.keys()]));
  return commands;
}

function httpRoutes(): HttpRoutes {
  const api = new Map<string, HttpRpc>([['version', versionRpc]]);
  const legacy = new Map<string, HttpRpc>([['version', versionRpc]]);
  return { api, legacy };
}

export async function startDaemon(tsdb: TSDB): Promise<Daemon> {
  const config = tsdb.config;
  const logger = tsdb.logger.child('tsd');
  const mode = config.getString('tsd.mode');
  const commands = telnetCommands();
  const app = createHttpApp({
    routes: httpRoutes(),
    mode,
    maxBodyBytes: config.getInt('tsd.http.request.max_body_size', 1),
    showStackTrace: config.getBoolean('tsd.http.show_stack_trace'),
    logger,
  });
  const server = new TsdServer({
    http: app,
    telnet: (socket) =>
      serveTelnet(socket, { commands, mode, maxLineLength: config.getInt('tsd.network.telnet.max_line_length', 64), logger }),
    logger,
    maxConnections: config.getInt('tsd.core.connections.limit', 0),
    idleTimeoutSeconds: config.getInt('tsd.core.socket.timeout', 0),
  });
  const address = await server.listen(
    config.getInt('tsd.network.port', 0, 65535),
    config.getString('tsd.network.bind'),
    config.getInt('tsd.network.backlog', 1),
  );
  logger.info(`Ready to serve on ${address.address}:${address.port}`, { store: tsdb.store.description });
  return { address, server, close: () => server.close() };
}
