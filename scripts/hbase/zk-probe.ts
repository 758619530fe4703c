import { connect, Socket } from 'node:net';

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
    const fail = (err: Error): void => {
      socket.destroy();
      reject(err);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`ZooKeeper at ${host}:${port} did not answer`)));
    socket.once('error', fail);
    socket.once('connect', () => socket.write(frame(connectRequest(timeoutMs))));
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 4 && buffered.length >= 4 + buffered.readInt32BE(0)) {
        const body = buffered.subarray(4, 4 + buffered.readInt32BE(0));
        buffered = buffered.subarray(4 + body.length);
        if (stage === 'connect') {
          stage = 'exists';
          socket.write(frame(existsRequest(path)));
        } else {
          finish(socket, body, resolve, fail);
          return;
        }
      }
    });
  });
}

const OP_EXISTS = 3;
const OP_CLOSE_SESSION = -11;
const ERR_OK = 0;
const ERR_NO_NODE = -101;

function finish(socket: Socket, reply: Buffer, resolve: (b: boolean) => void, fail: (e: Error) => void): void {
  // ReplyHeader: xid int32, zxid int64, err int32.
  const err = reply.length >= 16 ? reply.readInt32BE(12) : NaN;
  const close = Buffer.alloc(8);
  close.writeInt32BE(2, 0);
  close.writeInt32BE(OP_CLOSE_SESSION, 4);
  socket.end(frame(close));
  if (err === ERR_OK) resolve(true);
  else if (err === ERR_NO_NODE) resolve(false);
  else fail(new Error(`ZooKeeper exists() failed with error code ${err}`));
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
