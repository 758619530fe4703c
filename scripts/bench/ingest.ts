/**
 * Ingest into tsd-ts alone, for work on the write path: the benchmark's dataset and clients against
 * one TSD process (optionally under `node --cpu-prof`) on the embedded store or on fresh tables of an
 * HBase started for the run, printing points taken in per second, peak RSS and, for telnet, bytes per
 * point at rest. `npm run bench` compares it with its peers.
 *
 *   node dist/scripts/bench/ingest.js [--mode telnet|http] [--backend embedded|hbase] [--steps 360]
 *        [--hosts 1000] [--metrics 10] [--connections 4] [--batch 50] [--inflight 8] [--profile dir]
 */
import { argNumber, argText } from './bench-args';
import { BenchHBase } from './bench-hbase';
import { DevopsDataset } from './devops-dataset';
import { waitTakenIn } from './ingest-phase';
import { sendHttpPut, sendTelnet } from './load-clients';
import { profileSummary } from './profile-summary';
import { load1, PeakRss } from './proc-stats';
import { tsdTsEmbedded, tsdTsOnHBase } from './targets/tsd-ts-target';

async function main(): Promise<void> {
  const mode = argText('mode', 'telnet');
  const steps = argNumber('steps', 360);
  const profileDir = argText('profile', '') || undefined;
  const data = new DevopsDataset({ hosts: argNumber('hosts', 1000), metrics: argNumber('metrics', 10), start: 1_700_000_000 - (1_700_000_000 % 3600) });
  const hbase = argText('backend', 'embedded') === 'hbase' ? await BenchHBase.start(2048) : undefined;
  try {
    await ingest(mode, steps, data, hbase, profileDir);
  } finally {
    await hbase?.stop();
  }
}

async function ingest(mode: string, steps: number, data: DevopsDataset, hbase: BenchHBase | undefined, profileDir: string | undefined): Promise<void> {
  const kind = hbase ? tsdTsOnHBase(hbase, { profileDir }) : tsdTsEmbedded({ profileDir });
  const storage = await kind.prepare();
  const tsd = await storage.start();
  try {
    console.log(`ingest: ${mode}, ${data.series.length.toLocaleString('en-US')} series × ${steps} steps into ${kind.name}`);
    const rss = new PeakRss(tsd.pid);
    const t0 = performance.now();
    const sent = mode === 'telnet'
      ? await sendTelnet(tsd.telnetPort, data, steps, argNumber('connections', 4))
      : await sendHttpPut(tsd.httpPort, data, steps, argNumber('batch', 50), argNumber('inflight', 8));
    await waitTakenIn(tsd, sent.sent - (mode === 'telnet' ? sent.errors : 0));
    const seconds = (performance.now() - t0) / 1000;
    console.log(`RESULT ${mode}: ${sent.sent.toLocaleString('en-US')} points in ${seconds.toFixed(1)} s = ` +
      `${Math.round(sent.sent / seconds).toLocaleString('en-US')} points/s; peak RSS ${rss.stop()} MiB; ${sent.errors} errors; load ${load1()}`);
  } finally {
    await tsd.stop();
  }
  await hbase?.compact(storage.hbaseDataTables);
  if (mode === 'telnet') console.log(`bytes per point at rest: ${((await storage.bytesOnDisk()) / (data.series.length * steps)).toFixed(2)}`);
  await storage.discard();
  if (profileDir) console.log(profileSummary(profileDir));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
