import { createServer, Server } from 'node:net';
import { freePort } from '../../../scripts/hbase/free-port';
import { zkExists } from '../../../scripts/hbase/zk-probe';

function listen(onConnection: Parameters<typeof createServer>[1]): Promise<[Server, number]> {
  const server = createServer(onConnection);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve([server, typeof address === 'object' && address !== null ? address.port : 0]);
  }));
}

describe('zkExists', () => {
  it('fails when nothing listens', async () => {
    await expect(zkExists('127.0.0.1', await freePort(), '/hbase')).rejects.toThrow();
  });

  // Regression: a starting ZooKeeper drops connections; the probe once hung there and, with no
  // other handle alive, Node exited silently with code 0 in the middle of HBase's start.
  it('fails when the server accepts and closes the connection', async () => {
    const [server, port] = await listen((socket) => socket.destroy());
    try {
      await expect(zkExists('127.0.0.1', port, '/hbase')).rejects.toThrow(/closed the connection/);
    } finally {
      server.close();
    }
  });

  it('fails when the server never answers', async () => {
    const [server, port] = await listen(() => undefined);
    try {
      await expect(zkExists('127.0.0.1', port, '/hbase', 300)).rejects.toThrow(/did not answer/);
    } finally {
      server.close();
    }
  });
});
