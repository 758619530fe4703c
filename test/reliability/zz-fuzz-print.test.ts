import { runFuzz } from './fuzz/fuzz-run';
test('print', async () => {
  const f = await runFuzz({ seed: 1, telnetConnections: 18, telnetLanes: 4, linesPerConnection: 5000, httpRequests: 10000, httpWorkers: 6, longLines: 2, slowSenders: 2, stalled: 10, timeoutMs: 30000, heapLimitMb: 128, log: (l) => process.stdout.write(l + '\n') });
  process.stdout.write(JSON.stringify(f, null, 1) + '\n');
}, 300000);
