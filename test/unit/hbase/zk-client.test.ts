/**
 * readZnodes over loopback against a scripted peer speaking ZooKeeper's jute framing: session
 * handshake, GetData replies (data, NONODE), and failover to the next server of the quorum.
 */
import { type AddressInfo, type Server, createServer } from 'node:net';
import { FrameDecoder } from '../../../src/storage/hbase/rpc/frame-decoder';
import { NoNodeError, ZooKeeperError, readZnodes } from '../../../src/storage/hbase/zk/zk-client';

const packet = (body: Buffer): Buffer => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
};

/** A fake ZooKeeper holding `nodes`; records the paths asked for. */
async function fakeZk(nodes: Record<string, Buffer>) {
  const asked: string[] = [];
  const server: Server = createServer((sock) => {
    const decoder = new FrameDecoder(1 << 20);
    let handshaken = false;
    sock.on('data', (chunk) => {
      for (const p of decoder.push(chunk)) {
        if (!handshaken) {
          handshaken = true;
          const res = Buffer.alloc(4 + 4 + 8 + 4 + 16 + 1);
          res.writeInt32BE(6000, 4);
          res.writeBigInt64BE(77n, 8);
          res.writeInt32BE(16, 16);
          sock.write(packet(res));
          continue;
        }
        const xid = p.readInt32BE(0);
        const type = p.readInt32BE(4);
        if (type !== 4) continue; // close
        const path = p.subarray(12, 12 + p.readInt32BE(8)).toString();
        asked.push(path);
        const head = Buffer.alloc(16);
        head.writeInt32BE(xid, 0);
        const data = nodes[path];
        if (!data) {
          head.writeInt32BE(-101, 12);
          sock.write(packet(head));
          continue;
        }
        const len = Buffer.alloc(4);
        len.writeInt32BE(data.length);
        sock.write(packet(Buffer.concat([head, len, data, Buffer.alloc(68)])));
      }
    });
    sock.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { asked, port: (server.address() as AddressInfo).port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('readZnodes', () => {
  it('reads several znodes in one session', async () => {
    const zk = await fakeZk({ '/hbase/master': Buffer.from('M'), '/hbase/meta-region-server': Buffer.from('R') });
    const got = await readZnodes(`127.0.0.1:${zk.port}`, ['/hbase/meta-region-server', '/hbase/master'], 2000);
    expect(got.map(String)).toEqual(['R', 'M']);
    expect(zk.asked).toEqual(['/hbase/meta-region-server', '/hbase/master']);
    await zk.close();
  });

  it('answers NoNodeError for a missing znode without asking the next server', async () => {
    const zk = await fakeZk({});
    await expect(readZnodes(`127.0.0.1:${zk.port},127.0.0.1:1`, ['/hbase/master'], 2000)).rejects.toBeInstanceOf(NoNodeError);
    await zk.close();
  });

  it('fails over to the next server of the quorum when one is down', async () => {
    const zk = await fakeZk({ '/x': Buffer.from('ok') });
    const dead = await fakeZk({});
    const deadPort = dead.port;
    await dead.close();
    const got = await readZnodes(`127.0.0.1:${deadPort},127.0.0.1:${zk.port}`, ['/x'], 2000);
    expect(got[0].toString()).toBe('ok');
    await zk.close();
  });

  it('gives up with a ZooKeeperError when no server answers in time', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    await expect(readZnodes(`127.0.0.1:${port}`, ['/x'], 200)).rejects.toThrow(ZooKeeperError);
    silent.close();
  });
});
