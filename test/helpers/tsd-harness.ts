/**
 * Starts a real TSD (embedded store in a temp dir, ephemeral port) for socket-level tests, and gives
 * small clients for its HTTP and telnet sides.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Config } from '../../src/config/config';
import { memoryLogger } from '../../src/logging/logger';
import { startDaemon, type Daemon } from '../../src/tsd/daemon';
import { TSDB } from '../../src/tsdb';

export interface TestTsd {
  readonly tsdb: TSDB;
  readonly daemon: Daemon;
  readonly url: string;
  readonly port: number;
  readonly logLines: string[];
  stop(): Promise<void>;
}

export async function startTestTsd(overrides: Record<string, string> = {}): Promise<TestTsd> {
  const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-test-'));
  const config = new Config({
    'tsd.network.port': '0',
    'tsd.network.bind': '127.0.0.1',
    'tsd.storage.embedded.path': dir,
    ...overrides,
  });
  const { logger, lines } = memoryLogger();
  const tsdb = await TSDB.open(config, logger);
  const daemon = await startDaemon(tsdb);
  const port = daemon.address.port;
  return {
    tsdb,
    daemon,
    port,
    url: `http://127.0.0.1:${port}`,
    logLines: lines,
    async stop() {
      await daemon.close();
      await tsdb.shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Sends `input` over a telnet connection and collects what comes back until `expectLines` lines
 * arrived or the server closed the connection (or `timeoutMs` passed).
 */
export function telnet(port: number, input: string | Buffer, expectLines = Infinity, timeoutMs = 5000): Promise<{ lines: string[]; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let done = false;
    const finish = (closed: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const lines = text.split('\n');
      lines.pop();
      resolve({ lines, closed });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('connect', () => socket.write(input));
    socket.on('data', (d) => {
      text += d.toString('latin1');
      if (text.split('\n').length - 1 >= expectLines) finish(false);
    });
    socket.on('close', () => finish(true));
    socket.on('error', (e) => (done ? undefined : reject(e)));
  });
}
