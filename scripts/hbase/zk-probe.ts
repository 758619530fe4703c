import { connect } from 'node:net';

/**
 * A minimal one-shot ZooKeeper client for the harness's readiness check: opens a session,
 * asks `exists(path)` and closes. Speaks just enough of ZooKeeper's jute framing (4-byte length
 * prefix, ConnectRequest, then RequestHeader{xid,type} + ExistsRequest{path,watch}).
 */
export function zkExists(host: string, port: number, path: string, timeoutMs = 3000): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let buffered = Buffer.alloc(0);
    let stage: 'connect' | 'exists' = 'connect';
    let settled = false;
    const settle = (err: Error | undefined, exists = false): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (err === undefined) resolve(exists);
      else reject(err);
    };
    socket.setTimeout(timeoutMs, () => settle(new Error(`ZooKeeper at ${host}:${port} did not answer`)));
    socket.once('error', (err) => settle(err));
    // A server still starting accepts and then drops connections: that is a "no", not a hang.
    socket.once('close', () => settle(new Error(`ZooKeeper at ${host}:${port} closed the connection`)));
    socket.once('connect', () => socket.write(frame(connectRequest(timeoutMs))));
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 4 && buffered.length >= 4 + buffered.readInt32BE(0)) {
        const body = buffered.subarray(4, 4 + buffered.readInt32BE(0));
        buffered = buffered.subarray(4 + body.length);
        if (stage === 'exists') {
          socket.write(frame(closeSessionRequest()));
          settle(...existsReply(body));
          return;
        }
        stage = 'exists';
        socket.write(frame(existsRequest(path)));
      }
    });
  });
}

const OP_EXISTS = 3;
const OP_CLOSE_SESSION = -11;
const ERR_OK = 0;
const ERR_NO_NODE = -101;

/** Reads ReplyHeader {xid int32, zxid int64, err int32}: the znode exists, is absent, or an error. */
function existsReply(reply: Buffer): [Error | undefined, boolean] {
  const err = reply.length >= 16 ? reply.readInt32BE(12) : NaN;
  if (err === ERR_OK) return [undefined, true];
  if (err === ERR_NO_NODE) return [undefined, false];
  return [new Error(`ZooKeeper exists() failed with error code ${err}`), false];
}

function closeSessionRequest(): Buffer {
  const b = Buffer.alloc(8);
  b.writeInt32BE(2, 0); // xid
  b.writeInt32BE(OP_CLOSE_SESSION, 4);
  return b;
}

function frame(body: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeInt32BE(body.length, 0);
  return Buffer.concat([len, body]);
}

function connectRequest(timeoutMs: number): Buffer {
  // protocolVersion int32, lastZxidSeen int64, timeOut int32, sessionId int64,
  // passwd (int32 length + 16 zero bytes), readOnly bool.
  const b = Buffer.alloc(4 + 8 + 4 + 8 + 4 + 16 + 1);
  b.writeInt32BE(timeoutMs, 12);
  b.writeInt32BE(16, 24);
  return b;
}

function existsRequest(path: string): Buffer {
  const p = Buffer.from(path, 'utf8');
  const b = Buffer.alloc(8 + 4 + p.length + 1);
  b.writeInt32BE(1, 0); // xid
  b.writeInt32BE(OP_EXISTS, 4);
  b.writeInt32BE(p.length, 8);
  p.copy(b, 12);
  return b; // last byte: watch = false
}
