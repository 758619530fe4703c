/**
 * Query benchmark on the embedded store: deterministic gauges at a 10 s interval over 24 h — 1 series
 * of `bench.one`, 100 of `bench.hundred`, 1,000 of `bench.thousand` (tags host and dc, 10 dcs) —
 * packed into compacted rows, then queried over HTTP. Prints p50/p99 per query:
 *
 *   1 series × 24 h raw;  100 series × 24 h sum + 1m-avg;  1,000 series × 24 h sum + 1m-avg by dc
 *
 *   node dist/scripts/bench/query.js [--runs 15] [--hours 24]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Config } from '../../src/config/config';
import { encodeDouble, encodeInteger } from '../../src/core/value-codec';
import { Logger } from '../../src/logging/logger';
import { startDaemon } from '../../src/tsd/daemon';
import { TSDB } from '../../src/tsdb';
import { argNumber } from './bench-args';
import { percentile } from './sample-stats';

const RUNS = argNumber('runs', 15);
const HOURS = argNumber('hours', 24);
const START = 1_700_000_000 - (1_700_000_000 % 3600);
const STEP = 10;

async function load(tsdb: TSDB, metric: string, series: number): Promise<number> {
  let points = 0;
  for (let s = 0; s < series; s++) {
    const id = await tsdb.resolvePoint(metric, START, encodeInteger(0), { host: `h${s}`, dc: `dc${s % 10}` });
    let v = s % 100;
    for (let t = START; t < START + HOURS * 3600; t += STEP) {
      v = (v * 1103515245 + 12345) % 1000;
      // Two in three series are integer gauges, the others doubles.
      tsdb.writePoint(id, t, s % 3 === 2 ? encodeDouble(v / 10) : encodeInteger(v));
      points++;
    }
    if (s % 50 === 49) await tsdb.flush();
  }
  return points;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-bench-query-'));
  const logger = new Logger('bench');
  logger.setLevel('WARN');
  const config = new Config({ 'tsd.storage.embedded.path': dir, 'tsd.core.auto_create_metrics': 'true', 'tsd.network.port': '0', 'tsd.network.bind': '127.0.0.1' });
  let tsdb = await TSDB.open(config, logger);
  const t0 = performance.now();
  let points = 0;
  points += await load(tsdb, 'bench.one', 1);
  points += await load(tsdb, 'bench.hundred', 100);
  points += await load(tsdb, 'bench.thousand', 1000);
  await tsdb.shutdown();
  console.log(`loaded ${points.toLocaleString()} points in ${((performance.now() - t0) / 1000).toFixed(1)} s (packed into compacted rows)`);

  tsdb = await TSDB.open(config, logger);
  const daemon = await startDaemon(tsdb);
  const url = `http://127.0.0.1:${daemon.address.port}`;
  const end = START + HOURS * 3600 - 1;
  const queries: [string, string][] = [
    ['1 series × 24 h raw', `m=sum:bench.one`],
    ['100 series × 24 h sum + 1m-avg', `m=sum:1m-avg:bench.hundred`],
    ['1,000 series × 24 h sum + 1m-avg by dc', `m=sum:1m-avg:bench.thousand{dc=*}`],
  ];
  for (const [name, m] of queries) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS + 2; i++) {
      const q0 = performance.now();
      const res = await fetch(`${url}/api/query?start=${START}&end=${end}&${m}`);
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${name}: ${res.status} ${body.slice(0, 300)}`);
      if (i >= 2) times.push(performance.now() - q0); // the first two warm the caches
      bytes = body.length;
    }
    console.log(`RESULT ${name}: p50 ${percentile(times, 50).toFixed(0)} ms, p99 ${percentile(times, 99).toFixed(0)} ms (${RUNS} runs, ${(bytes / 1024).toFixed(0)} KiB answer)`);
  }
  await daemon.close();
  await tsdb.shutdown();
  rmSync(dir, { recursive: true, force: true });
}

void main();
