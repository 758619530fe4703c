/**
 * One TCP connection to an HBase server for one service: it owns the socket, numbers calls, lets
 * many calls fly at once (answers may come back in any order), times each call out, and fails every
 * call in flight at once when the socket drops. It moves bytes only: calls encode and decode
 * themselves (calls/).
 */
import { Socket, connect } from 'node:net';
import { FrameDecoder } from './frame-decoder';
import { CallTimeoutError, HBaseError, ServerDeadError, classifyRemoteException, remoteMessage } from './hbase-errors';
import { type HBaseService, decodeResponse, encodeConnectionStart, encodeRequest } from './rpc-codec';

export interface RpcConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly service: HBaseService;
  readonly user: string;
  readonly connectTimeoutMs: number;
  /** Largest response frame accepted; a larger one closes the connection. */
  readonly maxFrameBytes: number;
}

export interface RpcReply {
  readonly body: Buffer;
  readonly cellBlock?: Buffer;
}

interface Pending {
  resolve(reply: RpcReply): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

const FATAL_CALL_IDS = new Set([-1, 0xffffffff]);

export class RpcConnection {
  readonly #socket: Socket;
  readonly #decoder: FrameDecoder;
  readonly #pending = new Map<number, Pending>();
  #nextCallId = 0;
  #closedBy: Error | undefined;
  readonly #closeListeners: ((err: Error) => void)[] = [];

  private constructor(socket: Socket, readonly address: string, maxFrameBytes: number) {
    this.#socket = socket;
    this.#decoder = new FrameDecoder(maxFrameBytes);
    socket.on('data', (chunk) => this.#onData(chunk));
    socket.on('error', (err) => this.#fail(new ServerDeadError(`Connection to ${address} failed: ${err.message}`)));
    socket.on('close', () => this.#fail(new ServerDeadError(`Connection to ${address} closed`)));
  }

  /** Connects and sends the preamble and ConnectionHeader (SIMPLE auth: the server sends no reply). */
  static connect(opts: RpcConnectionOptions): Promise<RpcConnection> {
    const address = `${opts.host}:${opts.port}`;
    return new Promise((resolve, reject) => {
      const socket = connect({ host: opts.host, port: opts.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new ServerDeadError(`Cannot connect to ${address}: no answer within ${opts.connectTimeoutMs} ms`));
      }, opts.connectTimeoutMs);
      const onError = (err: Error): void => {
        clearTimeout(timer);
        reject(new ServerDeadError(`Cannot connect to ${address}: ${err.message}`));
      };
      socket.once('error', onError);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', onError);
        socket.setNoDelay(true);
        socket.setKeepAlive(true, 30_000);
        socket.write(encodeConnectionStart(opts.service, opts.user));
        resolve(new RpcConnection(socket, address, opts.maxFrameBytes));
      });
    });
  }

  get closed(): boolean {
    return this.#closedBy !== undefined;
  }

  /** Number of calls waiting for an answer. */
  get inFlight(): number {
    return this.#pending.size;
  }

  /** Registers a callback for when the connection dies (once, with the reason). */
  onClose(listener: (err: Error) => void): void {
    if (this.#closedBy) listener(this.#closedBy);
    else this.#closeListeners.push(listener);
  }

  /**
   * Sends one call and resolves with the response message bytes; rejects with a classified
   * HBaseError for a remote exception, a CallTimeoutError, or a ServerDeadError.
   */
  call(method: string, param: Uint8Array, timeoutMs: number): Promise<RpcReply> {
    if (this.#closedBy) return Promise.reject(new ServerDeadError(this.#closedBy.message));
    const callId = this.#nextCallId;
    this.#nextCallId = (this.#nextCallId + 1) & 0x7fffffff;
    return new Promise<RpcReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(callId);
        reject(new CallTimeoutError(`${method} call ${callId} to ${this.address} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(callId, { resolve, reject, timer });
      this.#socket.write(encodeRequest(callId, method, param, { timeoutMs }));
    });
  }

  /** Closes the socket; calls in flight fail with a ServerDeadError. */
  close(): void {
    this.#fail(new ServerDeadError(`Connection to ${this.address} closed by the client`));
  }

  #onData(chunk: Buffer): void {
    try {
      for (const frame of this.#decoder.push(chunk)) this.#onFrame(frame);
    } catch (err) {
      // A frame we cannot parse means we lost the stream's framing: nothing after it can be trusted.
      this.#fail(new ServerDeadError(`Bad response from ${this.address}: ${(err as Error).message}`));
    }
  }

  #onFrame(frame: Buffer): void {
    const res = decodeResponse(frame);
    if (FATAL_CALL_IDS.has(res.callId)) {
      const cls = res.exception?.exception_class_name ?? 'unknown';
      throw new Error(`the server refused the connection (${cls})`);
    }
    const pending = this.#pending.get(res.callId);
    if (!pending) return; // the call already timed out
    this.#pending.delete(res.callId);
    clearTimeout(pending.timer);
    if (res.exception) {
      const cls = res.exception.exception_class_name;
      pending.reject(classifyRemoteException(cls, remoteMessage(cls, res.exception.stack_trace ?? '')));
    } else {
      pending.resolve({ body: res.body ?? Buffer.alloc(0), cellBlock: res.cellBlock });
    }
  }

  #fail(err: HBaseError): void {
    if (this.#closedBy) return;
    this.#closedBy = err;
    this.#socket.destroy();
    for (const [id, p] of this.#pending) {
      clearTimeout(p.timer);
      p.reject(err);
      this.#pending.delete(id);
    }
    for (const l of this.#closeListeners.splice(0)) l(err);
  }
}
