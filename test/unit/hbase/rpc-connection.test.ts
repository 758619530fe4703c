/**
 * RpcConnection over a real loopback socket against a scripted peer that speaks the server side of
 * the framing: checks the preamble, answers out of order, times out, and drops the socket.
 */
import { type AddressInfo, type Server, type Socket, createServer } from 'node:net';
import protobuf from 'protobufjs';
import { messageType } from '../../../src/storage/hbase/proto/hbase-proto';
import { FrameDecoder } from '../../../src/storage/hbase/rpc/frame-decoder';
import { CallTimeoutError, RegionMovedError, ServerDeadError } from '../../../src/storage/hbase/rpc/hbase-errors';
import { RpcConnection } from '../../../src/storage/hbase/rpc/rpc-connection';

interface Received {
  callId: number;
  method: string;
  param: Buffer;
}

function respond(sock: Socket, header: object, body?: Buffer): void {
  const w = protobuf.Writer.create();
  const t = messageType('ResponseHeader');
  t.encodeDelimited(t.fromObject(header), w);
  if (body) w.bytes(body);
  const frame = w.finish();
  const len = Buffer.alloc(4);
  len.writeUInt32BE(frame.length);
  sock.write(Buffer.concat([len, frame]));
}

/** A peer that records the preamble and each call, and hands calls to `onCall`. */
async function peer(onCall: (sock: Socket, call: Received, all: Received[]) => void) {
  const state = { preamble: Buffer.alloc(0), calls: [] as Received[] };
  const server: Server = createServer((sock) => {
    let buf = Buffer.alloc(0);
    let decoder: FrameDecoder | undefined;
    sock.on('data', (chunk) => {
      if (!decoder) {
        buf = Buffer.concat([buf, chunk]);
        if (buf.length < 10 || buf.length < 10 + buf.readUInt32BE(6)) return;
        const headerEnd = 10 + buf.readUInt32BE(6);
        state.preamble = buf.subarray(0, 6);
        decoder = new FrameDecoder(1 << 20);
        chunk = buf.subarray(headerEnd);
      }
      for (const f of decoder.push(chunk)) {
        const r = protobuf.Reader.create(f);
        const h = messageType('RequestHeader').decodeDelimited(r) as unknown as { call_id: number; method_name: string };
        const len = r.uint32();
        const call = { callId: h.call_id, method: h.method_name, param: f.subarray(r.pos, r.pos + len) };
        state.calls.push(call);
        onCall(sock, call, state.calls);
      }
    });
    sock.on('error', () => undefined);
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const port = (server.address() as AddressInfo).port;
  const connect = () => RpcConnection.connect({ host: '127.0.0.1', port, service: 'ClientService', user: 'test', connectTimeoutMs: 2000, maxFrameBytes: 1 << 20 });
  return { state, connect, close: () => new Promise<void>((res) => server.close(() => res())) };
}

describe('RpcConnection', () => {
  it('sends the preamble, matches answers that come back out of order by call id', async () => {
    const p = await peer((sock, _call, all) => {
      if (all.length < 3) return;
      for (const c of [...all].reverse()) respond(sock, { call_id: c.callId }, Buffer.concat([Buffer.from(c.method), c.param]));
    });
    const conn = await p.connect();
    const replies = await Promise.all(['A', 'B', 'C'].map((m, i) => conn.call(m, Buffer.from([i]), 2000)));
    expect(replies.map((r) => r.body.toString('hex'))).toEqual(['4100', '4201', '4302']);
    expect(p.state.preamble.toString('hex')).toBe('484261730050');
    expect(p.state.calls.map((c) => c.callId)).toEqual([0, 1, 2]);
    conn.close();
    await p.close();
  });

  it('rejects a call with the classified remote exception', async () => {
    const p = await peer((sock, c) =>
      respond(sock, { call_id: c.callId, exception: { exception_class_name: 'org.apache.hadoop.hbase.NotServingRegionException', stack_trace: 'org.apache.hadoop.hbase.NotServingRegionException: r1 is closing\n\tat x' } }),
    );
    const conn = await p.connect();
    await expect(conn.call('Get', Buffer.alloc(0), 2000)).rejects.toThrow(RegionMovedError);
    await expect(conn.call('Get', Buffer.alloc(0), 2000)).rejects.toThrow('r1 is closing');
    conn.close();
    await p.close();
  });

  it('times a call out without disturbing the others, and ignores its late answer', async () => {
    const p = await peer((sock, c) => {
      if (c.method === 'Slow') setTimeout(() => respond(sock, { call_id: c.callId }, Buffer.from('late')), 200);
      else respond(sock, { call_id: c.callId }, Buffer.from('fast'));
    });
    const conn = await p.connect();
    const slow = conn.call('Slow', Buffer.alloc(0), 50);
    await expect(slow).rejects.toThrow(CallTimeoutError);
    expect((await conn.call('Fast', Buffer.alloc(0), 2000)).body.toString()).toBe('fast');
    await new Promise((r) => setTimeout(r, 250));
    expect((await conn.call('Fast', Buffer.alloc(0), 2000)).body.toString()).toBe('fast');
    conn.close();
    await p.close();
  });

  it('fails every call in flight at once when the socket drops, and refuses new calls', async () => {
    const p = await peer((sock, _c, all) => {
      if (all.length === 5) sock.destroy();
    });
    const conn = await p.connect();
    const closed: Error[] = [];
    conn.onClose((e) => closed.push(e));
    const started = Date.now();
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => conn.call(`M${i}`, Buffer.alloc(0), 10_000)));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof ServerDeadError)).toBe(true);
    expect(closed).toHaveLength(1);
    expect(conn.closed).toBe(true);
    await expect(conn.call('After', Buffer.alloc(0), 1000)).rejects.toThrow(ServerDeadError);
    await p.close();
  });

  it('treats an answer with call id -1 as the server refusing the connection', async () => {
    const p = await peer((sock) => respond(sock, { call_id: 0xffffffff, exception: { exception_class_name: 'org.apache.hadoop.hbase.ipc.FatalConnectionException' } }));
    const conn = await p.connect();
    await expect(conn.call('Get', Buffer.alloc(0), 2000)).rejects.toThrow(/refused the connection \(org.apache.hadoop.hbase.ipc.FatalConnectionException\)/);
    await p.close();
  });

  it('fails the connection on an oversized frame instead of buffering it', async () => {
    const p = await peer((sock) => sock.write(Buffer.from([0x7f, 0, 0, 0])));
    const conn = await p.connect();
    await expect(conn.call('Get', Buffer.alloc(0), 2000)).rejects.toThrow(/Bad response .*limit/);
    await p.close();
  });

  it('reports a refused connection as a dead server', async () => {
    const p = await peer(() => undefined);
    const conn = await p.connect();
    conn.close();
    await p.close();
    await expect(p.connect()).rejects.toThrow(ServerDeadError);
  });
});
