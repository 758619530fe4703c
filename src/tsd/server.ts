/**
 * The TSD's one listening port. Each connection's first byte decides its protocol for life, as
 * OpenTSDB's PipelineFactory.DetectHttpOrRpc does: 'A'..'Z' starts an HTTP method, so the connection
 * goes to the HTTP server; anything else is the telnet-style line protocol.
 */
import { createServer as createHttpServer, type RequestListener, type Server as HttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Logger } from '../logging/logger';

/** PipelineFactory.DetectHttpOrRpc: HTTP methods start with 'A'..'Z'; telnet commands never do. */
export const isHttpFirstByte = (b: number): boolean => b >= 0x41 && b <= 0x5a;

export interface ConnectionStats {
  open: number;
  total: number;
  rejected: number;
  telnet: number;
  http: number;
}

export interface TsdServerOptions {
  readonly http: RequestListener;
  readonly telnet: (socket: Socket) => void;
  readonly logger: Logger;
  /** tsd.core.connections.limit: 0 = unlimited; over the limit a connection is closed at once. */
  readonly maxConnections: number;
  /** tsd.core.socket.timeout in seconds: idle connections are closed; 0 = never. */
  readonly idleTimeoutSeconds: number;
}

export class TsdServer {
  readonly stats: ConnectionStats = { open: 0, total: 0, rejected: 0, telnet: 0, http: 0 };
  readonly #server: Server;
  readonly #http: HttpServer;
  readonly #sockets = new Set<Socket>();
  #lastRefusalLog = 0;
  #refusedSinceLog = 0;

  constructor(private readonly options: TsdServerOptions) {
    this.#http = createHttpServer({ requestTimeout: 0, keepAliveTimeout: 60_000 }, options.http);
    this.#server = createServer({ noDelay: true }, (socket) => this.#accept(socket));
  }

  #accept(socket: Socket): void {
    const o = this.options;
    this.stats.total++;
    if (o.maxConnections > 0 && this.stats.open >= o.maxConnections) {
      this.stats.rejected++;
      socket.destroy();
      this.#logRefusal();
      return;
    }
    this.stats.open++;
    this.#sockets.add(socket);
    socket.once('close', () => {
      this.stats.open--;
      this.#sockets.delete(socket);
    });
    socket.on('error', (e) => o.logger.debug('Connection error', { remote: socket.remoteAddress, error: e.message }));
    if (o.idleTimeoutSeconds > 0) {
      socket.setTimeout(o.idleTimeoutSeconds * 1000, () => socket.destroy());
    }
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      if (isHttpFirstByte(first[0])) {
        this.stats.http++;
        this.#http.emit('connection', socket);
      } else {
        this.stats.telnet++;
        o.telnet(socket);
      }
      socket.resume();
    });
  }

  /**
   * OpenTSDB logs every refused connection (ConnectionManager); under a flood of them, one line a
   * second with the count says the same without flooding the log.
   */
  #logRefusal(): void {
    this.#refusedSinceLog++;
    const now = Date.now();
    if (now - this.#lastRefusalLog < 1000) return;
    this.options.logger.warn(`Refusing connections: channel size exceeds total connection limit (${this.options.maxConnections})`, {
      refused: this.#refusedSinceLog,
    });
    this.#lastRefusalLog = now;
    this.#refusedSinceLog = 0;
  }

  listen(port: number, bind: string, backlog = 3072): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen({ port, host: bind, backlog }, () => {
        this.#server.off('error', reject);
        resolve(this.#server.address() as AddressInfo);
      });
    });
  }

  /** Stops accepting, closes every open connection, and resolves once the port is released. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    for (const s of this.#sockets) s.destroy();
    this.#http.closeAllConnections();
    await closed;
  }
}
