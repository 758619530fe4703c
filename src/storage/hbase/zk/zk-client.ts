/**
 * The smallest ZooKeeper client that serves HBase discovery: open a session, read znodes, close.
 * Jute wire format over 4-byte length-prefixed packets (ZooKeeper's ClientCnxn protocol); no
 * watches, no reconnection: a lookup opens a short session and closes it.
 */
import { Socket, connect } from 'node:net';
import { FrameDecoder } from '../rpc/frame-decoder';

const OP_GET_DATA = 4;
const OP_CLOSE = -11;
const ERR_NO_NODE = -101;
const MAX_PACKET = 4 * 1024 * 1024; // ZooKeeper's own jute.maxbuffer default is 1 MB

export class ZooKeeperError extends Error {
  override name = 'ZooKeeperError';
}

/** The znode does not exist (ZooKeeper error NONODE). */
export class NoNodeError extends ZooKeeperError {
  override name = 'NoNodeError';
  constructor(readonly path: string) {
    super(`Cannot read znode '${path}': it does not exist`);
  }
}

/** Parses "host1:port,host2" into addresses; the port defaults to 2181. */
export function parseQuorum(quorum: string): { host: string; port: number }[] {
  const out = quorum
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((spec) => {
      const i = spec.lastIndexOf(':');
      const host = i > 0 ? spec.slice(0, i) : spec;
      const port = i > 0 ? Number(spec.slice(i + 1)) : 2181;
      if (!Number.isInteger(port) || port <= 0 || port > 65535) {
        throw new RangeError(`Cannot use ZooKeeper address '${spec}': bad port`);
      }
      return { host, port };
    });
  if (out.length === 0) throw new RangeError(`Cannot use ZooKeeper quorum '${quorum}': no address`);
  return out;
}

function connectRequest(sessionTimeoutMs: number): Buffer {
  const b = Buffer.alloc(4 + 4 + 8 + 4 + 8 + 4 + 16 + 1);
  let o = 4;
  o = b.writeInt32BE(0, o); // protocol version
  o = b.writeBigInt64BE(0n, o); // last zxid seen
  o = b.writeInt32BE(sessionTimeoutMs, o);
  o = b.writeBigInt64BE(0n, o); // session id: new session
  o = b.writeInt32BE(16, o); // password length; 16 zero bytes follow
  b.writeUInt8(0, o + 16); // read-only: false
  b.writeUInt32BE(b.length - 4, 0);
  return b;
}

function getDataRequest(xid: number, path: string): Buffer {
  const p = Buffer.from(path, 'utf8');
  const b = Buffer.alloc(4 + 8 + 4 + p.length + 1);
  b.writeUInt32BE(b.length - 4, 0);
  b.writeInt32BE(xid, 4);
  b.writeInt32BE(OP_GET_DATA, 8);
  b.writeInt32BE(p.length, 12);
  p.copy(b, 16);
  b.writeUInt8(0, 16 + p.length); // no watch
  return b;
}

function closeRequest(xid: number): Buffer {
  const b = Buffer.alloc(12);
  b.writeUInt32BE(8, 0);
  b.writeInt32BE(xid, 4);
  b.writeInt32BE(OP_CLOSE, 8);
  return b;
}

/** Reads the data of a GetData reply packet; throws NoNodeError or ZooKeeperError. */
export function parseGetDataReply(packet: Buffer, path: string): Buffer {
  if (packet.length < 16) throw new ZooKeeperError(`Cannot parse a ZooKeeper reply of ${packet.length} bytes`);
  const err = packet.readInt32BE(12);
  if (err === ERR_NO_NODE) throw new NoNodeError(path);
  if (err !== 0) throw new ZooKeeperError(`Cannot read znode '${path}': ZooKeeper error ${err}`);
  const len = packet.readInt32BE(16);
  if (len < 0) return Buffer.alloc(0);
  if (20 + len > packet.length) throw new ZooKeeperError(`Cannot parse znode '${path}': data overruns the reply`);
  return Buffer.from(packet.subarray(20, 20 + len));
}

/** Opens a session on one server, reads `paths` in order, closes the session. */
function readOnServer(host: string, port: number, paths: readonly string[], timeoutMs: number): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host, port });
    const decoder = new FrameDecoder(MAX_PACKET);
    const results: Buffer[] = [];
    let connected = false;
    let settled = false;
    const finish = (err: Error | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners('data');
      if (err) {
        socket.destroy();
        reject(err);
      } else {
        socket.end(closeRequest(paths.length + 1));
        socket.destroy();
        resolve(results);
      }
    };
    const timer = setTimeout(() => finish(new ZooKeeperError(`No answer from ZooKeeper at ${host}:${port} within ${timeoutMs} ms`)), timeoutMs);
    socket.on('error', (e) => finish(new ZooKeeperError(`Cannot reach ZooKeeper at ${host}:${port}: ${e.message}`)));
    socket.on('close', () => finish(new ZooKeeperError(`ZooKeeper at ${host}:${port} closed the connection`)));
    socket.on('connect', () => socket.write(connectRequest(Math.max(timeoutMs, 6000))));
    socket.on('data', (chunk) => {
      try {
        for (const packet of decoder.push(chunk)) {
          if (!connected) {
            connected = true;
            if (paths.length === 0) return finish(null);
            socket.write(getDataRequest(1, paths[0]));
            continue;
          }
          results.push(parseGetDataReply(packet, paths[results.length]));
          if (results.length === paths.length) return finish(null);
          socket.write(getDataRequest(results.length + 1, paths[results.length]));
        }
      } catch (e) {
        finish(e as Error);
      }
    });
  });
}

/**
 * Reads znodes from the first server of the quorum that answers. NoNodeError is an answer (it is
 * not retried on the next server).
 */
export async function readZnodes(quorum: string, paths: readonly string[], timeoutMs: number): Promise<Buffer[]> {
  let last: Error = new ZooKeeperError(`Cannot reach ZooKeeper at '${quorum}'`);
  for (const { host, port } of parseQuorum(quorum)) {
    try {
      return await readOnServer(host, port, paths, timeoutMs);
    } catch (e) {
      if (e instanceof NoNodeError) throw e;
      last = e as Error;
    }
  }
  throw last;
}
